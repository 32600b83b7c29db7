/** Where a search result comes from, precise enough for a reader to find the passage. */
export interface Citation {
  documentId: string;
  chunkId: string;
  sourceId: string;
  title: string;
  /** Human-readable place: the heading path, `p. 3`, or `row 12`. */
  locator: string;
  heading: string | null;
  page: number | null;
  rowNumber: number | null;
  version: number;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  snippet: string;
}

const SNIPPET_LENGTH = 160;

/** The place of a chunk in its document, in words. */
export function locatorOf(place: {
  heading: string | null;
  page: number | null;
  rowNumber: number | null;
}): string {
  const parts: string[] = [];
  if (place.heading) parts.push(place.heading);
  if (place.page !== null) parts.push(`p. ${place.page}`);
  if (place.rowNumber !== null) parts.push(`row ${place.rowNumber}`);
  return parts.join(', ');
}

/**
 * A short passage of the text around the first query word it contains, or its start
 * when none is found.
 */
export function snippetOf(text: string, queryWords: string[]): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= SNIPPET_LENGTH) return flat;

  const lower = flat.toLowerCase();
  const hits = queryWords.map((word) => lower.indexOf(word)).filter((index) => index >= 0);
  const first = hits.length > 0 ? Math.min(...hits) : 0;
  const start = Math.max(0, Math.min(first - SNIPPET_LENGTH / 4, flat.length - SNIPPET_LENGTH));
  const end = Math.min(flat.length, start + SNIPPET_LENGTH);
  return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
}
