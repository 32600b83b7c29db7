import { hardSplit } from './chunk-hard-split.ts';
import type { ParsedSection } from './parse/parsed-document.ts';
import { estimateTokens } from './segment.ts';

/** Consecutive table rows that form one chunk. */
export interface RowGroup {
  /** The rows' lines joined by line breaks. */
  text: string;
  start: number;
  end: number;
  /** The data row number of the first row. */
  rowNumber?: number;
}

interface RowPiece {
  text: string;
  start: number;
  end: number;
  rowNumber?: number;
}

/**
 * Groups consecutive table rows into chunks of at most `maxTokens`. Every row line carries
 * its column headers (`header: value; …`), so each group reads on its own; a row over the
 * bound is cut into pieces that keep its row number.
 */
export function rowGroups(
  text: string,
  rows: readonly ParsedSection[],
  maxTokens: number,
): RowGroup[] {
  const groups: RowGroup[] = [];
  let current: RowPiece[] = [];
  const close = (): void => {
    if (current.length > 0) groups.push(groupOf(current));
    current = [];
  };

  for (const piece of rows.flatMap((row) => rowPieces(text, row, maxTokens))) {
    const joined = [...current, piece].map((row) => row.text).join('\n');
    if (current.length > 0 && estimateTokens(joined) > maxTokens) close();
    current.push(piece);
  }
  close();
  return groups;
}

function rowPieces(text: string, row: ParsedSection, maxTokens: number): RowPiece[] {
  return hardSplit(text, row, maxTokens).map((span) => ({
    text: text.slice(span.start, span.end),
    ...span,
    ...(row.rowNumber !== undefined && { rowNumber: row.rowNumber }),
  }));
}

function groupOf(pieces: RowPiece[]): RowGroup {
  const first = pieces[0];
  const group: RowGroup = {
    text: pieces.map((piece) => piece.text).join('\n'),
    start: first?.start ?? 0,
    end: pieces.at(-1)?.end ?? 0,
  };
  if (first?.rowNumber !== undefined) group.rowNumber = first.rowNumber;
  return group;
}
