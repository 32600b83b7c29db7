import type { AroundAttempt } from '../run-suite.ts';
import { cassetteMismatchError } from './cassette-mismatch.ts';
import type { CassetteSession } from './cassette-session.ts';

/**
 * Runs each attempt of a suite's cases inside the cassette's scope. When replaying, an
 * attempt that made a request the cassette does not hold ends with a `cassette_mismatch`
 * error instead of whatever the agent answered after the failed request (the offline
 * fallback, say), so a changed prompt never passes silently.
 */
export function cassetteAttempts(options: {
  session: CassetteSession;
  suite: string;
}): AroundAttempt {
  const { session, suite } = options;
  return async (context, attempt) => {
    const scope = { suite, caseId: context.caseId, repeat: context.repeat, part: context.attempt };
    const outcome = await session.within(scope, attempt);

    const mismatches = session.mismatches(scope);
    if (mismatches.length === 0) return outcome;
    return { ...outcome, error: cassetteMismatchError({ file: session.file, mismatches }) };
  };
}
