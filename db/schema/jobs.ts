import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';
import { tenants } from './organization.ts';

export const jobStatus = pgEnum('job_status', ['queued', 'running', 'done', 'failed']);

/**
 * The work queue, in the same database: any number of workers claim jobs with
 * `for update skip locked`; a job whose worker died is claimed again after its lease.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: id(),
    /** Null for work that belongs to no tenant yet, e.g. a message from an unlinked chat user. */
    tenantId: uuid('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    status: jobStatus('status').notNull().default('queued'),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    /** While running: when the worker's claim lapses and another may take the job. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    lastError: text('last_error'),
    /** At most one queued or running job per key. */
    dedupeKey: text('dedupe_key'),
    /**
     * Jobs with the same key run one at a time, oldest first: the turns of one chat thread,
     * the replies into one chat.
     */
    serialKey: text('serial_key'),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (table) => [
    index('jobs_claim_idx').on(table.status, table.runAt),
    index('jobs_serial_idx')
      .on(table.serialKey, table.status)
      .where(sql`${table.serialKey} is not null`),
    uniqueIndex('jobs_pending_dedupe_unique')
      .on(table.dedupeKey)
      .where(sql`${table.status} in ('queued', 'running')`),
  ],
);
