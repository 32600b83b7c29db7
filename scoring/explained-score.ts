import { sigmoid } from './logistic-regression.ts';
import type { Contribution, ExplainedScore } from './trained-model.ts';

/** The probability an explained score stands for. */
export function probabilityOf(explained: ExplainedScore): number {
  const total = explained.contributions.reduce((sum, part) => sum + part.logOdds, explained.base);
  return sigmoid(total);
}

/**
 * The factors that matter most for one score: the largest pushes up first, then the
 * largest pulls down, skipping the negligible ones.
 */
export function topContributions(explained: ExplainedScore, limit = 3): Contribution[] {
  const meaningful = explained.contributions.filter((part) => Math.abs(part.logOdds) >= 0.05);
  const up = meaningful.filter((part) => part.logOdds > 0).sort((a, b) => b.logOdds - a.logOdds);
  const down = meaningful.filter((part) => part.logOdds < 0).sort((a, b) => a.logOdds - b.logOdds);
  const picked = up.slice(0, limit);
  if (picked.length < limit) picked.push(...down.slice(0, limit - picked.length));
  return picked;
}
