import readXlsxFile from 'read-excel-file/node';
import { DocumentBuilder } from './document-builder.ts';
import { unreadableFileError } from './parse-errors.ts';
import type { ParsedDocument } from './parsed-document.ts';
import { addTableRows } from './table-rows.ts';

/** The MIME type of XLSX workbooks. */
export const XLSX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Sheets = Awaited<ReturnType<typeof readXlsxFile>>;

/**
 * Parses every sheet of an XLSX workbook into one document: the first row of a sheet is its
 * header, every later row a table-row section under the sheet name.
 */
export async function parseXlsx(options: {
  name: string;
  title: string;
  bytes: Uint8Array;
}): Promise<ParsedDocument> {
  const sheets = await readSheets(options.name, options.bytes);
  const builder = new DocumentBuilder();
  for (const { sheet, data } of sheets) {
    const rows = data.map((row) => row.map(cellText));
    if (rows.length < 2) continue;

    builder.addText(sheet);
    addTableRows(builder, { rows, heading: sheet });
  }
  return builder.build({
    title: options.title,
    mimeType: XLSX_MIME_TYPE,
    metadata: { sheets: sheets.map(({ sheet }) => sheet) },
  });
}

async function readSheets(name: string, bytes: Uint8Array): Promise<Sheets> {
  try {
    return await readXlsxFile(Buffer.from(bytes));
  } catch (error) {
    const reason = 'it is not a valid XLSX workbook (older .xls files must be saved as .xlsx)';
    throw unreadableFileError({ name, format: 'XLSX', reason, cause: error });
  }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return dateText(value);
  return String(value);
}

function dateText(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
}
