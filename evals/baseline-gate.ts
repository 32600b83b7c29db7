import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { InputError } from '../lib/errors.ts';
import type { SuiteRun } from './run-suite.ts';

const baselineSchema = z.object({
  /** How far a suite's pass rate may fall below its baseline, e.g. 0.05. */
  tolerance: z.number().min(0).max(1),
  suites: z.record(z.string(), z.object({ passRate: z.number().min(0).max(1) })),
});

/** The committed pass rates a run must keep: the gate CI applies to the bundled suites. */
export type Baseline = z.infer<typeof baselineSchema>;

/** A suite whose pass rate fell below its baseline by more than the tolerance. */
export interface Regression {
  suite: string;
  baseline: number;
  passRate: number;
}

/** Reads a baseline file; a malformed one is an InputError naming the file. */
export async function loadBaseline(file: string): Promise<Baseline> {
  const parsed = baselineSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (parsed.success) return parsed.data;
  throw new InputError({
    code: 'invalid_baseline',
    message: `${file} is not a baseline: ${parsed.error.issues[0]?.message ?? 'invalid'}.`,
  });
}

/** The suites of the run that regressed against the baseline; suites it lacks are not gated. */
export function regressions(runs: readonly SuiteRun[], baseline: Baseline): Regression[] {
  return runs.flatMap((run) => {
    const expected = baseline.suites[run.suite.name];
    if (!expected) return [];
    const passRate = run.summary.passRate;
    if (passRate >= expected.passRate - baseline.tolerance) return [];
    return [{ suite: run.suite.name, baseline: expected.passRate, passRate }];
  });
}
