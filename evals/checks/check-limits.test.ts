import { describe, expect, it } from 'vitest';
import { turnResult } from '../__fixtures__/turn-result.ts';
import { checkLimits } from './check-limits.ts';

const result = turnResult({
  text: 'ok',
  toolCalls: [
    { id: '1', name: 'search_knowledge', arguments: {} },
    { id: '2', name: 'lookup_policy', arguments: {} },
  ],
  usage: { promptTokens: 900, completionTokens: 200, cost: 0 },
});

describe('checkLimits', () => {
  it('names the limits a turn went over', () => {
    const check = checkLimits(
      { maxSteps: 1, maxTokens: 2_000, maxLatencyMs: 500 },
      { result, latencyMs: 120 },
    );

    expect(check).toEqual({
      check: 'limits',
      passed: false,
      detail: 'over the limit: steps; steps 2/1; latency ms 120/500; tokens 1100/2000',
    });
  });

  it('skips latency when it was not measured', () => {
    expect(checkLimits({ maxLatencyMs: 500 }, { result })).toBeUndefined();
  });
});
