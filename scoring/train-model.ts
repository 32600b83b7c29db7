import { InputError } from '../lib/errors.ts';
import { calibrate, fitPlatt } from './calibration.ts';
import { type FeatureRecord, parseDate } from './cell-values.ts';
import { type ColumnProfile, inferColumns } from './column-inference.ts';
import { splitRows } from './data-split.ts';
import { encodeRecord, fitEncoding } from './feature-encoder.ts';
import { fitLogistic, type LogisticModel, linearPredictor } from './logistic-regression.ts';
import { scoreMetrics } from './metrics.ts';
import { MODEL_FORMAT, type TrainedModel } from './trained-model.ts';

export interface TrainModelOptions {
  records: readonly FeatureRecord[];
  /** 0/1 per record. */
  labels: readonly number[];
  labelColumn: string;
  idColumn?: string | null;
  /** Columns never used as features (the label and id are left out anyway). */
  exclude?: readonly string[];
  /** The date column to split by; inferred from the columns when omitted. */
  timeColumn?: string | null;
  /** Recorded as the training time. */
  now: Date;
  /** Called with a fraction done, 0 to 1. */
  onProgress?: (fraction: number) => void;
}

/** Fewer labelled rows than this cannot be split into fit, calibration and test. */
export const MINIMUM_TRAINING_ROWS = 50;

// Limitation: logistic regression only; no tree model yet, so interactions are not learned.
const L2_CANDIDATES = [0.3, 3, 30];

/**
 * Trains a calibrated logistic regression: infers column kinds, splits by time where
 * dates exist, picks the L2 penalty on the calibration rows, fits Platt scaling and
 * reports held-out metrics.
 */
export function trainModel(options: TrainModelOptions): TrainedModel {
  assertTrainable(options);

  const columns = featureColumns(options);
  const profiles = inferColumns(options.records, columns);
  const timeColumn = options.timeColumn ?? inferTimeColumn(profiles);
  const times = timeColumn
    ? options.records.map((record) => parseDate(record[timeColumn])?.getTime() ?? null)
    : undefined;
  const split = splitRows({ rows: options.records.length, times });
  const pick = <T>(values: readonly T[], rows: number[]) => rows.map((row) => values[row] as T);

  const encoding = fitEncoding({
    records: pick(options.records, split.fit),
    profiles,
    anchorColumn: timeColumn,
  });
  assertHasFeatures(encoding.slotColumns.length, profiles);
  const encoded = options.records.map((record) => encodeRecord(encoding, record));

  const logistic = fitBestLogistic({
    fit: { features: pick(encoded, split.fit), labels: pick(options.labels, split.fit) },
    calibration: {
      features: pick(encoded, split.calibration),
      labels: pick(options.labels, split.calibration),
    },
    onProgress: options.onProgress,
  });

  const calibrationLogits = pick(encoded, split.calibration).map((row) =>
    linearPredictor(logistic, row),
  );
  const calibration = fitPlatt(calibrationLogits, pick(options.labels, split.calibration));
  const testScores = pick(encoded, split.test).map((row) =>
    calibrate(calibration, linearPredictor(logistic, row)),
  );
  options.onProgress?.(1);

  return {
    format: MODEL_FORMAT,
    version: 1,
    trainedAt: options.now.toISOString(),
    labelColumn: options.labelColumn,
    idColumn: options.idColumn ?? null,
    timeColumn,
    encoding,
    logistic,
    calibration,
    validation: {
      split: split.kind,
      model: scoreMetrics(testScores, pick(options.labels, split.test)),
      trainingRows: split.fit.length + split.calibration.length,
    },
  };
}

function featureColumns(options: TrainModelOptions): string[] {
  const left = new Set([options.labelColumn, ...(options.exclude ?? [])]);
  if (options.idColumn) left.add(options.idColumn);
  const columns = new Set<string>();
  for (const record of options.records.slice(0, 1000)) {
    for (const column of Object.keys(record)) if (!left.has(column)) columns.add(column);
  }
  return [...columns];
}

/** The date column most likely to be the record's creation time. */
function inferTimeColumn(profiles: ColumnProfile[]): string | null {
  const dates = profiles.filter((profile) => profile.kind === 'date' && profile.missingShare === 0);
  const created = dates.find((profile) => /creat|open|date|time|创建/i.test(profile.name));
  return (created ?? dates[0])?.name ?? null;
}

/** Fits one model per L2 candidate and keeps the best by calibration log loss. */
function fitBestLogistic(input: {
  fit: { features: number[][]; labels: number[] };
  calibration: { features: number[][]; labels: number[] };
  onProgress: ((fraction: number) => void) | undefined;
}): LogisticModel {
  let best: { model: LogisticModel; loss: number } | null = null;

  L2_CANDIDATES.forEach((l2, candidate) => {
    const model = fitLogistic({
      ...input.fit,
      l2,
      onProgress: (iteration, maxIterations) =>
        input.onProgress?.((candidate + iteration / maxIterations) / L2_CANDIDATES.length),
    });
    const loss = logLoss(model, input.calibration.features, input.calibration.labels);
    if (!best || loss < best.loss) best = { model, loss };
  });

  return (best as unknown as { model: LogisticModel }).model;
}

function logLoss(model: LogisticModel, features: number[][], labels: number[]): number {
  let total = 0;
  features.forEach((row, i) => {
    const z = linearPredictor(model, row);
    const label = labels[i] ?? 0;
    total += Math.log1p(Math.exp(-Math.abs(z))) + Math.max(z, 0) - label * z;
  });
  return total / Math.max(1, features.length);
}

function assertTrainable(options: TrainModelOptions): void {
  if (options.records.length < MINIMUM_TRAINING_ROWS) {
    throw new InputError({
      code: 'too_few_rows',
      message:
        `Training needs at least ${MINIMUM_TRAINING_ROWS} labelled rows; ` +
        `got ${options.records.length}. Export more history, or rely on the rule prior.`,
      details: { rows: options.records.length },
    });
  }
  const positives = options.labels.filter((label) => label === 1).length;
  if (positives === 0 || positives === options.labels.length) {
    throw new InputError({
      code: 'label_single_class',
      message:
        `The label column "${options.labelColumn}" has only one value; ` +
        'training needs both conversions and non-conversions.',
      details: { column: options.labelColumn },
    });
  }
}

function assertHasFeatures(slots: number, profiles: ColumnProfile[]): void {
  if (slots > 0) return;
  const found = profiles.map((profile) => `${profile.name} (${profile.kind})`).join(', ');
  throw new InputError({
    code: 'no_features',
    message:
      `No usable feature column (found: ${found || 'none'}); ` +
      'include columns that describe the leads, or drop some from --exclude.',
  });
}
