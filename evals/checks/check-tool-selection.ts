import type { TurnResult } from '../../agent/turn-events.ts';
import type { Expectation, ToolCallExpectation } from '../suite-format.ts';
import { mismatchedArguments } from './match-argument.ts';
import type { CheckResult } from './turn-observation.ts';

type ToolCall = TurnResult['toolCalls'][number];

/**
 * Checks that every expected tool was called (at least one call of it matching the argument
 * matchers) and that no forbidden tool was called. Undefined when the case says neither.
 */
export function checkToolSelection(
  expectation: Pick<Expectation, 'toolsCalled' | 'toolsNotCalled'>,
  result: Pick<TurnResult, 'toolCalls'>,
): CheckResult | undefined {
  const required = expectation.toolsCalled ?? [];
  const forbidden = expectation.toolsNotCalled ?? [];
  if (required.length === 0 && forbidden.length === 0) return undefined;

  const problems = [
    ...required.flatMap((expected) => missingCall(expected, result.toolCalls)),
    ...forbidden
      .filter((name) => result.toolCalls.some((call) => call.name === name))
      .map((name) => `${name} was called but must not be`),
  ];
  const called = result.toolCalls.map((call) => call.name).join(', ') || 'none';
  return {
    check: 'tools',
    passed: problems.length === 0,
    detail:
      problems.length === 0
        ? `tools called: ${called}`
        : `${problems.join('; ')} (called: ${called})`,
  };
}

/** True when a call of the expected tool matches all of its argument matchers. */
export function callMatches(
  expected: ToolCallExpectation,
  call: Pick<ToolCall, 'name' | 'arguments'>,
): boolean {
  return (
    call.name === expected.name &&
    mismatchedArguments(call.arguments, expected.args ?? {}).length === 0
  );
}

function missingCall(expected: ToolCallExpectation, calls: readonly ToolCall[]): string[] {
  const sameName = calls.filter((call) => call.name === expected.name);
  if (sameName.length === 0) return [`${expected.name} was not called`];
  if (sameName.some((call) => callMatches(expected, call))) return [];

  const wrong = mismatchedArguments(sameName[0]?.arguments, expected.args ?? {});
  const shown = wrong.map((name) => `${name}=${JSON.stringify(argumentOf(sameName[0], name))}`);
  return [`${expected.name} was called with unexpected ${shown.join(', ')}`];
}

function argumentOf(call: ToolCall | undefined, name: string): unknown {
  const values = call?.arguments;
  return typeof values === 'object' && values !== null
    ? (values as Record<string, unknown>)[name]
    : undefined;
}
