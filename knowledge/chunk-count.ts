import { type SQL, sql } from 'drizzle-orm';
import { chunks, documents } from '../db/schema/index.ts';

/** The number of chunks of the document in the current row, as a select column. */
export function chunkCount(): SQL<number> {
  return sql<number>`(select count(*)::int from ${chunks}
    where ${chunks.documentId} = ${documents.id})`;
}
