import { nearestRank } from '../../lib/nearest-rank.ts';

export { nearestRank };
/** Median and tail latency of a set of turns, in milliseconds. */
export interface LatencySummary {
  count: number;
  p50: number | null;
  p95: number | null;
}

/** p50 and p95 of the turns' latencies. */
export function latencySummary(samples: readonly number[]): LatencySummary {
  return { count: samples.length, p50: nearestRank(samples, 0.5), p95: nearestRank(samples, 0.95) };
}
