/** Median and tail latency of a set of turns, in milliseconds. */
export interface LatencySummary {
  count: number;
  p50: number | null;
  p95: number | null;
}

/**
 * The q-quantile (0–1) by the nearest-rank method: the smallest sample with at least a
 * share q of the samples at or below it. Null for no samples.
 */
export function nearestRank(samples: readonly number[], q: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] ?? null;
}

/** p50 and p95 of the turns' latencies. */
export function latencySummary(samples: readonly number[]): LatencySummary {
  return { count: samples.length, p50: nearestRank(samples, 0.5), p95: nearestRank(samples, 0.95) };
}
