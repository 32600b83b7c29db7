import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client.ts';
import { searchTermStats, tenants } from '../db/schema/index.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { countTerms, selectiveTerms } from './term-stats.ts';

describe('term statistics', () => {
  let database: DatabaseHandle;
  let tenantId: string;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    const [tenant] = await database.db.insert(tenants).values({ slug: 's', name: 'S' }).returning();
    tenantId = tenant!.id;
  });
  afterAll(() => database.close());

  const countOf = async (term: string) => {
    const [row] = await database.db
      .select({ n: searchTermStats.chunkCount })
      .from(searchTermStats)
      .where(and(eq(searchTermStats.tenantId, tenantId), eq(searchTermStats.term, term)));
    return row?.n ?? 0;
  };

  it('counts each term once per chunk, and takes chunks out again', async () => {
    const chunks = [
      { title: 'Policy', text: 'stapler stapler reimbursement' },
      { title: 'Policy', text: 'stapler pricing' },
    ];

    await countTerms(database.db, { tenantId, chunks, sign: 1 });
    const counted = [await countOf('stapler'), await countOf('pricing'), await countOf('*')];
    await countTerms(database.db, { tenantId, chunks: chunks.slice(1), sign: -1 });

    expect(counted).toEqual([2, 1, 2]);
    expect([await countOf('stapler'), await countOf('pricing'), await countOf('*')]).toEqual([
      1, 0, 1,
    ]);
  });

  it('keeps every term of a small corpus', async () => {
    expect(await selectiveTerms(database.db, { tenantId, terms: ['stapler', 'hospital'] })).toEqual(
      ['stapler', 'hospital'],
    );
  });

  it('leaves out terms found in most chunks of a large corpus, rarest first', async () => {
    const common = Array.from({ length: 1_200 }, (_, index) => ({
      title: 'Doc',
      text: [
        'hospital device',
        index % 3 === 0 ? 'monitor' : 'pump',
        index < 5 ? 'ultrasound' : '',
      ].join(' '),
    }));
    await countTerms(database.db, { tenantId, chunks: common, sign: 1 });

    const terms = await selectiveTerms(database.db, {
      tenantId,
      terms: ['hospital', 'monitor', 'ultrasound', 'stapler'],
    });

    expect(terms).toEqual(['stapler', 'ultrasound']);
  });
});
