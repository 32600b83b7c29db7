import type { Caller } from '../../auth/caller.ts';
import { requireRole } from '../../auth/require-role.ts';
import type { Database } from '../../db/client.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { TooManyRequestsError } from '../../lib/errors.ts';
import { type EvalRunRequest, resolveEvalRunRequest } from './eval-run-request.ts';
import { countPendingEvalRuns, createEvalRun, type EvalRunRecord } from './eval-run-store.ts';

/** Job kind: execute a queued eval run; the payload holds its `runId`. */
export const EVAL_RUN_JOB = 'evals.run';

/**
 * A run whose worker stops mid-run (a crash, a deploy, running out of memory) is started
 * once more; when that worker stops too, the third attempt marks it failed.
 */
export const EVAL_RUN_ATTEMPTS = 3;

/** Runs a tenant may have queued or running at once. */
export const MAX_PENDING_EVAL_RUNS = 5;

/**
 * Eval runs share one serial key, so a deployment runs one at a time: each seeds its own
 * database in memory, and together they would take every worker slot from chat replies.
 */
const EVAL_RUN_SERIAL_KEY = 'evals.run';

/**
 * Stores a run an admin asked for, `queued`, and the job that will execute it, in one
 * transaction. The request is resolved first: an unknown or malformed suite stores nothing,
 * and neither does a request beyond the tenant's pending runs.
 */
export async function queueEvalRun(
  db: Database,
  options: { caller: Caller; request: EvalRunRequest },
): Promise<EvalRunRecord> {
  const { caller } = options;
  requireRole(caller, ['admin'], 'start eval runs');
  const resolved = await resolveEvalRunRequest(options.request);

  return db.transaction(async (tx) => {
    const pending = await countPendingEvalRuns(tx, caller.tenantId);
    if (pending >= MAX_PENDING_EVAL_RUNS) {
      throw new TooManyRequestsError({
        code: 'too_many_eval_runs',
        message:
          `${pending} eval runs of this tenant are queued or running; at most ` +
          `${MAX_PENDING_EVAL_RUNS} may be. Wait for one to finish, then start this one.`,
        details: { pending, limit: MAX_PENDING_EVAL_RUNS },
      });
    }
    const run = await createEvalRun(tx, {
      tenantId: caller.tenantId,
      createdBy: caller.userId,
      suites: resolved.suites,
      options: { ...resolved.options, via: 'api' },
      uploadedSuite: resolved.uploadedSuite,
    });
    await enqueueJob(tx, {
      tenantId: caller.tenantId,
      kind: EVAL_RUN_JOB,
      payload: { runId: run.id },
      maxAttempts: EVAL_RUN_ATTEMPTS,
      serialKey: EVAL_RUN_SERIAL_KEY,
    });
    return run;
  });
}
