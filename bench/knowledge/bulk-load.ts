import { sql } from 'drizzle-orm';
import type { Caller } from '../../auth/caller.ts';
import type { Database } from '../../db/client.ts';
import { accounts, chunks, documents, tenants, users } from '../../db/schema/index.ts';
import type { Embedder } from '../../knowledge/embedder.ts';
import { chunkSearchVector } from '../../knowledge/search-vector.ts';
import { estimateTokens } from '../../knowledge/segment.ts';
import { countTerms, type IndexedText } from '../../knowledge/term-stats.ts';
import type { SyntheticChunk } from './synthetic-corpus.ts';

/** What a bulk load made and how long its steps took. */
export interface LoadedCorpus {
  admin: Caller;
  customer: Caller;
  embedMs: number;
  insertMs: number;
  indexMs: number;
}

const CHUNKS_PER_DOCUMENT = 50;
const INSERT_BATCH = 500;

/**
 * Loads a synthetic corpus the way a large import should: rows first, then the HNSW
 * index built once over all of them (inserting into a live HNSW index one row at a
 * time is far slower, on PGlite above all).
 */
export async function bulkLoad(
  db: Database,
  options: { corpus: SyntheticChunk[]; accounts: number; embedder: Embedder },
): Promise<LoadedCorpus> {
  const { tenantId, accountIds, admin, customer } = await createTenant(db, options.accounts);

  let started = performance.now();
  const vectors: number[][] = [];
  for (let start = 0; start < options.corpus.length; start += 1_000) {
    const texts = options.corpus.slice(start, start + 1_000).map((chunk) => chunk.text);
    vectors.push(...(await options.embedder.embed(texts)));
  }
  const embedMs = performance.now() - started;

  await db.execute(sql`drop index if exists chunks_embedding_hnsw_idx`);
  started = performance.now();
  await insertCorpus(db, { tenantId, accountIds, corpus: options.corpus, vectors });
  const insertMs = performance.now() - started;

  started = performance.now();
  await db.execute(
    sql`create index chunks_embedding_hnsw_idx on chunks using hnsw (embedding vector_cosine_ops)`,
  );
  await db.execute(sql`analyze chunks`);
  const indexMs = performance.now() - started;

  return { admin, customer, embedMs, insertMs, indexMs };
}

async function createTenant(db: Database, accountCount: number) {
  const [tenant] = await db.insert(tenants).values({ slug: 'bench', name: 'Bench' }).returning();
  const tenantId = (tenant as { id: string }).id;
  const accountRows = await db
    .insert(accounts)
    .values(
      Array.from({ length: accountCount }, (_, index) => ({
        tenantId,
        nameEn: `Account ${index}`,
        nameZh: `客户${index}号`,
        industry: 'hospital',
        region: 'Shanghai',
        sizeBand: 'large' as const,
      })),
    )
    .returning({ id: accounts.id });
  const accountIds = accountRows.map((row) => row.id);
  const [adminRow, customerRow] = await db
    .insert(users)
    .values([
      { tenantId, email: 'admin@bench', displayName: 'Admin', role: 'admin' },
      {
        tenantId,
        email: 'buyer@bench',
        displayName: 'Buyer',
        role: 'customer_contact',
        accountId: accountIds[0],
      },
    ])
    .returning();
  const caller = (row: typeof adminRow): Caller => ({
    tenantId,
    userId: row!.id,
    role: row!.role,
    teamId: null,
    accountId: row!.accountId,
    locale: 'zh-CN',
    timeZone: 'Asia/Shanghai',
  });
  return { tenantId, accountIds, admin: caller(adminRow), customer: caller(customerRow) };
}

/** Groups chunks of one audience into documents of CHUNKS_PER_DOCUMENT and inserts both. */
async function insertCorpus(
  db: Database,
  options: {
    tenantId: string;
    accountIds: string[];
    corpus: SyntheticChunk[];
    vectors: number[][];
  },
): Promise<void> {
  const groups = new Map<string, number[]>();
  options.corpus.forEach((chunk, index) => {
    const key = `${chunk.audience}:${chunk.accountIndex ?? ''}`;
    const group = groups.get(key);
    if (group) group.push(index);
    else groups.set(key, [index]);
  });

  const rows: (typeof chunks.$inferInsert)[] = [];
  const indexed: IndexedText[] = [];
  for (const [key, indexes] of groups) {
    for (let start = 0; start < indexes.length; start += CHUNKS_PER_DOCUMENT) {
      const members = indexes.slice(start, start + CHUNKS_PER_DOCUMENT);
      const first = options.corpus[members[0] as number] as SyntheticChunk;
      const accountId =
        first.accountIndex === null ? null : (options.accountIds[first.accountIndex] as string);
      const title = `Synthetic ${key} ${start / CHUNKS_PER_DOCUMENT}`;
      const [document] = await db
        .insert(documents)
        .values({
          tenantId: options.tenantId,
          sourceId: `bench/${key}/${start}`,
          title,
          type: 'playbook',
          language: 'mixed',
          audience: first.audience,
          accountId,
          contentHash: `${key}:${start}`,
          mimeType: 'text/markdown',
        })
        .returning({ id: documents.id });
      members.forEach((member, ordinal) => {
        const chunk = options.corpus[member] as SyntheticChunk;
        indexed.push({ title, heading: chunk.heading, text: chunk.text });
        rows.push({
          tenantId: options.tenantId,
          documentId: (document as { id: string }).id,
          ordinal,
          text: chunk.text,
          heading: chunk.heading,
          startOffset: 0,
          endOffset: chunk.text.length,
          tokenCount: estimateTokens(chunk.text),
          embedding: options.vectors[member] ?? null,
          searchVector: chunkSearchVector({
            title,
            heading: chunk.heading,
            text: chunk.text,
          }) as never,
          audience: chunk.audience,
          accountId,
          documentType: 'playbook',
          language: 'mixed',
        });
      });
    }
  }
  for (let start = 0; start < rows.length; start += INSERT_BATCH) {
    await db.insert(chunks).values(rows.slice(start, start + INSERT_BATCH));
  }
  await countTerms(db, { tenantId: options.tenantId, chunks: indexed, sign: 1 });
}
