/**
 * A table row as one self-contained line, `header: value; header: value`, so that the
 * column names travel with every row. Empty cells are left out; a cell without a header
 * is named by its column, e.g. `Column 4`.
 */
export function renderTableRow(headers: readonly string[], cells: readonly string[]): string {
  const parts: string[] = [];
  cells.forEach((cell, index) => {
    const value = oneLine(cell);
    if (value === '') return;

    const header = oneLine(headers[index] ?? '') || `Column ${index + 1}`;
    parts.push(`${header}: ${value}`);
  });
  return parts.join('; ');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
