/**
 * Ranking metrics for retrieval evals, with binary relevance judged by source id. A
 * result list may hold several chunks of one source: the source counts once, at the rank
 * of its first chunk, and its later chunks neither add nor take away anything.
 */

/** One question's ranking: the source id of each result in rank order, and the answer key. */
export interface RankedJudgement {
  /** Source ids of the results, best first; repeats are allowed. */
  ranked: readonly string[];
  /** Source ids that truly answer the question. */
  relevant: readonly string[];
}

/** The 1-based rank at which each source first appears in the results. */
export function firstRanks(ranked: readonly string[]): Map<string, number> {
  const ranks = new Map<string, number>();
  ranked.forEach((sourceId, index) => {
    if (!ranks.has(sourceId)) ranks.set(sourceId, index + 1);
  });
  return ranks;
}

/** Share of the relevant sources whose first result is within the top k; 0 with no labels. */
export function recallAtK(judgement: RankedJudgement, k: number): number {
  const relevant = new Set(judgement.relevant);
  if (relevant.size === 0) return 0;

  const ranks = firstRanks(judgement.ranked);
  let found = 0;
  for (const sourceId of relevant) {
    const rank = ranks.get(sourceId);
    if (rank !== undefined && rank <= k) found += 1;
  }
  return found / relevant.size;
}

/** 1 / the rank of the first relevant result, or 0 when none was returned. */
export function reciprocalRank(judgement: RankedJudgement): number {
  const relevant = new Set(judgement.relevant);
  const index = judgement.ranked.findIndex((sourceId) => relevant.has(sourceId));
  return index === -1 ? 0 : 1 / (index + 1);
}

/**
 * Normalised discounted cumulative gain at k: each relevant source gains 1 / log2(rank + 1)
 * at its first rank, divided by the gain of the ideal ranking (every relevant source first).
 */
export function ndcgAtK(judgement: RankedJudgement, k: number): number {
  const relevant = new Set(judgement.relevant);
  if (relevant.size === 0) return 0;

  let gain = 0;
  for (const [sourceId, rank] of firstRanks(judgement.ranked)) {
    if (rank <= k && relevant.has(sourceId)) gain += discount(rank);
  }

  let ideal = 0;
  for (let rank = 1; rank <= Math.min(relevant.size, k); rank += 1) ideal += discount(rank);
  return ideal === 0 ? 0 : gain / ideal;
}

/** The arithmetic mean, or 0 for no values. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function discount(rank: number): number {
  return 1 / Math.log2(rank + 1);
}
