import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { scoringModels, tenants } from '../db/schema/index.ts';
import { InputError } from '../lib/errors.ts';
import { probabilityOf } from './explained-score.ts';
import { labelledLeads } from './labelled-leads.ts';
import { loadLeadHistories } from './lead-history.ts';
import { COLD_START } from './lead-scorer.ts';
import { type ScoreMetrics, scoreMetrics } from './metrics.ts';
import { explainWithRules } from './rule-prior.ts';
import { trainModel } from './train-model.ts';

export interface TrainTenantModelOptions {
  /** The tenant by slug; the only tenant when omitted. */
  tenantSlug?: string;
  now: Date;
  /** Overrides the cold-start thresholds (tests train on small tenants). */
  coldStart?: { leads: number; conversions: number };
  onProgress?: (fraction: number) => void;
}

/** What training did: which scorer is now in use and how each performs. */
export interface TrainTenantReport {
  tenantId: string;
  tenantSlug: string;
  labelledLeads: number;
  conversions: number;
  scorer: 'rule' | 'trained';
  reason: string;
  modelId: string | null;
  ruleMetrics: ScoreMetrics;
  modelMetrics: ScoreMetrics | null;
}

/**
 * Trains a tenant's model from its lead history and makes it active, or keeps the
 * rule prior when the tenant has too little history (cold start).
 */
export async function trainTenantModel(
  db: Database,
  options: TrainTenantModelOptions,
): Promise<TrainTenantReport> {
  const tenant = await findTenant(db, options.tenantSlug);
  const histories = await loadLeadHistories(db, { tenantId: tenant.id });
  const labelled = labelledLeads(histories, options.now);
  const labels = labelled.map((lead) => lead.label);
  const conversions = labels.filter((label) => label === 1).length;
  const ruleScores = labelled.map((lead) => probabilityOf(explainWithRules(lead.features.record)));
  const base = {
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    labelledLeads: labelled.length,
    conversions,
    ruleMetrics: scoreMetrics(ruleScores, labels),
  };

  const thresholds = options.coldStart ?? COLD_START;
  if (labelled.length < thresholds.leads || conversions < thresholds.conversions) {
    const reason =
      `${labelled.length} labelled leads and ${conversions} conversions, ` +
      `below the ${thresholds.leads} and ${thresholds.conversions} a trained model needs`;
    return { ...base, scorer: 'rule', reason, modelId: null, modelMetrics: null };
  }

  const model = trainModel({
    records: labelled.map((lead) => lead.features.record),
    labels,
    labelColumn: 'converted',
    timeColumn: 'created_at',
    now: options.now,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const modelId = await activateModel(db, {
    tenantId: tenant.id,
    params: model as unknown as Record<string, unknown>,
    metrics: model.validation.model as unknown as Record<string, unknown>,
    trainedAt: options.now,
  });
  const reason = `trained on ${labelled.length} labelled leads`;
  return { ...base, scorer: 'trained', reason, modelId, modelMetrics: model.validation.model };
}

async function findTenant(db: Database, slug: string | undefined) {
  const rows = await db
    .select({ id: tenants.id, slug: tenants.slug })
    .from(tenants)
    .where(slug ? eq(tenants.slug, slug) : undefined);
  if (rows.length === 1 && rows[0]) return rows[0];
  const slugs = rows.map((row) => row.slug).join(', ') || 'none';
  throw new InputError({
    code: slug ? 'tenant_not_found' : 'tenant_ambiguous',
    message: slug
      ? `No tenant with slug "${slug}"; check --tenant.`
      : `The database has ${rows.length} tenants; name one with --tenant <slug> (${slugs}).`,
  });
}

async function activateModel(
  db: Database,
  values: {
    tenantId: string;
    params: Record<string, unknown>;
    metrics: Record<string, unknown>;
    trainedAt: Date;
  },
): Promise<string> {
  return db.transaction(async (tx) => {
    await tx
      .update(scoringModels)
      .set({ active: false })
      .where(and(eq(scoringModels.tenantId, values.tenantId), eq(scoringModels.active, true)));
    const [row] = await tx
      .insert(scoringModels)
      .values({ ...values, kind: 'trained', active: true })
      .returning({ id: scoringModels.id });
    return (row as { id: string }).id;
  });
}
