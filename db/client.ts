import { fileURLToPath } from 'node:url';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema/index.ts';

/** The drizzle database, the same type whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A transaction handle; accepted wherever a Database is. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export type DatabaseKind = 'pglite' | 'postgres';

/** An open database and the means to close it. */
export interface DatabaseHandle {
  db: Database;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A postgres:// URL; without it the embedded PGlite database is used. */
  url?: string | undefined;
  /** Where PGlite keeps its files; omitted, it lives in memory. */
  dataDir?: string | undefined;
  /** A PGlite data directory dump to start from (tests use a migrated template). */
  loadDataDir?: Blob | File | undefined;
  /** Apply pending migrations before returning. Default true. */
  migrate?: boolean;
  /** Connections in the postgres.js pool. Default 10. */
  poolSize?: number;
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Session settings for pgvector: keep scanning the HNSW graph until enough rows pass a
 * search's filters (iterative scans, pgvector 0.8+), with a candidate list of 100. Set
 * once per connection, so a search needs no transaction of its own.
 */
const VECTOR_SEARCH_SETTINGS = { 'hnsw.iterative_scan': 'relaxed_order', 'hnsw.ef_search': '100' };

/** Any number, as long as every Dealwise process agrees on it. */
const MIGRATION_LOCK_KEY = 7_364_210_583;

/**
 * Opens the database: PostgreSQL through postgres.js when a URL is given, PGlite
 * otherwise. The vector extension is created and migrations applied unless told not to.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<DatabaseHandle> {
  const migrate = options.migrate ?? true;
  const handle = options.url
    ? await openPostgres(options.url, { migrate, poolSize: options.poolSize ?? 10 })
    : await openPglite(options, migrate);
  return handle;
}

async function openPostgres(
  url: string,
  options: { migrate: boolean; poolSize: number },
): Promise<DatabaseHandle> {
  const client = postgres(url, {
    max: options.poolSize,
    onnotice: () => {},
    connection: VECTOR_SEARCH_SETTINGS,
  });
  const db = drizzlePostgres({ client, schema });
  const close = () => client.end({ timeout: 5 });
  if (options.migrate) await closeOnFailure(close, () => migratePostgresDatabase(client, db));
  return { db: db as unknown as Database, kind: 'postgres', close };
}

/**
 * Migrates under an advisory lock held on one reserved connection, so replicas that
 * start together take turns.
 */
async function migratePostgresDatabase(
  client: postgres.Sql,
  db: ReturnType<typeof drizzlePostgres<typeof schema>>,
): Promise<void> {
  const connection = await client.reserve();
  try {
    await connection`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await connection`create extension if not exists vector`;
    await migratePostgres(db, { migrationsFolder });
  } finally {
    await connection`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
    connection.release();
  }
}

async function openPglite(options: OpenDatabaseOptions, migrate: boolean): Promise<DatabaseHandle> {
  const pgliteOptions: PGliteOptions = { extensions: { vector } };
  if (options.dataDir) pgliteOptions.dataDir = options.dataDir;
  if (options.loadDataDir) pgliteOptions.loadDataDir = options.loadDataDir;
  const client = await PGlite.create(pgliteOptions);
  const db = drizzlePglite({ client, schema });
  const close = () => client.close();
  await closeOnFailure(close, async () => {
    if (migrate) {
      await client.exec('create extension if not exists vector');
      await migratePglite(db, { migrationsFolder });
    }
    for (const [name, value] of Object.entries(VECTOR_SEARCH_SETTINGS)) {
      await client.query('select set_config($1, $2, false)', [name, value]);
    }
  });
  return { db: db as unknown as Database, kind: 'pglite', close };
}

async function closeOnFailure(
  close: () => Promise<void>,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    await close();
    throw error;
  }
}

/** Runs a raw query and returns its rows, whichever driver answers. */
export async function selectRows<Row>(db: Database, query: SQL): Promise<Row[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as Row[];
  return (result as { rows: Row[] }).rows;
}
