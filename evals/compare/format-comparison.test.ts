import { describe, expect, it } from 'vitest';
import { caseRun, suiteRun } from '../__fixtures__/suite-run.ts';
import { compareRuns } from './compare-runs.ts';
import { formatComparison } from './format-comparison.ts';

describe('formatComparison', () => {
  const base = [
    suiteRun('policy-lookup', [
      caseRun({ caseId: 'a', status: 'passed' }),
      caseRun({ caseId: 'b', status: 'failed', detail: 'missing 70' }),
    ]),
  ];
  const head = [
    suiteRun('policy-lookup', [
      caseRun({ caseId: 'a', status: 'failed', detail: 'missing 99' }),
      caseRun({ caseId: 'b', status: 'passed' }),
    ]),
  ];

  const lines = formatComparison({
    comparison: compareRuns({ base, head }),
    base: 'a.json',
    head: 'b.json',
    tolerance: 0,
  });

  it('writes each gated metric with both values and the change in points', () => {
    const passRate = lines.find((line) => line.trim().startsWith('pass rate'));

    expect(passRate).toMatch(/^ {2}pass rate +50\.0% → 50\.0% {2}\(0\.0 pts\) {2}\[gated\]$/);
  });

  it('writes a regression and an improvement with the failing check', () => {
    expect(lines).toContain('- policy-lookup/a: passed → not passed — turn 1 facts: missing 99');
    expect(lines).toContain('- policy-lookup/b: not passed → passed — turn 1 facts: missing 70');
  });

  it('ends with the gate verdict', () => {
    expect(lines.at(-1)).toBe('Gate passed (a drop of up to 0.0 pts allowed).');
  });
});
