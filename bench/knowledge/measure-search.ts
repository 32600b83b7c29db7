import type { PGVectorStore } from '@langchain/community/vectorstores/pgvector';
import { type SQL, sql } from 'drizzle-orm';
import type { Caller } from '../../auth/caller.ts';
import { type Database, selectRows } from '../../db/client.ts';
import type { Embedder } from '../../knowledge/embedder.ts';
import { searchKnowledge } from '../../knowledge/hybrid-search.ts';
import { quantile, timeRuns } from '../stats.ts';

/** Latency of one kind of search over a set of queries, in milliseconds. */
export interface Latency {
  p50: number;
  p95: number;
}

/** Times `search` once per query after a short warm-up. */
export async function latencyOver(
  queries: string[],
  search: (query: string) => Promise<unknown>,
): Promise<Latency> {
  let next = 0;
  const samples = await timeRuns(() => search(queries[next++ % queries.length] as string), {
    runs: queries.length,
    warmup: 5,
  });
  return { p50: quantile(samples, 0.5), p95: quantile(samples, 0.95) };
}

/** Dealwise's search as one caller in one mode. */
export function dealwiseSearch(
  context: { db: Database; embedder: Embedder },
  caller: Caller,
  mode: 'hybrid' | 'vector',
): (query: string) => Promise<unknown> {
  return (query) => searchKnowledge(context, caller, { query, k: 10, mode });
}

/** The plain baseline: vector top-10 over the whole table, no scope and no fusion. */
export function plainVectorSearch(
  db: Database,
  embedder: Embedder,
): (query: string) => Promise<string[]> {
  return async (query) => {
    const [vector] = await embedder.embed([query]);
    return nearestIds(db, { vector: vector as number[], exact: false });
  };
}

/** LangChain's PGVectorStore: vector top-10, optionally with a metadata filter. */
export function langChainSearch(
  store: PGVectorStore,
  embedder: Embedder,
  filter?: PGVectorStore['FilterType'],
): (query: string) => Promise<unknown> {
  return async (query) => {
    const [vector] = await embedder.embed([query]);
    return store.similaritySearchVectorWithScore(vector as number[], 10, filter);
  };
}

/**
 * Recall@10 of the HNSW index against exact search, with or without the customer's
 * permission filter (which makes the index keep scanning: pgvector's iterative scans).
 */
export async function hnswRecall(options: {
  db: Database;
  embedder: Embedder;
  queries: string[];
  filter?: SQL;
}): Promise<number> {
  let found = 0;
  let wanted = 0;
  for (const query of options.queries) {
    const [vector] = await options.embedder.embed([query]);
    const exact = await nearestIds(options.db, {
      vector: vector as number[],
      exact: true,
      filter: options.filter,
    });
    const approximate = new Set(
      await nearestIds(options.db, {
        vector: vector as number[],
        exact: false,
        filter: options.filter,
      }),
    );
    found += exact.filter((id) => approximate.has(id)).length;
    wanted += exact.length;
  }
  return wanted === 0 ? Number.NaN : found / wanted;
}

/** Ids of the 10 nearest chunks, through the HNSW index or by an exact scan. */
async function nearestIds(
  db: Database,
  options: { vector: number[]; exact: boolean; filter?: SQL | undefined },
): Promise<string[]> {
  const literal = `[${options.vector.join(',')}]`;
  const where = options.filter ? sql`where ${options.filter}` : sql``;
  return db.transaction(async (tx) => {
    if (options.exact) await tx.execute(sql`set local enable_indexscan = off`);
    if (options.filter) await tx.execute(sql`set local hnsw.iterative_scan = relaxed_order`);
    await tx.execute(sql`set local hnsw.ef_search = 100`);
    const rows = await selectRows<{ id: string }>(
      tx as unknown as Database,
      sql`select id from chunks ${where} order by embedding <=> ${literal}::vector limit 10`,
    );
    return rows.map((row) => row.id);
  });
}
