import type { Judge } from '../judge/chat-judge.ts';
import { type CassetteScope, cassetteMismatchError } from './cassette-mismatch.ts';
import type { CassetteSession } from './cassette-session.ts';

/**
 * The judge, with its requests recorded or replayed as part of the case run it grades. A
 * judge request the replayed cassette does not hold fails the grading with a
 * `cassette_mismatch` judge error, whatever the judge model made of the 400 it got.
 */
export function cassetteJudge(options: { session: CassetteSession; judge: Judge }): Judge {
  const { session, judge } = options;
  return {
    model: judge.model,
    grade: async (request) => {
      const scope: CassetteScope = {
        suite: request.suite,
        caseId: request.caseId,
        repeat: request.repeat,
        part: 'judge',
      };
      const earlier = session.mismatches(scope).length;
      const mismatchError = () => {
        const mismatches = session.mismatches(scope).slice(earlier);
        return mismatches.length > 0
          ? cassetteMismatchError({ file: session.file, mismatches })
          : undefined;
      };

      try {
        const verdict = await session.within(scope, () => judge.grade(request));
        const mismatch = mismatchError();
        if (mismatch) throw mismatch;
        return verdict;
      } catch (error) {
        throw mismatchError() ?? error;
      }
    },
  };
}
