/**
 * `npm run eval:compare -- <run A> <run B> [--tolerance 0.02] [--gate passRate,...]`: compares
 * two eval runs, each a file written by `npm run eval -- --json` or a stored run's id, and
 * prints per-suite metric deltas and the cases that regressed or improved. Exits 1 when a
 * gated metric (by default each suite's pass rate) dropped by more than the tolerance, 2 when
 * the runs cannot be compared (bad options, an unreadable file, an unknown run), else 0.
 */
import type { DatabaseHandle } from '../../db/client.ts';
import { loadConfig } from '../../lib/config.ts';
import { DealwiseError, InputError } from '../../lib/errors.ts';
import type { SuiteRun } from '../run-suite.ts';
import { loadEvalRun } from '../runs/eval-run-store.ts';
import { openEvalRunDatabase } from '../runs/open-eval-run-database.ts';
import { parseCompareOptions } from './compare-options.ts';
import { compareRuns } from './compare-runs.ts';
import { formatComparison } from './format-comparison.ts';
import { loadComparedRun } from './load-compared-run.ts';

const EXIT_GATE_FAILED = 1;
const EXIT_CANNOT_COMPARE = 2;

let database: DatabaseHandle | undefined;
try {
  const options = parseCompareOptions(process.argv.slice(2));
  const base = await loadComparedRun(options.base, { loadById });
  const head = await loadComparedRun(options.head, { loadById });

  const comparison = compareRuns({
    base: base.suites,
    head: head.suites,
    compare: { gated: options.gated, tolerance: options.tolerance },
  });
  const lines = formatComparison({
    comparison,
    base: options.base,
    head: options.head,
    tolerance: options.tolerance,
  });
  for (const line of lines) console.log(line);
  process.exitCode = comparison.gateFailures.length > 0 ? EXIT_GATE_FAILED : 0;
} catch (error) {
  // Any failure to compare exits 2, so that CI never reads it as a regression (1).
  console.error(error instanceof DealwiseError ? error.message : error);
  process.exitCode = EXIT_CANNOT_COMPARE;
} finally {
  await database?.close();
}

/** A stored run's suites, from the eval run database, opened on first use. */
async function loadById(id: string): Promise<SuiteRun[]> {
  database ??= await openEvalRunDatabase(loadConfig().database);
  const run = await loadEvalRun(database.db, { id });
  if (run.status === 'done') return run.results;

  const why = run.error ? ` (${run.error})` : '';
  throw new InputError({
    code: 'eval_run_not_done',
    message: `Eval run ${id} is ${run.status}${why}; compare runs that are done.`,
  });
}
