import type { Config } from '../../lib/config.ts';
import type { SuiteRun } from '../run-suite.ts';
import {
  createEvalRun,
  failEvalRun,
  finishEvalRun,
  type NewEvalRun,
  startEvalRun,
} from './eval-run-store.ts';
import { failureMessage } from './failure-message.ts';
import { evalRunLocation, openEvalRunDatabase } from './open-eval-run-database.ts';

/** A recorded run: its id, where it is stored and its suites' results. */
export interface RecordedEvalRun {
  id: string;
  location: string;
  suites: SuiteRun[];
}

/**
 * Runs suites from the command line with a record of the run: stored and started before
 * `run` is called, then finished with its results, or failed with the error `run` threw
 * (which is thrown on). The database is opened first, so a bad DATABASE_URL runs nothing.
 * Interrupted (Ctrl-C, SIGTERM), the run is marked failed before the process exits.
 */
export async function recordEvalRun(options: {
  database: Config['database'];
  run: NewEvalRun;
  execute: () => Promise<SuiteRun[]>;
}): Promise<RecordedEvalRun> {
  const handle = await openEvalRunDatabase(options.database);
  try {
    const { id } = await createEvalRun(handle.db, options.run);
    await startEvalRun(handle.db, id);

    const interrupted = (signal: NodeJS.Signals) => {
      failEvalRun(handle.db, { id, error: `Interrupted (${signal}) before it finished.` })
        .then(() => handle.close())
        .catch(() => {})
        .finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    };
    process.once('SIGINT', interrupted);
    process.once('SIGTERM', interrupted);

    let suites: SuiteRun[];
    try {
      suites = await options.execute();
    } catch (error) {
      await failEvalRun(handle.db, { id, error: failureMessage(error) });
      throw error;
    } finally {
      process.off('SIGINT', interrupted);
      process.off('SIGTERM', interrupted);
    }

    await finishEvalRun(handle.db, { id, suites });
    return { id, location: evalRunLocation(options.database), suites };
  } finally {
    await handle.close();
  }
}
