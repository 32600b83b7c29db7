import type { Caller } from '../../auth/caller.ts';
import { requireRole } from '../../auth/require-role.ts';
import type { Database } from '../../db/client.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { type EvalRunRequest, resolveEvalRunRequest } from './eval-run-request.ts';
import { createEvalRun, type EvalRunRecord } from './eval-run-store.ts';

/** Job kind: execute a queued eval run; the payload holds its `runId`. */
export const EVAL_RUN_JOB = 'evals.run';

/**
 * A run whose worker stops mid-run (a crash, a deploy, running out of memory) is started
 * once more; when that worker stops too, the third attempt marks it failed.
 */
export const EVAL_RUN_ATTEMPTS = 3;

/**
 * Stores a run an admin asked for, `queued`, and the job that will execute it, in one
 * transaction. The request is resolved first: an unknown or malformed suite stores nothing.
 */
export async function queueEvalRun(
  db: Database,
  options: { caller: Caller; request: EvalRunRequest },
): Promise<EvalRunRecord> {
  const { caller } = options;
  requireRole(caller, ['admin'], 'start eval runs');
  const resolved = await resolveEvalRunRequest(options.request);

  return db.transaction(async (tx) => {
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
    });
    return run;
  });
}
