import { formatCost } from './metrics/usage-totals.ts';
import type { SuiteRun } from './run-suite.ts';

/** One row of the console summary table: a suite's main metrics, formatted. */
export function suiteTableRow(run: SuiteRun): Record<string, string | number> {
  const { summary } = run;
  return {
    suite: run.suite.name,
    cases: summary.cases,
    runs: summary.runs,
    passed: summary.passed,
    errors: summary.errors,
    'pass rate': percent(summary.passRate),
    [`pass^${summary.k}`]: percent(summary.passHatK),
    'tool P': percent(summary.toolSelection.precision),
    'tool R': percent(summary.toolSelection.recall),
    grounded: percent(summary.groundedness.sentenceSupport),
    'cite valid': percent(summary.citationValidity.share),
    'R@10': percent(summary.retrievalRecall?.recall ?? null),
    refusal: percent(summary.refusal.accuracy),
    unknown: percent(summary.unknown.accuracy),
    'p50 ms': summary.latency.p50 ?? '-',
    'p95 ms': summary.latency.p95 ?? '-',
    tokens: summary.usage.totalTokens,
    cost: formatCost(summary.usage.cost),
  };
}

/**
 * One line per run that did not pass: a failed case with its first failing check's detail,
 * or the error that stopped it.
 */
export function failureLines(run: SuiteRun): string[] {
  return run.runs.flatMap((caseRun) => {
    const where = `${run.suite.name}/${caseRun.caseId} (run ${caseRun.repeat})`;
    if (caseRun.status === 'error') return [`${where} error: ${caseRun.error ?? 'unknown'}`];
    if (caseRun.status === 'passed') return [];

    for (const turn of caseRun.verdict?.turns ?? []) {
      const check = turn.checks.find((candidate) => !candidate.passed);
      if (check) return [`${where} turn ${turn.turn} ${check.check}: ${check.detail}`];
    }
    return [`${where} failed`];
  });
}

function percent(value: number | null): string {
  return value === null ? '-' : `${(value * 100).toFixed(1)}%`;
}
