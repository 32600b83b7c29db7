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
  /** Called first when the run is interrupted, e.g. to save a recording so far. */
  onInterrupt?: () => Promise<void>;
}): Promise<RecordedEvalRun> {
  const handle = await openEvalRunDatabase(options.database);
  try {
    const { id } = await createEvalRun(handle.db, options.run);
    await startEvalRun(handle.db, id);

    const interrupted = async (signal: NodeJS.Signals): Promise<never> => {
      await options.onInterrupt?.().catch(() => {});
      const error = `Interrupted (${signal}) before it finished.`;
      await failEvalRun(handle.db, { id, error }).catch(() => {});
      await handle.close().catch(() => {});
      process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    const onSignal = (signal: NodeJS.Signals) => void interrupted(signal);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);

    let suites: SuiteRun[];
    try {
      suites = await options.execute();
    } catch (error) {
      await failEvalRun(handle.db, { id, error: failureMessage(error) });
      throw error;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }

    await finishEvalRun(handle.db, { id, suites });
    return { id, location: evalRunLocation(options.database), suites };
  } finally {
    await handle.close();
  }
}
