import type { TurnResult } from '../../agent/turn-events.ts';
import { callMatches } from '../checks/check-tool-selection.ts';
import type { ToolCallExpectation } from '../suite-format.ts';

/** One turn's expected tools and the calls the agent made. */
export interface ToolSelectionSample {
  expected: readonly ToolCallExpectation[];
  calls: TurnResult['toolCalls'];
}

/** How well the agent picked tools, over turns; null where there was nothing to count. */
export interface ToolSelectionScore {
  /** Share of the distinct tools called that were expected. */
  precision: number | null;
  /** Share of the expected tools that were called. */
  recall: number | null;
  /** Share of the expected calls with argument matchers, called, whose arguments matched. */
  argumentAccuracy: number | null;
}

/**
 * Tool-selection precision and recall by tool name, and argument accuracy, pooled over the
 * turns (micro-averaged). Only turns whose case lists `toolsCalled` belong in the samples.
 */
export function toolSelection(samples: readonly ToolSelectionSample[]): ToolSelectionScore {
  let called = 0;
  let expected = 0;
  let correct = 0;
  let argumentsChecked = 0;
  let argumentsCorrect = 0;

  for (const sample of samples) {
    const calledNames = new Set(sample.calls.map((call) => call.name));
    const expectedNames = new Set(sample.expected.map((tool) => tool.name));
    called += calledNames.size;
    expected += expectedNames.size;
    correct += [...calledNames].filter((name) => expectedNames.has(name)).length;

    for (const tool of sample.expected) {
      if (!tool.args || !calledNames.has(tool.name)) continue;
      argumentsChecked += 1;
      if (sample.calls.some((call) => callMatches(tool, call))) argumentsCorrect += 1;
    }
  }
  return {
    precision: ratio(correct, called),
    recall: ratio(correct, expected),
    argumentAccuracy: ratio(argumentsCorrect, argumentsChecked),
  };
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
