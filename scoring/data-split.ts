import { seededRandom } from './seeded-random.ts';

/** Row indexes for fitting, for calibrating, and for the held-out test. */
export interface DataSplit {
  kind: 'time' | 'random';
  fit: number[];
  calibration: number[];
  test: number[];
}

export interface SplitOptions {
  rows: number;
  /** Each row's time in ms, or null; when every row has one the split is by time. */
  times?: readonly (number | null)[] | undefined;
  /** Share held out for the test. Default 0.2. */
  testShare?: number;
  /** Share of the rest used to calibrate. Default 0.2. */
  calibrationShare?: number;
  seed?: number;
}

/**
 * Splits rows into fit, calibration and test: by time when dates exist (the newest
 * rows are held out, as they would be in use), otherwise at random with a fixed seed.
 */
export function splitRows(options: SplitOptions): DataSplit {
  const order = Array.from({ length: options.rows }, (_, index) => index);
  const times = options.times;
  const byTime = times?.every((time) => time !== null);

  if (byTime) {
    order.sort((a, b) => (times[a] as number) - (times[b] as number));
  } else {
    shuffle(order, options.seed ?? 42);
  }

  const testSize = Math.round(order.length * (options.testShare ?? 0.2));
  const trainEnd = order.length - testSize;
  const calibrationSize = Math.round(trainEnd * (options.calibrationShare ?? 0.2));
  return {
    kind: byTime ? 'time' : 'random',
    fit: order.slice(0, trainEnd - calibrationSize),
    calibration: order.slice(trainEnd - calibrationSize, trainEnd),
    test: order.slice(trainEnd),
  };
}

function shuffle(values: number[], seed: number): void {
  const random = seededRandom(seed);
  for (let i = values.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [values[i], values[j]] = [values[j] as number, values[i] as number];
  }
}
