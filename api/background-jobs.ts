import type { AgentDependencies } from '../agent/run-turn.ts';
import type { Database } from '../db/client.ts';
import { processEvalRun } from '../evals/runs/process-eval-run.ts';
import { EVAL_RUN_JOB } from '../evals/runs/queue-eval-run.ts';
import { type JobWorker, startJobWorker } from '../jobs/worker.ts';
import type { Logger } from '../lib/logger.ts';
import { rescoreChangedLeads } from '../scoring/rescore-changed-leads.ts';

/** Job kind: rescore a tenant's leads whose data changed since their last score. */
export const RESCORE_CHANGED_LEADS = 'scoring.rescore_changed';

const RESCORE_EVERY_MS = 5 * 60_000;

/** What the background jobs need from the server. */
export interface BackgroundJobDependencies {
  db: Database;
  logger: Logger;
  /** The server's agent: eval runs use its chat model and embedder. */
  agent: AgentDependencies;
}

/** The server's job worker, with every handler Dealwise has and its recurring jobs. */
export function startBackgroundJobs(dependencies: BackgroundJobDependencies): JobWorker {
  const { db, logger } = dependencies;
  return startJobWorker({
    db,
    logger,
    handlers: {
      [RESCORE_CHANGED_LEADS]: async (job) => {
        if (job.tenantId === null) return;
        const outcome = await rescoreChangedLeads(db, { tenantId: job.tenantId });
        logger.info({ tenantId: job.tenantId, ...outcome }, 'leads rescored');
      },
      [EVAL_RUN_JOB]: async (job) => {
        const runId = String(job.payload.runId);
        await processEvalRun({ db, agent: dependencies.agent, runId, logger });
      },
    },
    recurring: [{ kind: RESCORE_CHANGED_LEADS, everyMs: RESCORE_EVERY_MS }],
  });
}
