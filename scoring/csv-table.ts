import { parse } from 'csv-parse/sync';
import { InputError } from '../lib/errors.ts';
import type { FeatureRecord } from './cell-values.ts';

/** A CSV file's header and its rows as records keyed by column. */
export interface CsvTable {
  columns: string[];
  records: FeatureRecord[];
}

// Limitation: the whole file is parsed in memory; exports of millions of rows need streaming.
/**
 * Parses CSV text (a CRM export of any shape): a header row, then one row per lead.
 * Throws an InputError for an empty file, a duplicated header or a ragged row.
 */
export function parseCsvTable(text: string, fileName = 'the CSV file'): CsvTable {
  const rows = parseRows(text, fileName);
  const [header, ...body] = rows;
  if (!header || body.length === 0) {
    throw new InputError({
      code: 'csv_empty',
      message:
        `${fileName} has no data rows; ` +
        'export the leads with a header row and at least one row per lead.',
    });
  }

  const columns = header.map((name, index) => name.trim() || `column_${index + 1}`);
  assertUniqueColumns(columns, fileName);
  body.forEach((row, index) => {
    assertRowWidth(row, columns.length, index + 2, fileName);
  });

  const records = body.map((row) =>
    Object.fromEntries(columns.map((column, index) => [column, row[index] ?? null])),
  );
  return { columns, records };
}

/** Throws unless the table has the named column; the message lists the columns there are. */
export function requireColumn(table: CsvTable, column: string, flag: string): void {
  if (table.columns.includes(column)) return;
  throw new InputError({
    code: 'column_missing',
    message:
      `There is no column "${column}" (${flag}); ` +
      `the columns are: ${table.columns.join(', ')}.`,
    details: { column, columns: table.columns },
  });
}

function parseRows(text: string, fileName: string): string[][] {
  try {
    return parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as string[][];
  } catch (error) {
    throw new InputError({
      code: 'csv_malformed',
      message:
        `${fileName} is not valid CSV (${(error as Error).message}); ` +
        'check its quoting and delimiter (a comma).',
      cause: error,
    });
  }
}

function assertUniqueColumns(columns: string[], fileName: string): void {
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column)) {
      throw new InputError({
        code: 'csv_duplicate_column',
        message: `${fileName} has two columns named "${column}"; rename one of them.`,
        details: { column },
      });
    }
    seen.add(column);
  }
}

function assertRowWidth(row: string[], width: number, line: number, fileName: string): void {
  if (row.length === width) return;
  throw new InputError({
    code: 'csv_ragged_row',
    message:
      `Row ${line} of ${fileName} has ${row.length} fields but the header has ${width}; ` +
      "fix that row's commas or quoting.",
    details: { line, fields: row.length, expected: width },
  });
}

/** Records as CSV text with a header row. */
export function formatCsv(records: readonly FeatureRecord[]): string {
  const columns = Object.keys(records[0] ?? {});
  const quote = (value: unknown) => {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = records.map((record) => columns.map((column) => quote(record[column])).join(','));
  return `${[columns.join(','), ...lines].join('\n')}\n`;
}
