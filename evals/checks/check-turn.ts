import type { Expectation } from '../suite-format.ts';
import { checkCitations } from './check-citations.ts';
import { checkFacts, checkFactsAbsent } from './check-facts.ts';
import { checkLimits } from './check-limits.ts';
import { checkRefusal } from './check-refusal.ts';
import { checkToolSelection } from './check-tool-selection.ts';
import { checkUnknown } from './check-unknown.ts';
import type { CheckResult, TurnObservation } from './turn-observation.ts';

/** The checks of one turn and whether all of them passed. */
export interface TurnVerdict {
  passed: boolean;
  checks: CheckResult[];
}

/**
 * Runs every deterministic check the expectation asks for on one answered turn. A turn with
 * no checkable expectation passes; the rubric is left to a judge.
 */
export function checkTurn(expectation: Expectation, observation: TurnObservation): TurnVerdict {
  const answer = observation.result.message.text;
  const checks = [
    checkToolSelection(expectation, observation.result),
    checkFacts(expectation.facts, answer),
    checkFactsAbsent(expectation.factsAbsent, answer),
    checkCitations(expectation, observation),
    checkRefusal(expectation, observation),
    checkUnknown(expectation, observation),
    checkLimits(expectation, observation),
  ].filter((check): check is CheckResult => check !== undefined);
  return { passed: checks.every((check) => check.passed), checks };
}
