import type { CassetteSession } from './cassette-session.ts';

/** What a suite run did with a cassette. */
export interface CassetteReport {
  mode: 'record' | 'replay';
  file: string;
  /** Model requests (the agent's and the judge's) the cassette did not hold; 0 when recording. */
  mismatches: number;
  /** The case runs they came from, e.g. `pl-stapler-en run 1`. */
  mismatchedRuns: string[];
}

/** The cassette's part in one suite run, for its JSON and the console. */
export function cassetteReport(session: CassetteSession, suite: string): CassetteReport {
  const mismatches = session.mismatches({ suite });
  const runs = mismatches.flatMap(({ scope }) =>
    scope ? [`${scope.caseId} run ${scope.repeat}${scope.part === 'judge' ? ' (judge)' : ''}`] : [],
  );
  return {
    mode: session.mode,
    file: session.file,
    mismatches: mismatches.length,
    mismatchedRuns: [...new Set(runs)],
  };
}
