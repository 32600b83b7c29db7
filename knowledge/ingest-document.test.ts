import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../auth/caller.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { accounts, chunks, documents, tenants, users } from '../db/schema/index.ts';
import { RemoteServiceError } from '../lib/errors.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import type { Embedder } from './embedder.ts';
import { searchKnowledge } from './hybrid-search.ts';
import { type IngestContext, ingestDocument } from './ingest-document.ts';
import { createOfflineEmbedder } from './offline-embedder.ts';
import { parseFile } from './parse/parse-file.ts';

const embedder = createOfflineEmbedder();

async function parsedMarkdown(text: string) {
  const {
    documents: [document],
  } = await parseFile({
    name: 'policy.md',
    bytes: new TextEncoder().encode(text),
  });
  return document!;
}

const POLICY_V1 = '# 吻合器报销规则\n\n上海地区吻合器报销比例为百分之六十，需要提供手术记录。';
const POLICY_V2 =
  '# 吻合器报销规则\n\n上海地区吻合器报销比例调整为百分之七十，需要提供手术记录和发票。';

describe('ingestDocument', () => {
  let database: DatabaseHandle;
  let context: IngestContext;
  let admin: Caller;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    const [tenant] = await database.db.insert(tenants).values({ slug: 't', name: 'T' }).returning();
    const [user] = await database.db
      .insert(users)
      .values({ tenantId: tenant!.id, email: 'a@t', displayName: 'A', role: 'admin' })
      .returning();
    context = { db: database.db, embedder, tenantId: tenant!.id };
    admin = {
      tenantId: tenant!.id,
      userId: user!.id,
      role: 'admin',
      teamId: null,
      accountId: null,
      locale: 'zh-CN',
      timeZone: 'Asia/Shanghai',
    };
  });
  afterAll(() => database.close());

  const chunkIdsOf = async (sourceId: string) =>
    (
      await database.db
        .select({ id: chunks.id })
        .from(chunks)
        .innerJoin(documents, eq(documents.id, chunks.documentId))
        .where(and(eq(documents.tenantId, context.tenantId), eq(documents.sourceId, sourceId)))
    ).map((row) => row.id);

  it('stores a document with its chunks, embeddings and full-text vectors', async () => {
    const outcome = await ingestDocument(context, await parsedMarkdown(POLICY_V1), {
      sourceId: 'policy/stapler',
      type: 'policy',
      audience: 'public',
    });
    const [chunk] = await database.db
      .select()
      .from(chunks)
      .where(eq(chunks.documentId, outcome.documentId));

    expect(outcome).toMatchObject({ status: 'created', version: 1, chunks: 1 });
    expect(chunk?.embedding).toHaveLength(512);
    expect(chunk?.searchVector).toContain("'报销'");
  });

  it('does nothing when the same content comes again', async () => {
    const before = await chunkIdsOf('policy/stapler');

    const outcome = await ingestDocument(context, await parsedMarkdown(POLICY_V1), {
      sourceId: 'policy/stapler',
      type: 'policy',
      audience: 'public',
    });

    expect(outcome.status).toBe('unchanged');
    expect(await chunkIdsOf('policy/stapler')).toEqual(before);
  });

  it('replaces the chunks of a changed document of the same version', async () => {
    const before = await chunkIdsOf('policy/stapler');

    const outcome = await ingestDocument(
      context,
      await parsedMarkdown(`${POLICY_V1}\n\n补充说明。`),
      {
        sourceId: 'policy/stapler',
        type: 'policy',
        audience: 'public',
      },
    );
    const after = await chunkIdsOf('policy/stapler');

    expect(outcome.status).toBe('replaced');
    expect(after.length).toBeGreaterThan(0);
    expect(after.some((id) => before.includes(id))).toBe(false);
  });

  it('keeps the old chunks when embedding the new content fails', async () => {
    const before = await chunkIdsOf('policy/stapler');
    const failing: Embedder = {
      id: 'failing',
      dimensions: 512,
      embed: () =>
        Promise.reject(
          new RemoteServiceError({ code: 'embedding_provider_failed', message: 'down' }),
        ),
    };

    await expect(
      ingestDocument({ ...context, embedder: failing }, await parsedMarkdown('# New\n\nText.'), {
        sourceId: 'policy/stapler',
        type: 'policy',
        audience: 'public',
      }),
    ).rejects.toThrow(RemoteServiceError);
    expect(await chunkIdsOf('policy/stapler')).toEqual(before);
  });

  it('lets a newer version supersede the older one in search', async () => {
    const outcome = await ingestDocument(context, await parsedMarkdown(POLICY_V2), {
      sourceId: 'policy/stapler',
      type: 'policy',
      audience: 'public',
      version: 2,
      effectiveFrom: '2026-07-01',
    });
    const current = await searchKnowledge({ db: database.db, embedder }, admin, {
      query: '上海 吻合器 报销比例',
    });
    const all = await searchKnowledge({ db: database.db, embedder }, admin, {
      query: '上海 吻合器 报销比例',
      filters: { includeSuperseded: true },
    });

    expect(outcome).toMatchObject({ status: 'new_version', version: 2 });
    expect(current.map((result) => result.citation.version)).toEqual([2]);
    expect(new Set(all.map((result) => result.citation.version))).toEqual(new Set([1, 2]));
  });

  it('requires an account of the same tenant for an account document', async () => {
    const [other] = await database.db.insert(tenants).values({ slug: 'o', name: 'O' }).returning();
    const [foreign] = await database.db
      .insert(accounts)
      .values({
        tenantId: other!.id,
        nameEn: 'Foreign',
        industry: 'x',
        region: 'y',
        sizeBand: 'small',
      })
      .returning();
    const document = await parsedMarkdown('# Quote\n\nPrices for you.');

    await expect(
      ingestDocument(context, document, { sourceId: 'q', type: 'other', audience: 'account' }),
    ).rejects.toMatchObject({ code: 'invalid_document_attributes' });
    await expect(
      ingestDocument(context, document, {
        sourceId: 'q',
        type: 'other',
        audience: 'account',
        accountId: foreign!.id,
      }),
    ).rejects.toMatchObject({ code: 'unknown_account' });
  });

  it('rejects a malformed effective date', async () => {
    await expect(
      ingestDocument(context, await parsedMarkdown('# X\n\nY.'), {
        sourceId: 'x',
        type: 'other',
        audience: 'internal',
        effectiveFrom: '2026-13-45',
      }),
    ).rejects.toMatchObject({
      code: 'invalid_document_attributes',
      details: { field: 'effectiveFrom' },
    });
  });
});
