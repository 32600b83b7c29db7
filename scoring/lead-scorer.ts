import { and, count, desc, eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { leads, scoringAdjustments, scoringModels } from '../db/schema/index.ts';
import { probabilityOf, topContributions } from './explained-score.ts';
import type { LeadFeatures, RecordRef } from './lead-features.ts';
import { describeContribution, type ReasonText } from './lead-reasons.ts';
import { parseModel } from './model-file.ts';
import { explainWithRules } from './rule-prior.ts';
import { applyAdjustments, NO_ADJUSTMENTS, type ScoreAdjustments } from './score-adjustments.ts';
import { type ExplainedScore, explainWithModel, type TrainedModel } from './trained-model.ts';

/** Below either count a tenant is scored by the rule prior (cold start). */
export const COLD_START = { leads: 1000, conversions: 120 };

/** Which scorer is in use for a tenant, and why. */
export type ActiveScorer =
  | { kind: 'rule'; modelId: null; reason: string }
  | { kind: 'trained'; modelId: string; model: TrainedModel; reason: string };

/** The newest adjustments of a tenant; version 0 means none were ever set. */
export interface ActiveAdjustments {
  version: number;
  adjustments: ScoreAdjustments;
}

/** Score bands for lists and the heat map. */
export type ScoreBand = 'hot' | 'warm' | 'cool' | 'cold';

/** One factor behind a score, in words, with the records it rests on. */
export interface LeadReason {
  feature: string;
  value: string | number | boolean | null;
  /** Log-odds this factor adds (negative: takes away). */
  impact: number;
  text: ReasonText;
  records: RecordRef[];
}

/** A lead's score, its band, its top reasons and what produced it. */
export interface LeadScore {
  leadId: string;
  score: number;
  band: ScoreBand;
  scorer: { kind: 'rule' | 'trained'; modelId: string | null; reason: string };
  adjustmentVersion: number;
  reasons: LeadReason[];
  computedAt: string;
}

/** The tenant's active trained model if it has one, else the rule prior with the reason. */
export async function loadActiveScorer(db: Database, tenantId: string): Promise<ActiveScorer> {
  const [active] = await db
    .select()
    .from(scoringModels)
    .where(
      and(
        eq(scoringModels.tenantId, tenantId),
        eq(scoringModels.active, true),
        eq(scoringModels.kind, 'trained'),
      ),
    )
    .orderBy(desc(scoringModels.trainedAt))
    .limit(1);
  if (active) {
    return {
      kind: 'trained',
      modelId: active.id,
      model: parseModel(JSON.stringify(active.params), `model ${active.id}`),
      reason: `trained on the tenant's history at ${active.trainedAt.toISOString()}`,
    };
  }
  return { kind: 'rule', modelId: null, reason: await coldStartReason(db, tenantId) };
}

async function coldStartReason(db: Database, tenantId: string): Promise<string> {
  const [row] = await db
    .select({ leads: count(), conversions: count(leads.convertedAt) })
    .from(leads)
    .where(eq(leads.tenantId, tenantId));
  const total = row?.leads ?? 0;
  const conversions = row?.conversions ?? 0;
  const enough = total >= COLD_START.leads && conversions >= COLD_START.conversions;
  return enough
    ? `rule prior: enough history (${total} leads, ${conversions} conversions) ` +
        'but no model trained yet; run `npm run score:train`'
    : `rule prior: ${total} leads and ${conversions} conversions, below the ` +
        `${COLD_START.leads} leads and ${COLD_START.conversions} conversions a trained model needs`;
}

/** The newest adjustments of a tenant, or none. */
export async function loadActiveAdjustments(
  db: Database,
  tenantId: string,
): Promise<ActiveAdjustments> {
  const [latest] = await db
    .select()
    .from(scoringAdjustments)
    .where(eq(scoringAdjustments.tenantId, tenantId))
    .orderBy(desc(scoringAdjustments.version))
    .limit(1);
  if (!latest) return { version: 0, adjustments: NO_ADJUSTMENTS };
  return {
    version: latest.version,
    adjustments: { ...NO_ADJUSTMENTS, ...latest.multipliers } as ScoreAdjustments,
  };
}

/** The breakdown of a lead's score under a scorer and adjustments, before it is put in words. */
export function explainLead(
  features: LeadFeatures,
  scorer: ActiveScorer,
  adjustments: ScoreAdjustments,
): ExplainedScore {
  const explained =
    scorer.kind === 'trained'
      ? explainWithModel(scorer.model, features.record)
      : explainWithRules(features.record);
  return applyAdjustments(explained, features, adjustments);
}

export interface ScoreFeaturesOptions {
  scorer: ActiveScorer;
  adjustments: ActiveAdjustments;
  now: Date;
}

/** Scores a lead's features and puts the top factors in words, each with its records. */
export function scoreLeadFeatures(
  features: LeadFeatures,
  options: ScoreFeaturesOptions,
): LeadScore {
  const explained = explainLead(features, options.scorer, options.adjustments.adjustments);
  const score = probabilityOf(explained);
  const reasons = topContributions(explained).map((part) => ({
    feature: part.feature,
    value: part.value instanceof Date ? part.value.toISOString() : (part.value ?? null),
    impact: Math.round(part.logOdds * 1000) / 1000,
    text: describeContribution(part),
    records: newestFirst(features.evidence[part.feature] ?? []),
  }));

  return {
    leadId: features.leadId,
    score: Math.round(score * 10_000) / 10_000,
    band: scoreBand(score),
    scorer: {
      kind: options.scorer.kind,
      modelId: options.scorer.modelId,
      reason: options.scorer.reason,
    },
    adjustmentVersion: options.adjustments.version,
    reasons,
    computedAt: options.now.toISOString(),
  };
}

/** The records behind a factor, newest first, at most five. */
function newestFirst(records: RecordRef[]): RecordRef[] {
  return [...records].sort((a, b) => (b.at ?? '').localeCompare(a.at ?? '')).slice(0, MAX_RECORDS);
}

const MAX_RECORDS = 5;

/** hot ≥ 50%, warm ≥ 25%, cool ≥ 10%, cold below. */
export function scoreBand(score: number): ScoreBand {
  if (score >= 0.5) return 'hot';
  if (score >= 0.25) return 'warm';
  if (score >= 0.1) return 'cool';
  return 'cold';
}
