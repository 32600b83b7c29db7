import { type EvalCase, plannedTurns } from '../suite-format.ts';
import { checkTurn, type TurnVerdict } from './check-turn.ts';
import type { TurnObservation } from './turn-observation.ts';

/** The verdict of a case: each checked turn's verdict, and whether all passed. */
export interface CaseVerdict {
  caseId: string;
  passed: boolean;
  turns: (TurnVerdict & { turn: number })[];
}

/**
 * Checks the answered turns of a case, one observation per turn in order; turns without
 * expectations are not checked. A case with fewer observations than turns fails.
 */
export function checkCase(
  evalCase: EvalCase,
  observations: readonly TurnObservation[],
): CaseVerdict {
  const planned = plannedTurns(evalCase);
  const turns = planned.flatMap((turn, index) => {
    const observation = observations[index];
    if (!turn.expect) return [];
    if (!observation) {
      const missing = { check: 'answered', passed: false, detail: 'the turn was not answered' };
      return [{ turn: index + 1, passed: false, checks: [missing] }];
    }
    return [{ turn: index + 1, ...checkTurn(turn.expect, observation) }];
  });
  return { caseId: evalCase.id, passed: turns.every((turn) => turn.passed), turns };
}
