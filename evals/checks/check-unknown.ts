import type { Expectation } from '../suite-format.ts';
import { detectUnknown } from './detect-unknown.ts';
import type { CheckResult, TurnObservation } from './turn-observation.ts';

/** Checks that the answer says it does not know exactly when the case says it must. */
export function checkUnknown(
  expectation: Pick<Expectation, 'mustSayUnknown'>,
  observation: TurnObservation,
): CheckResult | undefined {
  if (expectation.mustSayUnknown === undefined) return undefined;
  const phrase = detectUnknown(observation.result);
  const saidUnknown = phrase !== undefined;
  return {
    check: 'unknown',
    passed: saidUnknown === expectation.mustSayUnknown,
    detail: saidUnknown ? `says it does not know ("${phrase}")` : 'gives an answer',
  };
}
