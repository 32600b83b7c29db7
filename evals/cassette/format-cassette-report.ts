import type { SuiteRun } from '../run-suite.ts';

/** A console line on a suite run's cassette mismatches; none when every request matched. */
export function cassetteLines(run: SuiteRun): string[] {
  const { cassette } = run;
  if (cassette === undefined || cassette.mismatches === 0) return [];
  return [
    `Cassette mismatches in ${run.suite.name}: ${cassette.mismatches} request(s), from ` +
      `${cassette.mismatchedRuns.join(', ')}`,
  ];
}
