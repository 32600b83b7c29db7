import { and, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Caller } from '../../auth/caller.ts';
import { requireRole } from '../../auth/require-role.ts';
import type { Database } from '../../db/client.ts';
import { evalRuns } from '../../db/schema/index.ts';
import { NotFoundError } from '../../lib/errors.ts';
import type { SuiteRun } from '../run-suite.ts';
import type { SuiteSummary } from '../summarize-suite.ts';

/** Where a stored run is: waiting for a worker, running, done with results, or failed. */
export type EvalRunStatus = (typeof evalRuns.status.enumValues)[number];

/** A stored eval run as the rest of Dealwise sees it. */
export interface EvalRunRecord {
  id: string;
  /** The tenant whose admin asked for it through the API; null for command-line runs. */
  tenantId: string | null;
  createdBy: string | null;
  status: EvalRunStatus;
  /** The suites asked for: bundled names, paths on the command line, or an upload's name. */
  suites: string[];
  options: Record<string, unknown>;
  /** An uploaded suite's JSONL text, already validated. */
  uploadedSuite: string | null;
  model: string | null;
  /** Every suite's runs and summary once done, as `npm run eval -- --json` writes them. */
  results: SuiteRun[];
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** What a new run is: who asked for it, which suites and with which options. */
export interface NewEvalRun {
  tenantId?: string | null;
  createdBy?: string | null;
  suites: string[];
  options: Record<string, unknown>;
  uploadedSuite?: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Stores a new run, `queued`. */
export async function createEvalRun(db: Database, run: NewEvalRun): Promise<EvalRunRecord> {
  const [row] = await db
    .insert(evalRuns)
    .values({
      tenantId: run.tenantId ?? null,
      createdBy: run.createdBy ?? null,
      suites: run.suites,
      options: run.options,
      uploadedSuite: run.uploadedSuite ?? null,
    })
    .returning();
  if (!row) throw new Error('Inserting the eval run returned no row.');
  return toRecord(row);
}

/** How many of a tenant's runs are queued or running. */
export async function countPendingEvalRuns(db: Database, tenantId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(evalRuns)
    .where(and(eq(evalRuns.tenantId, tenantId), inArray(evalRuns.status, ['queued', 'running'])));
  return row?.n ?? 0;
}

/**
 * Marks a queued run `running` and returns it; undefined when it is not queued (another
 * worker took it, or it already ended), so that a run never executes twice. With `restart`,
 * a run already `running` is taken too: its worker stopped before it finished.
 */
export async function startEvalRun(
  db: Database,
  id: string,
  options: { restart?: boolean; now?: Date } = {},
): Promise<EvalRunRecord | undefined> {
  const from: EvalRunStatus[] = options.restart ? ['queued', 'running'] : ['queued'];
  const [row] = await db
    .update(evalRuns)
    .set({ status: 'running', startedAt: options.now ?? new Date() })
    .where(and(eq(evalRuns.id, id), inArray(evalRuns.status, from)))
    .returning();
  return row ? toRecord(row) : undefined;
}

/** Stores a running run's results and marks it `done`. */
export async function finishEvalRun(
  db: Database,
  options: { id: string; suites: SuiteRun[]; now?: Date },
): Promise<void> {
  const models = [...new Set(options.suites.map((suite) => suite.model))];
  await db
    .update(evalRuns)
    .set({
      status: 'done',
      model: models.join(', ') || null,
      result: { suites: options.suites },
      finishedAt: options.now ?? new Date(),
    })
    .where(and(eq(evalRuns.id, options.id), eq(evalRuns.status, 'running')));
}

/** Marks a queued or running run `failed` with the reason it could not finish. */
export async function failEvalRun(
  db: Database,
  options: { id: string; error: string; now?: Date },
): Promise<void> {
  await db
    .update(evalRuns)
    .set({ status: 'failed', error: options.error, finishedAt: options.now ?? new Date() })
    .where(and(eq(evalRuns.id, options.id), inArray(evalRuns.status, ['queued', 'running'])));
}

/**
 * Loads a run. With a caller (the API), only an admin of the run's tenant may read it, and
 * any other run, command-line runs included, is not found; without one (the command line,
 * which the operator runs), any run is.
 */
export async function loadEvalRun(
  db: Database,
  options: { id: string; caller?: Caller },
): Promise<EvalRunRecord> {
  const { id, caller } = options;
  if (caller) requireRole(caller, ['admin'], 'read eval runs');
  if (!UUID.test(id)) throw runNotFound(id);

  const conditions: SQL[] = [eq(evalRuns.id, id)];
  if (caller) conditions.push(eq(evalRuns.tenantId, caller.tenantId));
  const [row] = await db
    .select()
    .from(evalRuns)
    .where(and(...conditions));
  if (!row) throw runNotFound(id);
  return toRecord(row);
}

/** A run in a listing: what it is and how it went per suite, without the case results. */
export interface EvalRunListing {
  id: string;
  status: EvalRunStatus;
  suites: string[];
  model: string | null;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  summaries: (SuiteSummary & { suite: string })[];
}

/**
 * The caller's tenant's runs, newest first, a page at a time; admins only. The case results
 * stay in the database: only each suite's name and summary are read out of them.
 */
export async function listEvalRuns(
  db: Database,
  options: { caller: Caller; limit: number; offset: number },
): Promise<EvalRunListing[]> {
  const { caller } = options;
  requireRole(caller, ['admin'], 'read eval runs');
  const rows = await db
    .select({
      id: evalRuns.id,
      status: evalRuns.status,
      suites: evalRuns.suites,
      model: evalRuns.model,
      error: evalRuns.error,
      createdAt: evalRuns.createdAt,
      finishedAt: evalRuns.finishedAt,
      names: sql<
        string[] | null
      >`jsonb_path_query_array(${evalRuns.result}, '$.suites[*].suite.name')`,
      summaries: sql<
        SuiteSummary[] | null
      >`jsonb_path_query_array(${evalRuns.result}, '$.suites[*].summary')`,
    })
    .from(evalRuns)
    .where(eq(evalRuns.tenantId, caller.tenantId))
    .orderBy(desc(evalRuns.createdAt), desc(evalRuns.id))
    .limit(options.limit)
    .offset(options.offset);

  return rows.map(({ names, summaries, ...run }) => ({
    ...run,
    summaries: (summaries ?? []).map((summary, index) => ({
      suite: names?.[index] ?? '',
      ...summary,
    })),
  }));
}

function toRecord(row: typeof evalRuns.$inferSelect): EvalRunRecord {
  const suites = (row.result as { suites?: SuiteRun[] } | null)?.suites ?? [];
  return {
    id: row.id,
    tenantId: row.tenantId,
    createdBy: row.createdBy,
    status: row.status,
    suites: row.suites,
    options: row.options,
    uploadedSuite: row.uploadedSuite,
    model: row.model,
    results: suites,
    error: row.error,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

function runNotFound(id: string): NotFoundError {
  return new NotFoundError({
    code: 'eval_run_not_found',
    message: `There is no eval run ${id} that you may read; check the id.`,
    details: { runId: id },
  });
}
