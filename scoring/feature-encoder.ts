import {
  type CellValue,
  categoryOf,
  type FeatureRecord,
  parseBoolean,
  parseDate,
  parseNumber,
} from './cell-values.ts';
import type { ColumnProfile } from './column-inference.ts';

/** How one source column turns into numbers; serialised inside a model file. */
export type ColumnEncoder =
  | { kind: 'numeric'; column: string; median: number; log: boolean; flagMissing: boolean }
  | { kind: 'boolean'; column: string; flagMissing: boolean }
  | { kind: 'date'; column: string; median: number; flagMissing: boolean }
  | { kind: 'categorical'; column: string; levels: string[] };

/** The fitted encoding: the encoders plus per-slot standardisation. */
export interface FeatureEncoding {
  encoders: ColumnEncoder[];
  /** The source column of each encoded slot, for grouping contributions. */
  slotColumns: string[];
  slotNames: string[];
  means: number[];
  scales: number[];
  /** The date column days are counted from (`date` columns), if any. */
  anchorColumn: string | null;
}

/** Category for values seen too rarely in training, and for values never seen. */
export const OTHER_LEVEL = '(other)';
/** Category for a missing value. */
export const MISSING_LEVEL = '(missing)';

const MAX_LEVELS = 30;
const Z_LIMIT = 6;
const DAY_MS = 86_400_000;

export interface FitEncodingOptions {
  records: readonly FeatureRecord[];
  profiles: readonly ColumnProfile[];
  /** Dates are encoded as days after this column's date in the same row. */
  anchorColumn: string | null;
}

/** Fits encoders on training records: medians, category levels, means and scales. */
export function fitEncoding(options: FitEncodingOptions): FeatureEncoding {
  const { records, anchorColumn } = options;
  const encoders = options.profiles.flatMap((profile) => fitColumn(records, profile, anchorColumn));
  const partial = { encoders, anchorColumn };
  const raw = records.map((record) => rawSlots(partial, record));
  const width = raw[0]?.length ?? 0;
  const means = new Array<number>(width).fill(0);
  const scales = new Array<number>(width).fill(1);

  for (let slot = 0; slot < width; slot += 1) {
    const values = raw.map((row) => row[slot] ?? 0);
    const mean = values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
    const variance =
      values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(1, values.length);
    means[slot] = mean;
    scales[slot] = variance > 1e-12 ? Math.sqrt(variance) : 1;
  }

  const { slotColumns, slotNames } = describeSlots(encoders);
  return { encoders, slotColumns, slotNames, means, scales, anchorColumn };
}

/** Encodes a record as standardised slots; unseen categories fall into the other level. */
export function encodeRecord(encoding: FeatureEncoding, record: FeatureRecord): number[] {
  const raw = rawSlots(encoding, record);
  return raw.map((value, slot) => {
    const z = (value - (encoding.means[slot] ?? 0)) / (encoding.scales[slot] ?? 1);
    return Math.max(-Z_LIMIT, Math.min(Z_LIMIT, z));
  });
}

function fitColumn(
  records: readonly FeatureRecord[],
  profile: ColumnProfile,
  anchorColumn: string | null,
): ColumnEncoder[] {
  const column = profile.name;
  const flagMissing = profile.missingShare > 0;
  switch (profile.kind) {
    case 'numeric': {
      const values = records.map((record) => parseNumber(record[column]));
      const present = values.filter((value): value is number => value !== null);
      return [
        { kind: 'numeric', column, median: median(present), log: isSkewed(present), flagMissing },
      ];
    }
    case 'boolean':
      return [{ kind: 'boolean', column, flagMissing }];
    case 'date': {
      if (column === anchorColumn || anchorColumn === null) return [];
      const present = records
        .map((record) => daysAfterAnchor(record, column, anchorColumn))
        .filter((value): value is number => value !== null);
      return [{ kind: 'date', column, median: median(present), flagMissing }];
    }
    case 'categorical':
      return [{ kind: 'categorical', column, levels: fitLevels(records, column) }];
    default:
      return [];
  }
}

/** Frequent categories keep their own level; rare ones are grouped into `(other)`. */
function fitLevels(records: readonly FeatureRecord[], column: string): string[] {
  const counts = new Map<string, number>();
  for (const record of records) {
    const level = categoryOf(record[column]) ?? MISSING_LEVEL;
    counts.set(level, (counts.get(level) ?? 0) + 1);
  }
  const minimum = Math.max(5, Math.ceil(records.length * 0.005));
  const frequent = [...counts.entries()]
    .filter(([level, count]) => count >= minimum && level !== MISSING_LEVEL)
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_LEVELS)
    .map(([level]) => level);
  return [...frequent, OTHER_LEVEL, MISSING_LEVEL];
}

/** The category level a value falls into under an encoder. */
export function levelOf(encoder: { levels: string[] }, value: CellValue): string {
  const category = categoryOf(value);
  if (category === null) return MISSING_LEVEL;
  return encoder.levels.includes(category) ? category : OTHER_LEVEL;
}

function rawSlots(
  encoding: Pick<FeatureEncoding, 'encoders' | 'anchorColumn'>,
  record: FeatureRecord,
): number[] {
  const slots: number[] = [];
  for (const encoder of encoding.encoders) {
    const value = record[encoder.column];
    if (encoder.kind === 'categorical') {
      const level = levelOf(encoder, value);
      for (const candidate of encoder.levels) slots.push(candidate === level ? 1 : 0);
      continue;
    }

    const number = numericValue(encoder, record, encoding.anchorColumn);
    const fallback = encoder.kind === 'boolean' ? 0 : encoder.median;
    slots.push(number ?? fallback);
    if (encoder.flagMissing) slots.push(number === null ? 1 : 0);
  }
  return slots;
}

function numericValue(
  encoder: Exclude<ColumnEncoder, { kind: 'categorical' }>,
  record: FeatureRecord,
  anchorColumn: string | null,
): number | null {
  const value = record[encoder.column];
  if (encoder.kind === 'boolean') {
    const flag = parseBoolean(value);
    return flag === null ? null : Number(flag);
  }
  if (encoder.kind === 'date') return daysAfterAnchor(record, encoder.column, anchorColumn);

  const number = parseNumber(value);
  if (number === null) return null;
  return encoder.log ? Math.sign(number) * Math.log1p(Math.abs(number)) : number;
}

function daysAfterAnchor(
  record: FeatureRecord,
  column: string,
  anchorColumn: string | null,
): number | null {
  if (anchorColumn === null) return null;
  const date = parseDate(record[column]);
  const anchor = parseDate(record[anchorColumn]);
  if (!date || !anchor) return null;
  return (date.getTime() - anchor.getTime()) / DAY_MS;
}

function describeSlots(encoders: ColumnEncoder[]): { slotColumns: string[]; slotNames: string[] } {
  const slotColumns: string[] = [];
  const slotNames: string[] = [];
  for (const encoder of encoders) {
    if (encoder.kind === 'categorical') {
      for (const level of encoder.levels) {
        slotColumns.push(encoder.column);
        slotNames.push(`${encoder.column}=${level}`);
      }
      continue;
    }
    slotColumns.push(encoder.column);
    slotNames.push(encoder.column);
    if (encoder.flagMissing) {
      slotColumns.push(encoder.column);
      slotNames.push(`${encoder.column} missing`);
    }
  }
  return { slotColumns, slotNames };
}

/** Non-negative counts with a long tail are modelled on a log scale. */
function isSkewed(values: number[]): boolean {
  if (values.length === 0 || values.some((value) => value < 0)) return false;
  const sorted = [...values].sort((a, b) => a - b);
  const upper = sorted[Math.floor(sorted.length * 0.75)] ?? 0;
  const max = sorted.at(-1) ?? 0;
  return max > 10 * Math.max(upper, 1);
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
