import type { DocumentBuilder } from './document-builder.ts';
import { renderTableRow } from './render-table-row.ts';

/**
 * Adds a table as table-row sections: the first non-empty row is the header, every later
 * row becomes `header: value; …` with its 1-based data row number. Rows without any value
 * are skipped but still counted, so row numbers match the file.
 */
export function addTableRows(
  builder: DocumentBuilder,
  table: { rows: string[][]; heading?: string },
): void {
  const start = table.rows.findIndex((row) => row.some((cell) => cell.trim() !== ''));
  if (start < 0) return;

  const headers = table.rows[start] ?? [];
  table.rows.slice(start + 1).forEach((cells, index) => {
    builder.addSection(renderTableRow(headers, cells), {
      kind: 'table-row',
      heading: table.heading,
      rowNumber: index + 1,
    });
  });
}
