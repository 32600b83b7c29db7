import type { Database } from '../db/client.ts';
import { probabilityOf } from './explained-score.ts';
import { leadFeatures } from './lead-features.ts';
import { loadLeadHistories } from './lead-history.ts';
import { type ActiveScorer, explainLead } from './lead-scorer.ts';
import { areaUnderCurve, precisionAtTop } from './metrics.ts';
import type { ScoreAdjustments } from './score-adjustments.ts';

/** How a setting ranks a set of past leads. */
export interface BacktestRanking {
  /** Null when the window has only one outcome. */
  auc: number | null;
  /** Share of the top 10% that converted. */
  topDecileConversion: number | null;
}

/** The same past leads ranked under the current and the proposed adjustments. */
export interface AdjustmentBacktest {
  window: { from: string; to: string };
  leads: number;
  conversions: number;
  current: BacktestRanking;
  proposed: BacktestRanking;
}

export interface BacktestOptions {
  tenantId: string;
  scorer: ActiveScorer;
  current: ScoreAdjustments;
  proposed: ScoreAdjustments;
  now: Date;
}

const DAY_MS = 86_400_000;
/** Last quarter: leads created 120 to 30 days ago, so most have an outcome by now. */
const WINDOW = { startDaysAgo: 120, endDaysAgo: 30 };

/** Ranks last quarter's leads under the current and the proposed adjustments. */
export async function backtestAdjustments(
  db: Database,
  options: BacktestOptions,
): Promise<AdjustmentBacktest> {
  const from = new Date(options.now.getTime() - WINDOW.startDaysAgo * DAY_MS);
  const to = new Date(options.now.getTime() - WINDOW.endDaysAgo * DAY_MS);
  const histories = await loadLeadHistories(db, {
    tenantId: options.tenantId,
    createdFrom: from,
    createdTo: to,
  });

  // Limitation: features are taken as of conversion (or now), not as of the day of ranking.
  const features = histories.map((history) =>
    leadFeatures(history, history.lead.convertedAt ?? options.now),
  );
  const labels = histories.map((history) => (history.lead.convertedAt ? 1 : 0));
  const rank = (adjustments: ScoreAdjustments): BacktestRanking => {
    const scores = features.map((lead) =>
      probabilityOf(explainLead(lead, options.scorer, adjustments)),
    );
    return ranking(scores, labels);
  };

  return {
    window: { from: from.toISOString(), to: to.toISOString() },
    leads: labels.length,
    conversions: labels.filter((label) => label === 1).length,
    current: rank(options.current),
    proposed: rank(options.proposed),
  };
}

function ranking(scores: number[], labels: number[]): BacktestRanking {
  const auc = areaUnderCurve(scores, labels);
  const top = precisionAtTop(scores, labels, 0.1);
  return {
    auc: Number.isNaN(auc) ? null : round(auc),
    topDecileConversion: Number.isNaN(top) ? null : round(top),
  };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
