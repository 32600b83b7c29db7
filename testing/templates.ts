import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { type DatabaseHandle, openDatabase } from '../db/client.ts';
import { seedDemoTenant } from '../demo/seed.ts';

/** What a test database starts from: just the schema, or the schema and the demo tenant. */
export type TemplateName = 'empty' | 'demo';

/** Where each template lives: a PGlite dump file, or a PostgreSQL template database. */
export interface TestTemplates {
  kind: 'pglite' | 'postgres';
  locations: Record<TemplateName, string>;
  /** When the demo template was seeded; demo times count back from it. */
  seededAt: string;
}

/** Builds both templates once per test run; returns them and a teardown. */
export async function buildTemplates(
  databaseUrl: string | undefined,
): Promise<{ templates: TestTemplates; teardown: () => Promise<void> }> {
  const seededAt = new Date();
  return databaseUrl
    ? buildPostgresTemplates(databaseUrl, seededAt)
    : buildPgliteTemplates(seededAt);
}

async function buildPgliteTemplates(seededAt: Date) {
  const folder = await mkdtemp(join(tmpdir(), 'dealwise-test-'));
  const locations = {} as Record<TemplateName, string>;
  const database = await openDatabase();
  try {
    locations.empty = await dumpTo(database, join(folder, 'empty.tar.gz'));
    await seedDemoTenant(database.db, { now: seededAt });
    locations.demo = await dumpTo(database, join(folder, 'demo.tar.gz'));
  } finally {
    await database.close();
  }
  return {
    templates: { kind: 'pglite' as const, locations, seededAt: seededAt.toISOString() },
    teardown: () => rm(folder, { recursive: true, force: true }),
  };
}

async function dumpTo(database: DatabaseHandle, file: string): Promise<string> {
  const client = (database.db as unknown as { $client: import('@electric-sql/pglite').PGlite })
    .$client;
  const dump = await client.dumpDataDir('gzip');
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  return file;
}

async function buildPostgresTemplates(databaseUrl: string, seededAt: Date) {
  const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const locations: Record<TemplateName, string> = {
    empty: `dw_template_empty_${suffix}`,
    demo: `dw_template_demo_${suffix}`,
  };
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    for (const [name, databaseName] of Object.entries(locations)) {
      await admin.unsafe(`create database "${databaseName}"`);
      const database = await openDatabase({ url: withDatabase(databaseUrl, databaseName) });
      if (name === 'demo') await seedDemoTenant(database.db, { now: seededAt });
      await database.close();
    }
  } finally {
    await admin.end();
  }
  return {
    templates: { kind: 'postgres' as const, locations, seededAt: seededAt.toISOString() },
    teardown: async () => {
      const cleanup = postgres(databaseUrl, { max: 1, onnotice: () => {} });
      for (const databaseName of Object.values(locations)) {
        await cleanup.unsafe(`drop database if exists "${databaseName}" with (force)`);
      }
      await cleanup.end();
    },
  };
}

/** The same server URL, pointing at another database. */
export function withDatabase(databaseUrl: string, databaseName: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
}
