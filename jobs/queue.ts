import { and, eq, lt, sql } from 'drizzle-orm';
import { type Database, selectRows } from '../db/client.ts';
import { jobs } from '../db/schema/index.ts';

/** A job as a worker sees it. */
export interface Job {
  id: string;
  /** Null for work that belongs to no tenant yet. */
  tenantId: string | null;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
}

export interface EnqueueOptions {
  tenantId: string | null;
  kind: string;
  payload?: Record<string, unknown>;
  /** Not before this time. Default: now. */
  runAt?: Date;
  /** While a job with this key is queued or running, another is not added. */
  dedupeKey?: string;
  /** Jobs with the same key run one at a time, in the order they were queued. */
  serialKey?: string;
  maxAttempts?: number;
}

/** Adds a job; returns its id, or null when a pending job has the same dedupe key. */
export async function enqueueJob(db: Database, options: EnqueueOptions): Promise<string | null> {
  const [row] = await db
    .insert(jobs)
    .values({
      tenantId: options.tenantId,
      kind: options.kind,
      payload: options.payload ?? {},
      runAt: options.runAt ?? new Date(),
      dedupeKey: options.dedupeKey ?? null,
      serialKey: options.serialKey ?? null,
      // The statement's own time, not the transaction's: jobs queued in one transaction
      // keep their order for serial keys.
      createdAt: sql`clock_timestamp()`,
      maxAttempts: options.maxAttempts ?? 5,
    })
    .onConflictDoNothing()
    .returning({ id: jobs.id });
  return row?.id ?? null;
}

/**
 * Claims up to `limit` due jobs for one worker, for `leaseMs`. Jobs another worker holds
 * are skipped, not waited for; a job whose lease lapsed (its worker died) is due again
 * while it has attempts left. Of jobs sharing a serial key only the oldest pending one is
 * claimable, and only while no other of them is running.
 */
export async function claimJobs(
  db: Database,
  options: { limit: number; leaseMs: number; now?: Date },
): Promise<Job[]> {
  const now = (options.now ?? new Date()).toISOString();
  const leaseUntil = new Date(Date.parse(now) + options.leaseMs).toISOString();
  return selectRows<Job>(
    db,
    sql`update ${jobs}
      set status = 'running', attempts = attempts + 1, lease_until = ${leaseUntil}::timestamptz
      where id in (
        select id from ${jobs} candidate
        where ((status = 'queued' and run_at <= ${now}::timestamptz)
           or (status = 'running' and lease_until < ${now}::timestamptz
             and attempts < max_attempts))
          and (serial_key is null or not exists (
            select 1 from ${jobs} other
            where other.serial_key = candidate.serial_key and other.id <> candidate.id
              and ((other.status = 'running' and other.lease_until >= ${now}::timestamptz)
                or (other.status in ('queued', 'running')
                  and (other.created_at, other.id) < (candidate.created_at, candidate.id)))))
        order by run_at
        limit ${options.limit}
        for update skip locked
      )
      returning id, tenant_id as "tenantId", kind, payload, attempts,
        max_attempts as "maxAttempts"`,
  );
}

/** Keeps a job its worker is still running from being claimed again, for `leaseMs` more. */
export async function extendLease(
  db: Database,
  jobId: string,
  options: { leaseMs: number; now?: Date },
): Promise<void> {
  const now = options.now ?? new Date();
  await db
    .update(jobs)
    .set({ leaseUntil: new Date(now.getTime() + options.leaseMs) })
    .where(and(eq(jobs.id, jobId), eq(jobs.status, 'running')));
}

/**
 * Marks failed the jobs whose worker stopped mid-job (the lease lapsed) on their last
 * attempt, so that a job that brings its worker down is not claimed for ever; returns
 * how many.
 */
export async function failAbandonedJobs(db: Database, now = new Date()): Promise<number> {
  const rows = await db
    .update(jobs)
    .set({
      status: 'failed',
      lastError: 'Its worker stopped during the last attempt.',
      finishedAt: now,
      leaseUntil: null,
    })
    .where(
      and(
        eq(jobs.status, 'running'),
        lt(jobs.leaseUntil, now),
        sql`${jobs.attempts} >= ${jobs.maxAttempts}`,
      ),
    )
    .returning({ id: jobs.id });
  return rows.length;
}

/** Marks a claimed job done. */
export async function completeJob(db: Database, jobId: string, now = new Date()): Promise<void> {
  await db
    .update(jobs)
    .set({ status: 'done', finishedAt: now, leaseUntil: null })
    .where(and(eq(jobs.id, jobId), eq(jobs.status, 'running')));
}

/**
 * Records a failed attempt: the job is queued again after an exponential backoff, or
 * marked failed once it has used its attempts.
 */
export async function failJob(
  db: Database,
  job: Job,
  error: unknown,
  now = new Date(),
): Promise<'retrying' | 'failed'> {
  const message = error instanceof Error ? error.message : String(error);
  const final = job.attempts >= job.maxAttempts;
  const backoffMs = Math.min(30 * 60_000, 1_000 * 2 ** job.attempts);
  await db
    .update(jobs)
    .set(
      final
        ? { status: 'failed', lastError: message, finishedAt: now, leaseUntil: null }
        : {
            status: 'queued',
            lastError: message,
            runAt: new Date(now.getTime() + backoffMs),
            leaseUntil: null,
          },
    )
    .where(eq(jobs.id, job.id));
  return final ? 'failed' : 'retrying';
}

/**
 * Merges fields into a job's payload, e.g. how far a running job got, so that a retry
 * resumes where the failed attempt stopped.
 */
export async function mergeJobPayload(
  db: Database,
  jobId: string,
  fields: Record<string, unknown>,
): Promise<void> {
  await db
    .update(jobs)
    .set({ payload: sql`${jobs.payload} || ${JSON.stringify(fields)}::jsonb` })
    .where(eq(jobs.id, jobId));
}
