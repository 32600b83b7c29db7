import { describe, expect, it } from 'vitest';
import { caseRun, suiteRun } from '../__fixtures__/suite-run.ts';
import type { CaseStatus } from '../run-suite.ts';
import { compareRuns } from './compare-runs.ts';

function suite(name: string, statuses: Record<string, CaseStatus[]>) {
  const runs = Object.entries(statuses).flatMap(([caseId, outcomes]) =>
    outcomes.map((status, index) =>
      caseRun({ caseId, status, repeat: index + 1, detail: `missing ${caseId}` }),
    ),
  );
  return suiteRun(name, runs);
}

const BASE = [
  suite('policy-lookup', { a: ['passed'], b: ['passed'], c: ['failed'], d: ['passed'] }),
  suite('unanswerable', { e: ['passed'] }),
];

describe('compareRuns', () => {
  it('lists a case that went from passed to failed or error as a regression', () => {
    const head = [
      suite('policy-lookup', { a: ['failed'], b: ['error'], c: ['failed'], d: ['passed'] }),
    ];

    const { regressions } = compareRuns({ base: BASE, head });

    expect(regressions.map((change) => [change.caseId, change.head.reason])).toEqual([
      ['a', 'turn 1 facts: missing a'],
      ['b', 'error: provider_down: the provider is down'],
    ]);
  });

  it('lists a case that went from failed to passed as an improvement', () => {
    const head = [
      suite('policy-lookup', { a: ['passed'], b: ['passed'], c: ['passed'], d: ['passed'] }),
    ];

    const comparison = compareRuns({ base: BASE, head });

    expect(comparison.improvements.map((change) => change.caseId)).toEqual(['c']);
    expect(comparison.regressions).toEqual([]);
  });

  it('counts passed repeats of a case, so 3 of 3 to 2 of 3 is a regression', () => {
    const base = [suite('s', { a: ['passed', 'passed', 'passed'] })];
    const head = [suite('s', { a: ['passed', 'failed', 'passed'] })];

    const [change] = compareRuns({ base, head }).regressions;

    expect(change?.base).toMatchObject({ passed: 3, runs: 3 });
    expect(change?.head).toMatchObject({ passed: 2, runs: 3 });
  });

  it('gives each metric of a suite both runs have with its delta', () => {
    const head = [
      suite('policy-lookup', { a: ['failed'], b: ['passed'], c: ['failed'], d: ['passed'] }),
    ];

    const [policy] = compareRuns({ base: BASE, head }).suites;
    const passRate = policy?.metrics.find((delta) => delta.metric.name === 'passRate');

    expect(policy?.suite).toBe('policy-lookup');
    expect(passRate).toMatchObject({ base: 0.75, head: 0.5, delta: -0.25, gated: true });
  });

  it('fails the gate when a pass rate drops by more than the tolerance', () => {
    const head = [
      suite('policy-lookup', { a: ['failed'], b: ['passed'], c: ['failed'], d: ['passed'] }),
    ];

    const strict = compareRuns({ base: BASE, head, compare: { tolerance: 0.2 } });
    const lenient = compareRuns({ base: BASE, head, compare: { tolerance: 0.25 } });

    expect(strict.gateFailures).toEqual([
      { suite: 'policy-lookup', metric: 'passRate', base: 0.75, head: 0.5 },
    ]);
    expect(lenient.gateFailures).toEqual([]);
  });

  it('gates only the metrics asked for', () => {
    const head = [
      suite('policy-lookup', { a: ['failed'], b: ['passed'], c: ['failed'], d: ['passed'] }),
    ];

    const comparison = compareRuns({ base: BASE, head, compare: { gated: ['groundedness'] } });

    expect(comparison.gateFailures).toEqual([]);
  });

  it('passes the gate when a pass rate rises', () => {
    const head = [
      suite('policy-lookup', { a: ['passed'], b: ['passed'], c: ['passed'], d: ['passed'] }),
    ];

    expect(compareRuns({ base: BASE, head }).gateFailures).toEqual([]);
  });

  it('lists suites only one run has without gating them', () => {
    const head = [suite('confidentiality', { x: ['failed'] })];

    const comparison = compareRuns({ base: BASE, head });

    expect(comparison.onlyInBase).toEqual(['policy-lookup', 'unanswerable']);
    expect(comparison.onlyInHead).toEqual(['confidentiality']);
    expect(comparison.gateFailures).toEqual([]);
  });
});
