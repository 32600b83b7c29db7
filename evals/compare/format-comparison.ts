import { formatCost } from '../metrics/usage-totals.ts';
import type { CaseChange, CaseOutcome, MetricDelta, RunComparison } from './compare-runs.ts';
import type { ComparisonMetric } from './comparison-metrics.ts';

/** The comparison as console lines: metric deltas per suite, case changes, then the gate. */
export function formatComparison(options: {
  comparison: RunComparison;
  base: string;
  head: string;
  tolerance: number;
}): string[] {
  const { comparison } = options;
  return [
    `Comparing ${options.base} (A) with ${options.head} (B)`,
    ...comparison.suites.flatMap((suite) => ['', suite.suite, ...metricLines(suite.metrics)]),
    ...onlyIn('A', comparison.onlyInBase),
    ...onlyIn('B', comparison.onlyInHead),
    '',
    ...changeLines('Regressions', comparison.regressions),
    ...changeLines('Improvements', comparison.improvements),
    '',
    ...gateLines(comparison, options.tolerance),
  ];
}

function metricLines(metrics: readonly MetricDelta[]): string[] {
  const shown = metrics.filter((delta) => delta.base !== null || delta.head !== null);
  const width = Math.max(...shown.map((delta) => delta.metric.label.length));
  return shown.map((delta) => {
    const { metric } = delta;
    const values = `${format(metric, delta.base)} → ${format(metric, delta.head)}`;
    const change = delta.delta === null ? '' : `  (${signed(metric, delta.delta)})`;
    const gate = delta.gated ? '  [gated]' : '';
    return `  ${metric.label.padEnd(width)}  ${values}${change}${gate}`;
  });
}

function onlyIn(run: string, suites: readonly string[]): string[] {
  return suites.length === 0 ? [] : ['', `Only in ${run}, not compared: ${suites.join(', ')}`];
}

function changeLines(title: string, changes: readonly CaseChange[]): string[] {
  if (changes.length === 0) return [`${title}: none`];
  return [
    `${title} (${changes.length}):`,
    ...changes.map((change) => {
      const reason = change.head.reason ?? change.base.reason;
      const why = reason ? ` — ${reason}` : '';
      const outcomes = `${outcome(change.base)} → ${outcome(change.head)}`;
      return `- ${change.suite}/${change.caseId}: ${outcomes}${why}`;
    }),
  ];
}

function gateLines(comparison: RunComparison, tolerance: number): string[] {
  const allowed = `a drop of up to ${(tolerance * 100).toFixed(1)} pts allowed`;
  if (comparison.gateFailures.length === 0) return [`Gate passed (${allowed}).`];
  return [
    `Gate failed (${allowed}):`,
    ...comparison.gateFailures.map(
      (failure) =>
        `- ${failure.suite} ${failure.metric}: ${percent(failure.base)} → ` +
        `${percent(failure.head)} (${points(failure.head - failure.base)})`,
    ),
  ];
}

function outcome(result: CaseOutcome): string {
  if (result.runs === 1) return result.passed === 1 ? 'passed' : 'not passed';
  return `${result.passed}/${result.runs} passed`;
}

function format(metric: ComparisonMetric, value: number | null): string {
  if (value === null) return 'n/a';
  switch (metric.kind) {
    case 'share':
      return percent(value);
    case 'milliseconds':
      return `${Math.round(value)} ms`;
    case 'count':
      return String(value);
    case 'money':
      return formatCost(value);
  }
}

function signed(metric: ComparisonMetric, delta: number): string {
  if (metric.kind === 'share') return points(delta);
  const sign = delta > 0 ? '+' : '';
  return `${sign}${format(metric, delta)}`;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** A difference of shares in percentage points, signed: `-7.7 pts`. */
function points(delta: number): string {
  const sign = delta > 0 ? '+' : '';
  return `${sign}${(delta * 100).toFixed(1)} pts`;
}
