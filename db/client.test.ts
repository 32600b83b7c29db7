import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../testing/test-database.ts';
import { type DatabaseHandle, openDatabase, selectRows } from './client.ts';
import { tenants } from './schema/index.ts';

describe('migrations', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase('empty');
  });
  afterAll(() => database.close());

  it('create every table of the data model', async () => {
    const rows = await selectRows<{ name: string }>(
      database.db,
      sql`select table_name as name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    );

    expect(rows.map((row) => row.name)).toEqual(
      expect.arrayContaining([
        'accounts',
        'activities',
        'api_keys',
        'audit_log',
        'channel_identities',
        'chunks',
        'contacts',
        'conversations',
        'deal_stage_changes',
        'deals',
        'documents',
        'leads',
        'messages',
        'products',
        'reimbursement_policies',
        'signals',
        'teams',
        'tenants',
        'users',
      ]),
    );
  });

  it('install pgvector and an HNSW cosine index on chunk embeddings', async () => {
    const [extension] = await selectRows<{ version: string }>(
      database.db,
      sql`select extversion as version from pg_extension where extname = 'vector'`,
    );
    const [index] = await selectRows<{ definition: string }>(
      database.db,
      sql`select indexdef as definition from pg_indexes
          where indexname = 'chunks_embedding_hnsw_idx'`,
    );

    expect(extension?.version).toMatch(/^0\.\d+\.\d+$/);
    expect(index?.definition).toContain('USING hnsw (embedding vector_cosine_ops)');
  });

  it('put a tenant column on every table but tenants itself', async () => {
    // Rows of these may belong to no tenant: a global job, an event from a chat user not yet
    // linked, a command-line eval run. Their tenant column is nullable, never absent.
    const mayBeUnowned = ['channel_events', 'eval_runs', 'jobs'];
    const rows = await selectRows<{ name: string; nullable: string | null }>(
      database.db,
      sql`select t.table_name as name, c.is_nullable as nullable
          from information_schema.tables t
          left join information_schema.columns c
            on c.table_schema = 'public' and c.table_name = t.table_name
              and c.column_name = 'tenant_id'
          where t.table_schema = 'public' and t.table_type = 'BASE TABLE'
            and t.table_name not in ('tenants', '__drizzle_migrations')
            and (c.is_nullable is null or c.is_nullable = 'YES')
          order by t.table_name`,
    );

    expect(rows).toEqual(mayBeUnowned.map((name) => ({ name, nullable: 'YES' })));
  });
});

describe.skipIf(process.env.DATABASE_URL)('the embedded database', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'dealwise-data-'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('keeps its data in DATA_DIR across restarts and migrates only once', async () => {
    const first = await openDatabase({ dataDir: folder });
    await first.db.insert(tenants).values({ slug: 'kept', name: 'Kept Ltd' });
    const appliedFirst = await appliedMigrations(first);
    await first.close();

    const second = await openDatabase({ dataDir: folder });
    const rows = await second.db.select({ slug: tenants.slug }).from(tenants);
    const appliedSecond = await appliedMigrations(second);
    await second.close();

    expect(rows).toEqual([{ slug: 'kept' }]);
    expect(appliedFirst).toBeGreaterThan(0);
    expect(appliedSecond).toBe(appliedFirst);
  });
});

async function appliedMigrations(database: DatabaseHandle): Promise<number> {
  const [row] = await selectRows<{ count: number }>(
    database.db,
    sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
  );
  return row?.count ?? 0;
}
