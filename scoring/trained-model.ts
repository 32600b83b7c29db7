import type { PlattCalibration } from './calibration.ts';
import { type CellValue, type FeatureRecord, isMissing } from './cell-values.ts';
import { encodeRecord, type FeatureEncoding } from './feature-encoder.ts';
import type { LogisticModel } from './logistic-regression.ts';
import type { ScoreMetrics } from './metrics.ts';

/** Marks a model file written by `score:train`. */
export const MODEL_FORMAT = 'dealwise-lead-model';

/** A trained lead model as stored in a model file or the scoring_models table. */
export interface TrainedModel {
  format: typeof MODEL_FORMAT;
  version: 1;
  trainedAt: string;
  labelColumn: string;
  idColumn: string | null;
  /** The column the held-out split was made by, when the data had dates. */
  timeColumn: string | null;
  encoding: FeatureEncoding;
  logistic: LogisticModel;
  calibration: PlattCalibration;
  /** Held-out metrics of this model and of the base-rate classifier. */
  validation: { split: 'time' | 'random'; model: ScoreMetrics; trainingRows: number };
}

/** One column's share of a score, in log-odds relative to an average record. */
export interface Contribution {
  feature: string;
  value: CellValue;
  logOdds: number;
}

/** A score broken down: `sigmoid(base + sum of contributions)` is the probability. */
export interface ExplainedScore {
  base: number;
  contributions: Contribution[];
}

/** Breaks a trained model's calibrated log-odds for a record down by source column. */
export function explainWithModel(model: TrainedModel, record: FeatureRecord): ExplainedScore {
  const encoded = encodeRecord(model.encoding, record);
  const byColumn = new Map<string, number>();
  model.encoding.slotColumns.forEach((column, slot) => {
    const share = (model.logistic.weights[slot] ?? 0) * (encoded[slot] ?? 0);
    byColumn.set(column, (byColumn.get(column) ?? 0) + share);
  });

  const { slope, offset } = model.calibration;
  const contributions = [...byColumn.entries()].map(([feature, share]) => ({
    feature,
    value: displayValue(record[feature]),
    logOdds: slope * share,
  }));
  return { base: slope * model.logistic.intercept + offset, contributions };
}

function displayValue(value: CellValue): CellValue {
  if (isMissing(value)) return null;
  return typeof value === 'string' ? value.trim() : value;
}
