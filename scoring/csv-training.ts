import { readFile } from 'node:fs/promises';
import { InputError } from '../lib/errors.ts';
import { parseBinaryLabels } from './binary-label.ts';
import type { FeatureRecord } from './cell-values.ts';
import { type CsvTable, parseCsvTable, requireColumn } from './csv-table.ts';
import { probabilityOf, topContributions } from './explained-score.ts';
import { trainModel } from './train-model.ts';
import { type Contribution, explainWithModel, type TrainedModel } from './trained-model.ts';

export interface TrainFromCsvOptions {
  text: string;
  fileName?: string;
  labelColumn: string;
  idColumn?: string | null;
  exclude?: readonly string[];
  now: Date;
  onProgress?: (fraction: number) => void;
}

/** Trains a model on a CRM export: checks the label column, reads it as 0/1, trains. */
export function trainFromCsv(options: TrainFromCsvOptions): TrainedModel {
  const table = parseCsvTable(options.text, options.fileName);
  requireColumn(table, options.labelColumn, '--label');
  if (options.idColumn) requireColumn(table, options.idColumn, '--id');
  for (const column of options.exclude ?? []) requireColumn(table, column, '--exclude');

  const labels = parseBinaryLabels(
    table.records.map((record) => record[options.labelColumn]),
    options.labelColumn,
  );
  return trainModel({
    records: table.records,
    labels,
    labelColumn: options.labelColumn,
    idColumn: options.idColumn ?? null,
    exclude: options.exclude ?? [],
    now: options.now,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}

/** One scored CSV row: its id, its probability and its top reasons in words. */
export interface CsvPrediction {
  id: string;
  score: number;
  reasons: string[];
}

/** Scores every row of a CSV with a trained model; the label column may be absent. */
export function predictCsv(model: TrainedModel, table: CsvTable): CsvPrediction[] {
  if (model.idColumn) requireColumn(table, model.idColumn, "the model's id column");
  return table.records.map((record, index) => predictRecord(model, record, index));
}

/** Reads a CSV file for scoring. */
export async function readCsvFile(path: string): Promise<CsvTable> {
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw new InputError({
      code: 'csv_unreadable',
      message: `Cannot read ${path}; check the path passed to --csv.`,
      cause: error,
    });
  });
  return parseCsvTable(text, path);
}

function predictRecord(model: TrainedModel, record: FeatureRecord, index: number): CsvPrediction {
  const explained = explainWithModel(model, record);
  const id = model.idColumn ? String(record[model.idColumn] ?? '') : String(index + 1);
  return {
    id,
    score: probabilityOf(explained),
    reasons: topContributions(explained).map(describeColumnContribution),
  };
}

// Limitation: reasons of CSV-trained models are English only; lead reasons are bilingual.
/** A factor of a CSV-trained model in words: the column, its value, and which way it pushes. */
export function describeColumnContribution(contribution: Contribution): string {
  const value = contribution.value === null ? 'missing' : String(contribution.value);
  const direction = contribution.logOdds > 0 ? 'raises' : 'lowers';
  const sign = contribution.logOdds > 0 ? '+' : '';
  const impact = `${sign}${contribution.logOdds.toFixed(2)} log-odds`;
  return `${contribution.feature} = ${value} ${direction} the score (${impact})`;
}
