import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import postgres from 'postgres';
import { inject } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../db/client.ts';
import { type TemplateName, withDatabase } from './templates.ts';

/**
 * A fresh database for one test file, copied from a template the global setup built:
 * PGlite from a dumped data directory, PostgreSQL with `create database ... template`.
 * Closing it drops it.
 */
export async function createTestDatabase(
  template: TemplateName = 'empty',
): Promise<DatabaseHandle> {
  const templates = inject('testTemplates');
  const location = templates.locations[template];
  if (templates.kind === 'pglite') {
    const dump = new Blob([await readFile(location)]);
    return openDatabase({ loadDataDir: dump, migrate: false });
  }
  return createPostgresCopy(location);
}

/** When the demo template was seeded: the demo's relative times count back from it. */
export function demoSeededAt(): Date {
  return new Date(inject('testTemplates').seededAt);
}

async function createPostgresCopy(templateDatabase: string): Promise<DatabaseHandle> {
  const databaseUrl = process.env.DATABASE_URL as string;
  const name = `dw_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}" template "${templateDatabase}"`);
  } finally {
    await admin.end();
  }

  const database = await openDatabase({
    url: withDatabase(databaseUrl, name),
    migrate: false,
    poolSize: 4,
  });
  return {
    ...database,
    async close() {
      await database.close();
      const cleanup = postgres(databaseUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
      await cleanup.end();
    },
  };
}
