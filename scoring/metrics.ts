/** Held-out quality of a scorer, the numbers `score:train` prints. */
export interface ScoreMetrics {
  rows: number;
  positives: number;
  baseRate: number;
  /** Area under the ROC curve; 0.5 is chance. */
  auc: number;
  /** Share of conversions among the top 10% of scores. */
  precisionTopDecile: number;
  /** Mean squared error of the probabilities; lower is better. */
  brier: number;
}

/** Computes AUC, precision in the top decile, Brier score and base rate. */
export function scoreMetrics(scores: readonly number[], labels: readonly number[]): ScoreMetrics {
  const positives = labels.reduce((sum, label) => sum + label, 0);

  return {
    rows: labels.length,
    positives,
    baseRate: labels.length === 0 ? 0 : positives / labels.length,
    auc: areaUnderCurve(scores, labels),
    precisionTopDecile: precisionAtTop(scores, labels, 0.1),
    brier: brierScore(scores, labels),
  };
}

/** AUC by the rank-sum formula, with tied scores sharing their average rank. */
export function areaUnderCurve(scores: readonly number[], labels: readonly number[]): number {
  const order = scores.map((_, index) => index).sort((a, b) => (scores[a] ?? 0) - (scores[b] ?? 0));
  const ranks = new Array<number>(scores.length);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (
      end + 1 < order.length &&
      scores[order[end + 1] as number] === scores[order[start] as number]
    )
      end += 1;
    const averageRank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i += 1) ranks[order[i] as number] = averageRank;
    start = end + 1;
  }

  const positives = labels.filter((label) => label === 1).length;
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;

  const positiveRankSum = labels.reduce(
    (sum, label, i) => sum + (label === 1 ? (ranks[i] as number) : 0),
    0,
  );
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Share of positives among the highest-scored `fraction` of rows (at least one row). */
export function precisionAtTop(
  scores: readonly number[],
  labels: readonly number[],
  fraction: number,
): number {
  if (scores.length === 0) return Number.NaN;
  const take = Math.max(1, Math.round(scores.length * fraction));
  const order = scores.map((_, index) => index).sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0));
  const hits = order.slice(0, take).reduce((sum, index) => sum + (labels[index] ?? 0), 0);
  return hits / take;
}

/** Mean squared difference between probability and outcome. */
export function brierScore(scores: readonly number[], labels: readonly number[]): number {
  if (scores.length === 0) return Number.NaN;
  const total = scores.reduce((sum, score, i) => sum + (score - (labels[i] ?? 0)) ** 2, 0);
  return total / scores.length;
}
