/** How far a signed timestamp may lie from our clock, either way, unless configured otherwise. */
export const DEFAULT_TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

/**
 * Parses a Unix timestamp in whole seconds as platforms send it ("1531420618"); anything else
 * (signs, decimals, exponents, spaces, empty) gives `undefined`.
 */
export function parseUnixSeconds(value: string): number | undefined {
  if (!/^\d{1,12}$/.test(value)) return undefined;
  return Number(value);
}

export interface TimestampWindowOptions {
  /** The request's timestamp in Unix seconds. */
  timestampSeconds: number;
  /** Our clock's current time, injected so that tests and replicas agree. */
  now: Date;
  /** Largest allowed distance in seconds, in the past or the future; 300 unless given. */
  toleranceSeconds?: number;
}

/**
 * Whether a request timestamp is close enough to now, in both directions, to rule out a replay
 * of an old capture and a request signed ahead of time.
 */
export function isWithinTimestampWindow(options: TimestampWindowOptions): boolean {
  // Limitation: a window cannot stop a replay inside it; adapters must also dedupe (dedupe-key.ts).
  const tolerance = options.toleranceSeconds ?? DEFAULT_TIMESTAMP_TOLERANCE_SECONDS;
  const nowSeconds = Math.floor(options.now.getTime() / 1000);
  return Math.abs(nowSeconds - options.timestampSeconds) <= tolerance;
}
