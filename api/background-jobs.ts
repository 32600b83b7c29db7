import type { AgentDependencies } from '../agent/run-turn.ts';
import type { Database } from '../db/client.ts';
import { processEvalRun } from '../evals/runs/process-eval-run.ts';
import { EVAL_RUN_JOB } from '../evals/runs/queue-eval-run.ts';
import { type JobWorker, startJobWorker } from '../jobs/worker.ts';
import type { Logger } from '../lib/logger.ts';
import type { ChannelClients, GroupChannelClient } from '../messaging/channel-client.ts';
import { channelJobHandlers } from '../messaging/channel-job-handlers.ts';
import { PURGE_CHANNEL_RECORDS, purgeChannelRecords } from '../messaging/purge-channel-records.ts';
import { rescoreChangedLeads } from '../scoring/rescore-changed-leads.ts';

/** Job kind: rescore a tenant's leads whose data changed since their last score. */
export const RESCORE_CHANGED_LEADS = 'scoring.rescore_changed';

const RESCORE_EVERY_MS = 5 * 60_000;
const PURGE_EVERY_MS = 6 * 60 * 60_000;

/** What the background jobs need from the server. */
export interface BackgroundJobDependencies {
  db: Database;
  logger: Logger;
  /** The server's agent: chat replies and eval runs use its chat model and embedder. */
  agent: AgentDependencies;
  /** The clients of the configured chat platforms, for replies and pushes. */
  channelClients?: ChannelClients;
  /** The group chat for team-wide posts, when configured. */
  groupChannel?: GroupChannelClient | undefined;
  /** Where citations in chat replies link to. */
  citationBaseUrl?: string | undefined;
}

/** The server's job worker, with every handler Dealwise has and its recurring jobs. */
export function startBackgroundJobs(dependencies: BackgroundJobDependencies): JobWorker {
  const { db, logger } = dependencies;
  return startJobWorker({
    db,
    logger,
    handlers: {
      ...channelJobHandlers({
        agent: dependencies.agent,
        clients: dependencies.channelClients ?? {},
        group: dependencies.groupChannel,
        citationBaseUrl: dependencies.citationBaseUrl,
      }),
      [PURGE_CHANNEL_RECORDS]: async () => {
        const purged = await purgeChannelRecords(db);
        logger.info(purged, 'channel records purged');
      },
      [RESCORE_CHANGED_LEADS]: async (job) => {
        if (job.tenantId === null) return;
        const outcome = await rescoreChangedLeads(db, { tenantId: job.tenantId });
        logger.info({ tenantId: job.tenantId, ...outcome }, 'leads rescored');
      },
      [EVAL_RUN_JOB]: async (job) => {
        const runId = String(job.payload.runId);
        const attempt = { number: job.attempts, of: job.maxAttempts };
        await processEvalRun({ db, agent: dependencies.agent, runId, attempt, logger });
      },
    },
    recurring: [
      { kind: RESCORE_CHANGED_LEADS, everyMs: RESCORE_EVERY_MS },
      { kind: PURGE_CHANNEL_RECORDS, everyMs: PURGE_EVERY_MS, scope: 'global' },
    ],
  });
}
