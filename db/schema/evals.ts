import { jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';
import { tenants, users } from './organization.ts';

export const evalRunStatus = pgEnum('eval_run_status', ['queued', 'running', 'done', 'failed']);

/**
 * One eval run over one or more suites: how it was asked for, and once finished, every
 * case's runs and the metrics per suite.
 */
export const evalRuns = pgTable('eval_runs', {
  id: id(),
  /** The tenant whose admin started it through the API; null for command-line runs. */
  tenantId: uuid('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  status: evalRunStatus('status').notNull().default('queued'),
  /** Suite names, or the name of an uploaded suite. */
  suites: jsonb('suites').$type<string[]>().notNull(),
  /** Repeat, concurrency, model and the other options the run was started with. */
  options: jsonb('options').$type<Record<string, unknown>>().notNull().default({}),
  /** The cases of an uploaded suite, as JSONL text; null for bundled suites. */
  uploadedSuite: text('uploaded_suite'),
  /** The models that answered. */
  model: text('model'),
  /** Every suite's runs and summary, as `npm run eval -- --json` writes them. */
  result: jsonb('result').$type<Record<string, unknown>>(),
  error: text('error'),
  createdAt: createdAt(),
  startedAt: timestamp('started_at', { withTimezone: true }),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});
