import { fitLogistic, sigmoid } from './logistic-regression.ts';

/** Platt scaling: the calibrated probability is sigmoid(slope × logit + offset). */
export interface PlattCalibration {
  slope: number;
  offset: number;
}

/** Leaves log-odds as they are. */
export const IDENTITY_CALIBRATION: PlattCalibration = { slope: 1, offset: 0 };

/**
 * Fits Platt scaling on held-out log-odds, so that a score of 0.3 converts about 30%
 * of the time. Falls back to the identity when the held-out rows have one class only.
 */
export function fitPlatt(logits: readonly number[], labels: readonly number[]): PlattCalibration {
  const positives = labels.filter((label) => label === 1).length;
  if (positives === 0 || positives === labels.length) return IDENTITY_CALIBRATION;

  const model = fitLogistic({
    features: logits.map((value) => [value]),
    labels,
    l2: 1e-3,
    maxIterations: 50,
  });
  return { slope: model.weights[0] ?? 1, offset: model.intercept };
}

/** The calibrated probability for a log-odds value. */
export function calibrate(calibration: PlattCalibration, value: number): number {
  return sigmoid(calibration.slope * value + calibration.offset);
}
