import {
  type FeatureRecord,
  isMissing,
  parseBoolean,
  parseDate,
  parseNumber,
} from './cell-values.ts';

/** What a column holds; identifiers and constants carry no signal and are left out. */
export type ColumnKind = 'numeric' | 'boolean' | 'date' | 'categorical' | 'identifier' | 'constant';

/** A column's inferred kind and how much of it is missing. */
export interface ColumnProfile {
  name: string;
  kind: ColumnKind;
  missingShare: number;
  distinct: number;
}

/** Share of present values that must parse for a column to take a kind. */
const PARSE_SHARE = 0.95;

/**
 * Infers each column's kind from its values: boolean, numeric, date, categorical, or an
 * identifier (nearly every value distinct text) or constant (one value) to leave out.
 */
export function inferColumns(
  records: readonly FeatureRecord[],
  columns: string[],
): ColumnProfile[] {
  return columns.map((name) => profileColumn(records, name));
}

function profileColumn(records: readonly FeatureRecord[], name: string): ColumnProfile {
  const present = records.map((record) => record[name]).filter((value) => !isMissing(value));
  const missingShare = records.length === 0 ? 1 : 1 - present.length / records.length;
  const distinct = new Set(present.map((value) => String(value).trim().toLowerCase())).size;

  return { name, kind: kindOf(present, distinct), missingShare, distinct };
}

function kindOf(present: FeatureRecord[string][], distinct: number): ColumnKind {
  if (distinct <= 1) return 'constant';

  const share = (parse: (value: FeatureRecord[string]) => unknown) =>
    present.filter((value) => parse(value) !== null).length / present.length;
  if (distinct <= 2 && share(parseBoolean) >= PARSE_SHARE) return 'boolean';
  if (share(parseNumber) >= PARSE_SHARE) return 'numeric';
  if (share(parseDate) >= PARSE_SHARE) return 'date';

  const looksLikeIdentifier = present.length >= 20 && distinct >= 0.9 * present.length;
  return looksLikeIdentifier ? 'identifier' : 'categorical';
}
