import { type SQL, sql } from 'drizzle-orm';
import { segmentForSearch } from './segment.ts';

/**
 * The full-text vector of a chunk, as SQL: title and heading weighted above the body,
 * everything word-segmented first so that Chinese is searchable by words.
 */
export function chunkSearchVector(parts: {
  title: string;
  heading?: string | null | undefined;
  text: string;
}): SQL {
  const label = segmentForSearch([parts.title, parts.heading].filter(Boolean).join(' '));
  const body = segmentForSearch(parts.text);
  return sql`setweight(to_tsvector('simple', ${label}), 'A')
    || setweight(to_tsvector('simple', ${body}), 'B')`;
}
