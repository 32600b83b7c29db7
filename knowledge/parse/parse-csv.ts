import { parse } from 'csv-parse/sync';
import { DocumentBuilder } from './document-builder.ts';
import { unreadableFileError } from './parse-errors.ts';
import type { ParsedDocument } from './parsed-document.ts';
import { addTableRows } from './table-rows.ts';

/** The MIME type of CSV documents. */
export const CSV_MIME_TYPE = 'text/csv';

/**
 * Parses CSV text (comma, semicolon or tab separated; first row is the header) into one
 * document with a table-row section per data row, rendered as `header: value; …`.
 */
export function parseCsv(options: { name: string; title: string; text: string }): ParsedDocument {
  const rows = readRows(options.name, options.text);
  const builder = new DocumentBuilder();
  addTableRows(builder, { rows });
  return builder.build({ title: options.title, mimeType: CSV_MIME_TYPE });
}

function readRows(name: string, text: string): string[][] {
  try {
    return parse(text, {
      delimiter: guessDelimiter(text),
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw unreadableFileError({ name, format: 'CSV', reason, cause: error });
  }
}

function guessDelimiter(text: string): string {
  const lineEnd = text.indexOf('\n');
  const firstLine = lineEnd < 0 ? text : text.slice(0, lineEnd);
  const counts = [',', ';', '\t'].map((delimiter) => ({
    delimiter,
    count: firstLine.split(delimiter).length - 1,
  }));
  counts.sort((left, right) => right.count - left.count);
  return counts[0]?.count ? counts[0].delimiter : ',';
}
