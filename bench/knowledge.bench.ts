/**
 * Knowledge-base benchmark: ingestion throughput; search latency at 10k and 100k chunks
 * on PGlite and (with DATABASE_URL) PostgreSQL; hybrid search with permission filters
 * beside a plain vector top-k on the same table; HNSW recall@10 against exact search;
 * and LangChain's PGVectorStore on the same data and vectors (PostgreSQL only).
 *
 * `npm run bench -- knowledge` (sizes: KNOWLEDGE_BENCH_SIZES=10000,100000).
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { readableKnowledge } from '../auth/scope.ts';
import { type DatabaseHandle, openDatabase } from '../db/client.ts';
import { chunks } from '../db/schema/index.ts';
import { loadQuestions } from '../evals/retrieval/load-questions.ts';
import { ingestDocument } from '../knowledge/ingest-document.ts';
import { createOfflineEmbedder } from '../knowledge/offline-embedder.ts';
import { parseFile } from '../knowledge/parse/parse-file.ts';
import { loadConfig } from '../lib/config.ts';
import { withDatabase } from '../testing/templates.ts';
import { bulkLoad } from './knowledge/bulk-load.ts';
import { loadLangChainStore } from './knowledge/langchain-store.ts';
import {
  dealwiseSearch,
  hnswRecall,
  type Latency,
  langChainSearch,
  latencyOver,
  plainVectorSearch,
} from './knowledge/measure-search.ts';
import { demoSentences, syntheticChunks } from './knowledge/synthetic-corpus.ts';
import { printTable } from './stats.ts';

const ACCOUNTS = 200;
const sizes = (process.env.KNOWLEDGE_BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const config = loadConfig();
const embedder = createOfflineEmbedder();
const queries = (await loadQuestions('evals/retrieval/questions.jsonl')).map((q) => q.query);
const sentences = await demoSentences('demo/knowledge');
const backends = config.database.url ? (['pglite', 'postgres'] as const) : (['pglite'] as const);
if (!config.database.url) console.log('DATABASE_URL is not set: PostgreSQL rows are skipped.');

console.log('\nIngestion through the full pipeline (parse, chunk, embed, write, live index)');
const ingestionRows = [];
for (const backend of backends) ingestionRows.push(await measureIngestion(backend));
printTable(ingestionRows);

const loadRows: Record<string, string | number>[] = [];
const searchRows: Record<string, string | number>[] = [];
for (const backend of backends) {
  for (const size of sizes) {
    await measureSize(backend, size);
    printResults(`after ${backend}, ${size} chunks`);
  }
}

/** Prints what has been measured so far, so a long run shows its figures as it goes. */
function printResults(stage: string): void {
  console.log(`\nBulk load (rows first, HNSW index built once afterwards), ${stage}`);
  printTable(loadRows);
  console.log(`\nSearch latency in ms over ${queries.length} queries, k = 10, ${stage}`);
  printTable(searchRows);
}

async function measureIngestion(backend: 'pglite' | 'postgres') {
  const database = await freshDatabase(backend);
  try {
    const [tenant] = await database.db
      .execute(sql`insert into tenants (slug, name) values ('ingest', 'Ingest') returning id`)
      .then((result) => (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows));
    const tenantId = (tenant as { id: string }).id;
    const parsed = await parsedDemoDocuments();
    let stored = 0;
    const started = performance.now();
    for (let round = 0; stored < 3_000; round += 1) {
      for (const [index, document] of parsed.entries()) {
        const outcome = await ingestDocument({ db: database.db, embedder, tenantId }, document, {
          sourceId: `round-${round}/${index}`,
          type: 'playbook',
          audience: 'internal',
        });
        stored += outcome.chunks;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    return { backend, chunks: stored, seconds, 'chunks/s': stored / seconds };
  } finally {
    await database.close();
  }
}

async function measureSize(backend: 'pglite' | 'postgres', size: number): Promise<void> {
  const corpus = syntheticChunks({ sentences, count: size, accounts: ACCOUNTS, seed: size });
  const database = await freshDatabase(backend);
  try {
    const loaded = await bulkLoad(database.db, { corpus, accounts: ACCOUNTS, embedder });
    loadRows.push({
      backend,
      chunks: size,
      'embed chunks/s': size / (loaded.embedMs / 1000),
      'insert rows/s': size / (loaded.insertMs / 1000),
      'HNSW build s': loaded.indexMs / 1000,
    });

    const context = { db: database.db, embedder };
    const row = (search: string, latency: Latency, recall: number | string = '') =>
      searchRows.push({
        backend,
        chunks: size,
        search,
        p50: latency.p50,
        p95: latency.p95,
        'recall@10 vs exact': recall,
      });
    const customerScope = readableKnowledge(chunks, loaded.customer);
    const customerFilter = sql`${customerScope} and ${chunks.isCurrent}`;

    row(
      'plain vector top-k (baseline, no scope)',
      await latencyOver(queries, plainVectorSearch(database.db, embedder)),
      await hnswRecall({ db: database.db, embedder, queries }),
    );
    row(
      'dealwise vector, admin',
      await latencyOver(queries, dealwiseSearch(context, loaded.admin, 'vector')),
    );
    row(
      'dealwise vector, customer scope',
      await latencyOver(queries, dealwiseSearch(context, loaded.customer, 'vector')),
      await hnswRecall({ db: database.db, embedder, queries, filter: customerFilter }),
    );
    row(
      'dealwise hybrid, admin',
      await latencyOver(queries, dealwiseSearch(context, loaded.admin, 'hybrid')),
    );
    row(
      'dealwise hybrid, customer scope',
      await latencyOver(queries, dealwiseSearch(context, loaded.customer, 'hybrid')),
    );

    if (backend === 'postgres') await measureLangChain(database, corpus, size, row);
  } finally {
    await database.close();
  }
}

async function measureLangChain(
  database: DatabaseHandle & { url?: string },
  corpus: ReturnType<typeof syntheticChunks>,
  size: number,
  row: (search: string, latency: Latency, recall?: number | string) => void,
): Promise<void> {
  const vectors: number[][] = [];
  for (let start = 0; start < corpus.length; start += 1_000) {
    vectors.push(...(await embedder.embed(corpus.slice(start, start + 1_000).map((c) => c.text))));
  }
  const { store, loadMs, indexMs } = await loadLangChainStore({
    connectionString: database.url as string,
    embedder,
    corpus,
    vectors,
  });
  loadRows.push({
    backend: 'postgres (LangChain PGVectorStore)',
    chunks: size,
    'embed chunks/s': '-',
    'insert rows/s': size / (loadMs / 1000),
    'HNSW build s': indexMs / 1000,
  });
  row(
    'LangChain PGVectorStore top-k',
    await latencyOver(queries, langChainSearch(store, embedder)),
  );
  row(
    'LangChain PGVectorStore, filter audience=public',
    await latencyOver(queries, langChainSearch(store, embedder, { audience: 'public' })),
  );
  await store.end();
}

async function parsedDemoDocuments() {
  const manifest = JSON.parse(await readFile('demo/data/documents.json', 'utf8')) as {
    file: string;
  }[];
  const parsed = [];
  for (const { file } of manifest) {
    const bytes = await readFile(`demo/knowledge/${file}`);
    parsed.push(...(await parseFile({ name: file, bytes })).documents);
  }
  return parsed;
}

/** An empty, migrated database: in-memory PGlite, or a new database on the server. */
async function freshDatabase(
  backend: 'pglite' | 'postgres',
): Promise<DatabaseHandle & { url?: string }> {
  if (backend === 'pglite') return openDatabase();
  const serverUrl = config.database.url as string;
  const name = `dw_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = withDatabase(serverUrl, name);
  const database = await openDatabase({ url });
  await database.db.execute(sql`set maintenance_work_mem = '1GB'`);
  return {
    ...database,
    url,
    async close() {
      await database.close();
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
      await cleanup.end();
    },
  };
}
