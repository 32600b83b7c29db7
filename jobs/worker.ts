import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../db/client.ts';
import { tenants } from '../db/schema/index.ts';
import type { Logger } from '../lib/logger.ts';
import {
  claimJobs,
  completeJob,
  enqueueJob,
  extendLease,
  failAbandonedJobs,
  failJob,
  type Job,
} from './queue.ts';

/** Does one job; throwing makes it retry later. */
export type JobHandler = (job: Job) => Promise<void>;

/** A job every tenant gets again and again, e.g. rescoring changed leads. */
export interface RecurringJob {
  kind: string;
  everyMs: number;
  /** One job per tenant (the default), or one for the whole database with no tenant. */
  scope?: 'tenant' | 'global';
}

export interface JobWorkerOptions {
  db: Database;
  logger: Logger;
  handlers: Record<string, JobHandler>;
  recurring?: RecurringJob[];
  /** How long to sleep when no job is due. Default 1 s. */
  pollIntervalMs?: number;
  /**
   * How long a claim lasts unless renewed; the worker renews it while the job runs, so
   * only a job whose worker died is taken by another. Default 5 min.
   */
  leaseMs?: number;
  /** Jobs run at once by this worker. Default 4. */
  concurrency?: number;
}

const DEFAULT_CONCURRENCY = 4;
const DEFAULT_LEASE_MS = 5 * 60_000;
const ABANDONED_SWEEP_EVERY_MS = 60_000;

/** A running worker. */
export interface JobWorker {
  /** Looks for due jobs now instead of at the next poll, e.g. right after a webhook. */
  wake(): void;
  /** Finishes the job in hand, then stops. */
  stop(): Promise<void>;
}

/**
 * Claims and runs jobs until stopped, up to `concurrency` at once, and enqueues the
 * recurring ones for every tenant when they fall due. A slot that frees up is filled at
 * once, so one slow agent turn does not hold up the replies queued behind it. Several
 * workers, in one process or many, share the queue safely.
 */
export function startJobWorker(options: JobWorkerOptions): JobWorker {
  const logger = options.logger.child({ module: 'jobs' });
  const controller = new AbortController();
  const lastScheduled = new Map<string, number>();
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  let lastSweep = 0;
  const inFlight = new Set<Promise<void>>();
  let nap = new AbortController();

  const claimMore = async (): Promise<number> => {
    const free = concurrency - inFlight.size;
    if (free <= 0) return 0;
    const claimed = await claimJobs(options.db, { limit: free, leaseMs }).catch((error) => {
      logger.error({ err: error }, 'claiming jobs failed');
      return [];
    });
    for (const job of claimed) {
      const running: Promise<void> = runJob(options, logger, job, leaseMs).finally(() =>
        inFlight.delete(running),
      );
      inFlight.add(running);
    }
    return claimed.length;
  };

  const loop = async () => {
    while (!controller.signal.aborted) {
      await scheduleRecurring(options, lastScheduled).catch((error) =>
        logger.error({ err: error }, 'scheduling recurring jobs failed'),
      );
      if (Date.now() - lastSweep >= ABANDONED_SWEEP_EVERY_MS) {
        lastSweep = Date.now();
        await sweepAbandonedJobs(options.db, logger);
      }
      const claimed = await claimMore();
      if (claimed > 0 && inFlight.size < concurrency) continue;

      // Wait for a free slot, a wake-up, or the next poll; a finished job may have queued more.
      nap = new AbortController();
      const signal = AbortSignal.any([controller.signal, nap.signal]);
      const poll = sleep(options.pollIntervalMs ?? 1_000, undefined, { signal }).catch(() => {});
      await Promise.race([poll, ...inFlight]);
      nap.abort();
    }
    await Promise.all(inFlight);
  };
  const running = loop();

  return {
    wake() {
      nap.abort();
    },
    async stop() {
      controller.abort();
      await running;
    },
  };
}

/**
 * Runs due jobs in this process until none is left, then returns how many ran; for tests
 * and one-off scripts. A job that fails is queued again for later and not retried here.
 */
export async function runJobsUntilIdle(
  options: Pick<JobWorkerOptions, 'db' | 'logger' | 'handlers' | 'concurrency'>,
): Promise<number> {
  const logger = options.logger.child({ module: 'jobs' });
  let total = 0;
  for (;;) {
    const ran = await runDueJobs(options, logger);
    if (ran === 0) return total;
    total += ran;
  }
}

async function runDueJobs(
  options: Pick<JobWorkerOptions, 'db' | 'handlers' | 'concurrency'>,
  logger: Logger,
): Promise<number> {
  const claimed = await claimJobs(options.db, {
    limit: options.concurrency ?? DEFAULT_CONCURRENCY,
    leaseMs: DEFAULT_LEASE_MS,
  });
  await Promise.all(claimed.map((job) => runJob(options, logger, job, DEFAULT_LEASE_MS)));
  return claimed.length;
}

async function runJob(
  options: Pick<JobWorkerOptions, 'db' | 'handlers'>,
  logger: Logger,
  job: Job,
  leaseMs: number,
): Promise<void> {
  const handler = options.handlers[job.kind];
  const started = performance.now();
  const renewal = setInterval(() => {
    extendLease(options.db, job.id, { leaseMs }).catch((error) =>
      logger.warn({ jobId: job.id, err: error }, 'renewing the lease failed'),
    );
  }, leaseMs / 3);
  try {
    if (!handler) throw new Error(`No handler for job kind "${job.kind}" in this worker.`);
    await handler(job);
    await completeJob(options.db, job.id);
    logger.info(
      { jobId: job.id, kind: job.kind, durationMs: Math.round(performance.now() - started) },
      'job done',
    );
  } catch (error) {
    const outcome = await failJob(options.db, job, error);
    logger.warn(
      { jobId: job.id, kind: job.kind, attempt: job.attempts, err: error },
      `job ${outcome}`,
    );
  } finally {
    clearInterval(renewal);
  }
}

async function sweepAbandonedJobs(db: Database, logger: Logger): Promise<void> {
  try {
    const failed = await failAbandonedJobs(db);
    if (failed > 0)
      logger.warn({ failed }, 'jobs whose worker stopped on their last attempt failed');
  } catch (error) {
    logger.error({ err: error }, 'failing abandoned jobs failed');
  }
}

async function scheduleRecurring(
  options: JobWorkerOptions,
  lastScheduled: Map<string, number>,
): Promise<void> {
  const now = Date.now();
  const due = (options.recurring ?? []).filter(
    (job) => now - (lastScheduled.get(job.kind) ?? 0) >= job.everyMs,
  );
  if (due.length === 0) return;

  const rows = await options.db.select({ id: tenants.id }).from(tenants);
  for (const job of due) {
    const owners = job.scope === 'global' ? [null] : rows.map((row) => row.id);
    for (const tenantId of owners) {
      await enqueueJob(options.db, {
        tenantId,
        kind: job.kind,
        dedupeKey: `${job.kind}:${tenantId ?? 'global'}`,
      });
    }
    lastScheduled.set(job.kind, now);
  }
}
