import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../db/client.ts';
import { jobs, tenants } from '../db/schema/index.ts';
import { createLogger } from '../lib/logger.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import {
  claimJobs,
  completeJob,
  enqueueJob,
  extendLease,
  failAbandonedJobs,
  failJob,
} from './queue.ts';
import { startJobWorker } from './worker.ts';

describe('job queue', () => {
  let database: DatabaseHandle;
  let tenantId: string;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    const [tenant] = await database.db.insert(tenants).values({ slug: 'q', name: 'Q' }).returning();
    tenantId = tenant!.id;
  });
  beforeEach(() => database.db.delete(jobs));
  afterAll(() => database.close());

  it('adds a job once while one with the same key is pending', async () => {
    const first = await enqueueJob(database.db, { tenantId, kind: 'k', dedupeKey: 'same' });
    const second = await enqueueJob(database.db, { tenantId, kind: 'k', dedupeKey: 'same' });

    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toBeNull();
  });

  it('accepts the same key again once the first job is done', async () => {
    const first = await enqueueJob(database.db, { tenantId, kind: 'k', dedupeKey: 'again' });
    const [claimed] = await claimJobs(database.db, { limit: 1, leaseMs: 60_000 });
    await completeJob(database.db, claimed!.id);

    expect(claimed!.id).toBe(first);
    expect(
      await enqueueJob(database.db, { tenantId, kind: 'k', dedupeKey: 'again' }),
    ).not.toBeNull();
  });

  it('never hands one job to two claims', async () => {
    for (let i = 0; i < 6; i += 1) await enqueueJob(database.db, { tenantId, kind: 'k' });

    const [a, b] = await Promise.all([
      claimJobs(database.db, { limit: 4, leaseMs: 60_000 }),
      claimJobs(database.db, { limit: 4, leaseMs: 60_000 }),
    ]);
    const ids = [...a!, ...b!].map((job) => job.id);

    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
  });

  it('runs jobs sharing a serial key one at a time, oldest first', async () => {
    const ids: string[] = [];
    for (const name of ['first', 'second', 'third']) {
      ids.push((await enqueueJob(database.db, { tenantId, kind: name, serialKey: 'thread-1' }))!);
    }
    const other = await enqueueJob(database.db, { tenantId, kind: 'other', serialKey: 'thread-2' });

    const firstClaim = await claimJobs(database.db, { limit: 5, leaseMs: 60_000 });
    expect(firstClaim.map((job) => job.id).sort()).toEqual([ids[0], other].sort());
    expect(await claimJobs(database.db, { limit: 5, leaseMs: 60_000 })).toEqual([]);

    await completeJob(database.db, ids[0]!);
    const [next] = await claimJobs(database.db, { limit: 5, leaseMs: 60_000 });
    expect(next?.id).toBe(ids[1]);
  });

  it('holds back a serial job behind an older one waiting for its retry', async () => {
    const older = await enqueueJob(database.db, { tenantId, kind: 'send', serialKey: 'chat-1' });
    await enqueueJob(database.db, { tenantId, kind: 'send', serialKey: 'chat-1' });
    const [claimed] = await claimJobs(database.db, { limit: 5, leaseMs: 60_000 });
    expect(claimed?.id).toBe(older);

    await failJob(database.db, claimed!, new Error('platform down'));
    expect(await claimJobs(database.db, { limit: 5, leaseMs: 60_000 })).toEqual([]);
  });

  it('does not claim a job before its time', async () => {
    await enqueueJob(database.db, { tenantId, kind: 'k', runAt: new Date(Date.now() + 60_000) });

    expect(await claimJobs(database.db, { limit: 5, leaseMs: 60_000 })).toEqual([]);
  });

  it('claims a running job again once its lease has lapsed', async () => {
    await enqueueJob(database.db, { tenantId, kind: 'k' });
    const [first] = await claimJobs(database.db, { limit: 1, leaseMs: 60_000 });

    const later = new Date(Date.now() + 120_000);
    const [again] = await claimJobs(database.db, { limit: 1, leaseMs: 60_000, now: later });

    expect(again?.id).toBe(first?.id);
    expect(again?.attempts).toBe(2);
  });

  it('does not claim a job whose lease its worker renewed', async () => {
    await enqueueJob(database.db, { tenantId, kind: 'k' });
    const [job] = await claimJobs(database.db, { limit: 1, leaseMs: 60_000 });

    await extendLease(database.db, job!.id, {
      leaseMs: 60_000,
      now: new Date(Date.now() + 50_000),
    });
    const later = new Date(Date.now() + 90_000);

    expect(await claimJobs(database.db, { limit: 1, leaseMs: 60_000, now: later })).toEqual([]);
  });

  it('fails a job whose worker stopped on its last attempt, not claiming it again', async () => {
    await enqueueJob(database.db, { tenantId, kind: 'k', maxAttempts: 1 });
    const [job] = await claimJobs(database.db, { limit: 1, leaseMs: 60_000 });
    const later = new Date(Date.now() + 120_000);

    expect(await claimJobs(database.db, { limit: 1, leaseMs: 60_000, now: later })).toEqual([]);
    expect(await failAbandonedJobs(database.db, later)).toBe(1);
    const [row] = await database.db.select().from(jobs).where(eq(jobs.id, job!.id));
    expect(row).toMatchObject({ status: 'failed', attempts: 1, leaseUntil: null });
    expect(row!.lastError).toMatch(/worker stopped/);
  });

  it('retries a failed job later and gives up after its attempts', async () => {
    await enqueueJob(database.db, { tenantId, kind: 'k', maxAttempts: 2 });
    const [job] = await claimJobs(database.db, { limit: 1, leaseMs: 60_000 });

    const first = await failJob(database.db, job!, new Error('flaky'));
    const [queued] = await database.db.select().from(jobs).where(eq(jobs.id, job!.id));
    const [retried] = await claimJobs(database.db, {
      limit: 1,
      leaseMs: 60_000,
      now: new Date(Date.now() + 60_000),
    });
    const second = await failJob(database.db, retried!, new Error('still flaky'));
    const [failed] = await database.db.select().from(jobs).where(eq(jobs.id, job!.id));

    expect(first).toBe('retrying');
    expect(queued!.runAt.getTime()).toBeGreaterThan(Date.now());
    expect(second).toBe('failed');
    expect(failed).toMatchObject({ status: 'failed', lastError: 'still flaky', attempts: 2 });
  });
});

describe('job worker', () => {
  let database: DatabaseHandle;
  let tenantIds: string[];

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    const rows = await database.db
      .insert(tenants)
      .values([
        { slug: 'w1', name: 'W1' },
        { slug: 'w2', name: 'W2' },
      ])
      .returning();
    tenantIds = rows.map((row) => row.id);
  });
  afterAll(() => database.close());

  it('runs each recurring job once per tenant and marks it done', async () => {
    const seen: string[] = [];
    let resolveDone: () => void;
    const done = new Promise<void>((resolve) => {
      resolveDone = resolve;
    });
    const worker = startJobWorker({
      db: database.db,
      logger: createLogger({ level: 'silent' }),
      handlers: {
        tick: async (job) => {
          seen.push(job.tenantId ?? 'none');
          if (seen.length === 2) resolveDone();
        },
      },
      recurring: [{ kind: 'tick', everyMs: 3_600_000 }],
      pollIntervalMs: 10,
    });

    await done;
    await worker.stop();
    const rows = await database.db.select().from(jobs).where(eq(jobs.kind, 'tick'));

    expect(seen.sort()).toEqual([...tenantIds].sort());
    expect(rows.map((row) => row.status)).toEqual(['done', 'done']);
  });
  it('renews the lease of a job while it runs', async () => {
    const tenantId = tenantIds[0] ?? null;
    const id = await enqueueJob(database.db, { tenantId, kind: 'long' });
    const leaseOf = async () => {
      const [row] = await database.db.select().from(jobs).where(eq(jobs.id, id!));
      return row!.leaseUntil!.getTime();
    };
    let renewed = false;
    const worker = startJobWorker({
      db: database.db,
      logger: createLogger({ level: 'silent' }),
      handlers: {
        long: async () => {
          const first = await leaseOf();
          await vi.waitFor(async () => expect(await leaseOf()).toBeGreaterThan(first), {
            timeout: 5_000,
            interval: 20,
          });
          renewed = true;
        },
      },
      leaseMs: 300,
      pollIntervalMs: 10_000,
    });

    await vi.waitFor(async () => {
      const [row] = await database.db.select().from(jobs).where(eq(jobs.id, id!));
      expect(row!.status).toBe('done');
    }, 10_000);
    await worker.stop();
    expect(renewed).toBe(true);
  });

  it('runs a quick job while a slow one is still in hand', async () => {
    const order: string[] = [];
    let releaseSlow: () => void = () => {};
    const slowHeld = new Promise<void>((resolve) => {
      releaseSlow = resolve;
    });
    const tenantId = tenantIds[0] ?? null;
    await enqueueJob(database.db, { tenantId, kind: 'slow', dedupeKey: 'slow-1' });
    const worker = startJobWorker({
      db: database.db,
      logger: createLogger({ level: 'silent' }),
      handlers: {
        slow: async () => {
          await enqueueJob(database.db, { tenantId, kind: 'quick', dedupeKey: 'quick-1' });
          worker.wake();
          await slowHeld;
          order.push('slow');
        },
        quick: async () => {
          order.push('quick');
          releaseSlow();
        },
      },
      pollIntervalMs: 10_000,
    });

    await slowHeld;
    await worker.stop();
    expect(order).toEqual(['quick', 'slow']);
  });
});
