import { eq, type SQL, sql } from 'drizzle-orm';
import type { Caller } from '../auth/caller.ts';
import { readableKnowledge } from '../auth/scope.ts';
import type { Database } from '../db/client.ts';
import { selectRows } from '../db/client.ts';
import { accounts, chunks, documents } from '../db/schema/index.ts';
import { InputError } from '../lib/errors.ts';
import { type Citation, locatorOf, snippetOf } from './citation.ts';
import type { Embedder } from './embedder.ts';
import type { DocumentType } from './ingest-document.ts';
import { type AccountNames, expandQuery } from './query-expansion.ts';
import { hasHan, searchTerms } from './segment.ts';
import { isStopWord } from './stop-words.ts';
import { selectiveTerms } from './term-stats.ts';

/** Narrows a search; every filter is applied in SQL before ranking. */
export interface SearchFilters {
  types?: DocumentType[];
  accountId?: string;
  language?: 'zh' | 'en' | 'mixed';
  /** Only documents in effect on this date (YYYY-MM-DD). */
  effectiveOn?: string;
  /** Include superseded versions too. Default false. */
  includeSuperseded?: boolean;
}

export interface SearchRequest {
  query: string;
  /** Results wanted, 1 to 50. Default 8. */
  k?: number;
  filters?: SearchFilters;
  /** `hybrid` fuses both signals; the others exist to measure each on its own. */
  mode?: 'hybrid' | 'vector' | 'text';
}

/** One passage found, with where it comes from. */
export interface SearchResult {
  documentId: string;
  sourceId: string;
  chunkId: string;
  text: string;
  score: number;
  citation: Citation;
}

export interface SearchContext {
  db: Database;
  embedder: Embedder;
}

/** Reciprocal rank fusion constant: damps the weight of the very first ranks. */
const RRF_K = 60;
const MAX_K = 50;
/** Chunks of one document in a result list, at most. */
const MAX_PER_DOCUMENT = 2;
const MAX_QUERY_LENGTH = 2_000;

/**
 * Searches the knowledge base the caller may read: vector similarity (pgvector HNSW,
 * cosine) and full-text rank fused by reciprocal rank fusion. Tenant, audience and
 * account scope are conditions of the SQL that ranks, never a filter afterwards.
 */
export async function searchKnowledge(
  context: SearchContext,
  caller: Caller,
  request: SearchRequest,
): Promise<SearchResult[]> {
  const query = request.query.trim();
  validateRequest(query, request);
  const k = request.k ?? 8;
  const mode = request.mode ?? 'hybrid';
  const expanded = [query, ...expandQuery(query, await accountNames(context.db, caller))].join(' ');
  const words = queryWords(expanded);
  const originalWords = queryWords(query);
  const candidates = Math.max(40, k * 4);

  const filter = scopeCondition(caller, request.filters ?? {});
  const branches: SQL[] = [];
  if (mode !== 'text') {
    const [vector] = await context.embedder.embed([expanded]);
    branches.push(vectorBranch(filter, vector as number[], candidates));
  }
  const textTerms =
    mode === 'vector'
      ? []
      : await selectiveTerms(context.db, { tenantId: caller.tenantId, terms: words });
  if (textTerms.length > 0) {
    branches.push(textBranch(filter, { any: textTerms, every: originalWords }, candidates));
  }
  if (branches.length === 0) return [];

  const rows = await selectRows<ResultRow>(context.db, fusedQuery(branches, k));
  return rows.map((row) => toResult(row, words));
}

function validateRequest(query: string, request: SearchRequest): void {
  if (!query) {
    throw new InputError({
      code: 'empty_query',
      message: 'The search query is empty; send some words to search for.',
      details: { field: 'query' },
    });
  }
  if (query.length > MAX_QUERY_LENGTH) {
    throw new InputError({
      code: 'query_too_long',
      message: `The search query is over ${MAX_QUERY_LENGTH} characters; shorten it.`,
      details: { field: 'query' },
    });
  }
  const k = request.k ?? 8;
  if (!Number.isInteger(k) || k < 1 || k > MAX_K) {
    throw new InputError({
      code: 'invalid_k',
      message: `k must be a whole number from 1 to ${MAX_K}.`,
      details: { field: 'k' },
    });
  }
}

/**
 * The distinct content terms of the query, for full-text search and snippets. Lone
 * Chinese characters are left to the character pairs, which say more.
 */
function queryWords(query: string): string[] {
  const terms = searchTerms(query).filter(
    (term) => !isStopWord(term) && !(term.length === 1 && hasHan(term)),
  );
  return [...new Set(terms)].slice(0, 48);
}

/** The names of the tenant's accounts, for naming them across languages in queries. */
async function accountNames(db: Database, caller: Caller): Promise<AccountNames[]> {
  return db
    .select({ nameZh: accounts.nameZh, nameEn: accounts.nameEn })
    .from(accounts)
    .where(eq(accounts.tenantId, caller.tenantId));
}

/** Tenant, audience, account scope and the request's filters, as one SQL condition. */
function scopeCondition(caller: Caller, filters: SearchFilters): SQL {
  const conditions: SQL[] = [readableKnowledge(chunks, caller)];
  if (!filters.includeSuperseded) conditions.push(sql`${chunks.isCurrent}`);
  if (filters.types?.length) {
    conditions.push(
      sql`${chunks.documentType} in (${sql.join(
        filters.types.map((type) => sql`${type}`),
        sql`, `,
      )})`,
    );
  }
  if (filters.accountId) conditions.push(sql`${chunks.accountId} = ${filters.accountId}`);
  if (filters.language) conditions.push(sql`${chunks.language} = ${filters.language}`);
  if (filters.effectiveOn) {
    const day = filters.effectiveOn;
    conditions.push(
      sql`(${chunks.effectiveFrom} is null or ${chunks.effectiveFrom} <= ${day}::date)`,
      sql`(${chunks.effectiveTo} is null or ${chunks.effectiveTo} >= ${day}::date)`,
    );
  }
  return sql.join(conditions, sql` and `);
}

function vectorBranch(filter: SQL, vector: number[], limit: number): SQL {
  const literal = `[${vector.join(',')}]`;
  return sql`select id, row_number() over (order by distance) as rank from (
      select ${chunks.id} as id, ${chunks.embedding} <=> ${literal}::vector as distance
      from ${chunks}
      where ${filter} and ${chunks.embedding} is not null
      order by ${chunks.embedding} <=> ${literal}::vector
      limit ${limit}
    ) nearest`;
}

/**
 * Full-text candidates: any term of the expanded query matches; passages with every
 * term of the query as asked rank first, then by ts_rank normalised below 1 (cover
 * density ranked worse on the retrieval eval and took twice the time).
 */
function textBranch(filter: SQL, terms: { any: string[]; every: string[] }, limit: number): SQL {
  const quote = (word: string) => `'${word.replaceAll("'", "''")}'`;
  const anyTerm = sql`to_tsquery('simple', ${terms.any.map(quote).join(' | ')})`;
  const every = terms.every.length > 0 ? terms.every : terms.any;
  const everyTerm = sql`to_tsquery('simple', ${every.map(quote).join(' & ')})`;
  return sql`select id, row_number() over (order by text_rank desc) as rank from (
      select ${chunks.id} as id,
        (${chunks.searchVector} @@ ${everyTerm})::int
          + ts_rank(${chunks.searchVector}, ${anyTerm}, 32) as text_rank
      from ${chunks}
      where ${filter} and ${chunks.searchVector} @@ ${anyTerm}
      order by text_rank desc
      limit ${limit}
    ) matching`;
}

interface ResultRow {
  chunk_id: string;
  document_id: string;
  source_id: string;
  title: string;
  text: string;
  heading: string | null;
  page: number | null;
  row_number: number | null;
  version: number;
  effective_from: string | Date | null;
  effective_to: string | Date | null;
  score: number | string;
}

/**
 * Fuses the ranked branches and keeps at most MAX_PER_DOCUMENT chunks of a document,
 * so that one long document does not crowd out the others. Ties break on the source
 * and the chunk's place, so the same search always returns the same order.
 */
function fusedQuery(branches: SQL[], k: number): SQL {
  const ranked = sql.join(
    branches.map((branch) => sql`(${branch})`),
    sql` union all `,
  );
  return sql`with ranked as (${ranked}),
    fused as (
      select id, sum(1.0 / (${RRF_K} + rank)) as score from ranked group by id
    ),
    placed as (
      select c.id as chunk_id, c.document_id, d.source_id, d.title, c.text, c.heading, c.page,
        c.row_number, c.ordinal, d.version, d.effective_from, d.effective_to, fused.score,
        row_number() over (partition by c.document_id order by fused.score desc, c.ordinal)
          as place_in_document
      from fused
      join ${chunks} c on c.id = fused.id
      join ${documents} d on d.id = c.document_id
    )
    select * from placed
    where place_in_document <= ${MAX_PER_DOCUMENT}
    order by score desc, source_id, ordinal
    limit ${k}`;
}

function toResult(row: ResultRow, words: string[]): SearchResult {
  const place = { heading: row.heading, page: row.page, rowNumber: row.row_number };
  return {
    documentId: row.document_id,
    sourceId: row.source_id,
    chunkId: row.chunk_id,
    text: row.text,
    score: Number(row.score),
    citation: {
      documentId: row.document_id,
      chunkId: row.chunk_id,
      sourceId: row.source_id,
      title: row.title,
      locator: locatorOf(place),
      ...place,
      version: row.version,
      effectiveFrom: isoDate(row.effective_from),
      effectiveTo: isoDate(row.effective_to),
      snippet: snippetOf(row.text, words),
    },
  };
}

function isoDate(value: string | Date | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString().slice(0, 10) : value.slice(0, 10);
}
