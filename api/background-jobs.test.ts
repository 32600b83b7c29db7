import { setTimeout as sleep } from 'node:timers/promises';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client.ts';
import { jobs, leadScores, leads } from '../db/schema/index.ts';
import { createLogger } from '../lib/logger.ts';
import { createTestApp } from '../testing/test-app.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { RESCORE_CHANGED_LEADS, startBackgroundJobs } from './background-jobs.ts';

describe('background jobs', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase('demo');
  });
  afterAll(() => database.close());

  it('scores every demo lead on the first rescoring run', async () => {
    const logger = createLogger({ level: 'silent' });
    const { agent } = createTestApp(database);
    const worker = startBackgroundJobs({ db: database.db, logger, agent });
    let done = 0;
    for (let tries = 0; tries < 200 && done === 0; tries += 1) {
      await sleep(100);
      const [row] = await database.db
        .select({ n: count() })
        .from(jobs)
        .where(eq(jobs.kind, RESCORE_CHANGED_LEADS));
      const [finished] = await database.db
        .select({ n: count() })
        .from(jobs)
        .where(and(eq(jobs.kind, RESCORE_CHANGED_LEADS), eq(jobs.status, 'done')));
      done = row && row.n > 0 ? (finished?.n ?? 0) : 0;
    }
    await worker.stop();

    const [scored] = await database.db.select({ n: count() }).from(leadScores);
    const [all] = await database.db.select({ n: count() }).from(leads);
    expect(done).toBe(1);
    expect(scored?.n).toBe(all?.n);
  });
});
