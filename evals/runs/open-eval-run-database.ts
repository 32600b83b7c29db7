import { basename, dirname, join } from 'node:path';
import { type DatabaseHandle, openDatabase } from '../../db/client.ts';
import type { Config } from '../../lib/config.ts';
import { RemoteServiceError } from '../../lib/errors.ts';

/**
 * Where command-line eval runs are stored: the PostgreSQL database at DATABASE_URL when it is
 * set, else an embedded PGlite database in its own folder beside DATA_DIR (`.data-evals` for
 * the default `.data`).
 *
 * Not DATA_DIR itself: PGlite serves one process, and the server may hold that folder open;
 * a second process writing to it would corrupt it. The suites themselves never run here,
 * only their record is kept: they run against a demo tenant seeded afresh in memory.
 */
export function evalRunLocation(database: Config['database']): string {
  if (database.url) return 'DATABASE_URL';
  return join(dirname(database.dataDir), `${basename(database.dataDir)}-evals`);
}

/** Opens (and migrates) the database that keeps command-line eval runs. */
export async function openEvalRunDatabase(database: Config['database']): Promise<DatabaseHandle> {
  const location = evalRunLocation(database);
  try {
    return database.url
      ? await openDatabase({ url: database.url, poolSize: 2 })
      : await openDatabase({ dataDir: location });
  } catch (error) {
    throw new RemoteServiceError({
      code: 'eval_store_unavailable',
      message:
        `Cannot open the database that stores eval runs (${location}): ` +
        `${error instanceof Error ? error.message : String(error)}. Check DATABASE_URL, or ` +
        'unset it to store runs in the embedded database.',
      cause: error,
    });
  }
}
