import type { AgentDependencies } from '../../agent/run-turn.ts';
import type { Database } from '../../db/client.ts';
import type { Logger } from '../../lib/logger.ts';
import { type EvalSuite, loadSuite, parseSuite } from '../load-suite.ts';
import { type EvalRunRecord, failEvalRun, finishEvalRun, startEvalRun } from './eval-run-store.ts';
import { failureMessage } from './failure-message.ts';
import { runOnDemoTenant } from './run-on-demo-tenant.ts';

/**
 * Executes a queued eval run, the job behind `POST /v1/evals/runs`: its suites run against a
 * fresh demo tenant with the server's chat model and embedder, and the results are stored.
 * A run that cannot finish is marked failed with the reason, and the job still succeeds; a
 * run that ended is left alone. A live worker keeps its job's lease, so a run still
 * `running` when its job comes round again lost its worker: it starts over, and on the job's
 * last attempt it is marked failed instead.
 */
export async function processEvalRun(options: {
  db: Database;
  agent: AgentDependencies;
  runId: string;
  /** The job's attempt (1 first) and how many it has. */
  attempt: { number: number; of: number };
  logger: Logger;
}): Promise<void> {
  const { db, runId, attempt } = options;
  const logger = options.logger.child({ module: 'eval-runs', runId });
  const lastAttempt = attempt.number >= attempt.of;
  const run = await startEvalRun(db, runId, { restart: attempt.number > 1 && !lastAttempt });
  if (!run) {
    if (attempt.number > 1 && lastAttempt) {
      await failEvalRun(db, { id: runId, error: WORKER_STOPPED });
    }
    logger.info('eval run is not queued; skipped');
    return;
  }

  try {
    const suites = await runOnDemoTenant({
      agent: options.agent,
      suites: await suitesOf(run),
      repeat: numberOption(run, 'repeat', 1),
      concurrency: numberOption(run, 'concurrency', 2),
    });
    await finishEvalRun(db, { id: runId, suites });
    logger.info({ suites: suites.length }, 'eval run done');
  } catch (error) {
    await failEvalRun(db, { id: runId, error: failureMessage(error) });
    logger.warn({ err: error }, 'eval run failed');
  }
}

const WORKER_STOPPED =
  'The server running this eval stopped before it finished, twice (a restart, or out of ' +
  'memory?). Start a new run, perhaps with fewer suites or a lower concurrency.';

/** The run's suites: its upload, or the bundled suites it names. */
async function suitesOf(run: EvalRunRecord): Promise<EvalSuite[]> {
  const [name] = run.suites;
  if (run.uploadedSuite !== null && name !== undefined) {
    const file = `upload:${name}`;
    return [{ name, file, cases: parseSuite({ text: run.uploadedSuite, file }) }];
  }
  const suites = await Promise.all(run.suites.map((suite) => loadSuite(suite)));
  // The server's own path to a bundled suite is no business of the API's readers.
  return suites.map((suite) => ({ ...suite, file: `evals/suites/${suite.name}.jsonl` }));
}

function numberOption(run: EvalRunRecord, name: string, fallback: number): number {
  const value = run.options[name];
  return typeof value === 'number' ? value : fallback;
}
