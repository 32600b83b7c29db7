import { describe, expect, it } from 'vitest';
import { type Baseline, regressions } from './baseline-gate.ts';
import type { SuiteRun } from './run-suite.ts';

const run = (name: string, passRate: number) =>
  ({ suite: { name }, summary: { passRate } }) as unknown as SuiteRun;

const baseline: Baseline = {
  tolerance: 0.05,
  suites: { 'policy-lookup': { passRate: 0.9 }, unanswerable: { passRate: 0.8 } },
};

describe('regressions', () => {
  it('reports a suite that fell below its baseline by more than the tolerance', () => {
    expect(regressions([run('policy-lookup', 0.8)], baseline)).toEqual([
      { suite: 'policy-lookup', baseline: 0.9, passRate: 0.8 },
    ]);
  });

  it('allows a drop within the tolerance and any rise', () => {
    expect(regressions([run('policy-lookup', 0.86), run('unanswerable', 1)], baseline)).toEqual([]);
  });

  it('does not gate a suite the baseline does not name', () => {
    expect(regressions([run('new-suite', 0)], baseline)).toEqual([]);
  });
});
