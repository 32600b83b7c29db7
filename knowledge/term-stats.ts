import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { chunks, documents, searchTermStats } from '../db/schema/index.ts';
import { searchTerms } from './segment.ts';

/** The term whose count is the number of chunks. */
const TOTAL = '*';
const UPSERT_BATCH = 1_000;
/** Below this many chunks every term is kept: statistics of a small corpus say little. */
const MIN_CHUNKS_TO_PRUNE = 1_000;
/** Terms in more than this share of the chunks are left out of full-text queries. */
const MAX_DOCUMENT_FREQUENCY = 0.1;
/** Full-text queries keep at most this many terms, the rarest. */
const MAX_QUERY_TERMS = 12;

/** The text of a chunk as full-text search indexes it. */
export interface IndexedText {
  title: string;
  heading?: string | null | undefined;
  text: string;
}

/** Counts the chunks' terms in (`+1`) or out (`-1`) of the tenant's term statistics. */
export async function countTerms(
  db: Database,
  options: { tenantId: string; chunks: readonly IndexedText[]; sign: 1 | -1 },
): Promise<void> {
  if (options.chunks.length === 0) return;
  const counts = new Map<string, number>([[TOTAL, options.chunks.length]]);
  for (const chunk of options.chunks) {
    const terms = new Set(searchTerms([chunk.title, chunk.heading, chunk.text].join(' ')));
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  }

  const rows = [...counts].map(([term, count]) => ({
    tenantId: options.tenantId,
    term,
    chunkCount: count * options.sign,
  }));
  for (let start = 0; start < rows.length; start += UPSERT_BATCH) {
    await db
      .insert(searchTermStats)
      .values(rows.slice(start, start + UPSERT_BATCH))
      .onConflictDoUpdate({
        target: [searchTermStats.tenantId, searchTermStats.term],
        set: { chunkCount: sql`greatest(0, ${searchTermStats.chunkCount} + excluded.chunk_count)` },
      });
  }
}

/**
 * The query terms worth a full-text search: in a large corpus, terms found in more than
 * a tenth of the chunks are left out (they match much and say little) and at most the
 * twelve rarest are kept; when every term is common, the three rarest.
 */
export async function selectiveTerms(
  db: Database,
  options: { tenantId: string; terms: readonly string[] },
): Promise<string[]> {
  if (options.terms.length === 0) return [];
  const rows = await db
    .select({ term: searchTermStats.term, chunkCount: searchTermStats.chunkCount })
    .from(searchTermStats)
    .where(
      and(
        eq(searchTermStats.tenantId, options.tenantId),
        inArray(searchTermStats.term, [...options.terms, TOTAL]),
      ),
    );
  const frequency = new Map(rows.map((row) => [row.term, row.chunkCount]));
  const total = frequency.get(TOTAL) ?? 0;
  if (total < MIN_CHUNKS_TO_PRUNE) return [...options.terms];

  const known = options.terms.filter((term) => (frequency.get(term) ?? 0) > 0);
  const byRarity = [...known].sort((a, b) => (frequency.get(a) ?? 0) - (frequency.get(b) ?? 0));
  const selective = byRarity.filter(
    (term) => (frequency.get(term) ?? 0) / total <= MAX_DOCUMENT_FREQUENCY,
  );
  return (selective.length > 0 ? selective : byRarity.slice(0, 3)).slice(0, MAX_QUERY_TERMS);
}

/** Takes a document's chunks out of the term statistics, before they are deleted. */
export async function uncountDocument(
  db: Database,
  options: { tenantId: string; documentId: string },
): Promise<void> {
  const stored = await db
    .select({ title: documents.title, heading: chunks.heading, text: chunks.text })
    .from(chunks)
    .innerJoin(documents, eq(documents.id, chunks.documentId))
    .where(and(eq(chunks.tenantId, options.tenantId), eq(chunks.documentId, options.documentId)));
  await countTerms(db, { tenantId: options.tenantId, chunks: stored, sign: -1 });
}
