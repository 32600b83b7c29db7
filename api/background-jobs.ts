import type { Database } from '../db/client.ts';
import { type JobWorker, startJobWorker } from '../jobs/worker.ts';
import type { Logger } from '../lib/logger.ts';
import { rescoreChangedLeads } from '../scoring/rescore-changed-leads.ts';

/** Job kind: rescore a tenant's leads whose data changed since their last score. */
export const RESCORE_CHANGED_LEADS = 'scoring.rescore_changed';

const RESCORE_EVERY_MS = 5 * 60_000;

/** The server's job worker, with every handler Dealwise has and its recurring jobs. */
export function startBackgroundJobs(db: Database, logger: Logger): JobWorker {
  return startJobWorker({
    db,
    logger,
    handlers: {
      [RESCORE_CHANGED_LEADS]: async (job) => {
        if (job.tenantId === null) return;
        const outcome = await rescoreChangedLeads(db, { tenantId: job.tenantId });
        logger.info({ tenantId: job.tenantId, ...outcome }, 'leads rescored');
      },
    },
    recurring: [{ kind: RESCORE_CHANGED_LEADS, everyMs: RESCORE_EVERY_MS }],
  });
}
