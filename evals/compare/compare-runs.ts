import type { CaseRun, SuiteRun } from '../run-suite.ts';
import { COMPARISON_METRICS, type ComparisonMetric } from './comparison-metrics.ts';

/** How to compare: which metrics are gated, and how far each may drop before it fails. */
export interface CompareOptions {
  /** Names of gateable metrics; default `passRate`. */
  gated?: readonly string[];
  /** Largest drop of a gated share allowed, e.g. 0.02 for two points. Default 0. */
  tolerance?: number;
}

/** One metric of one suite in both runs; delta is head minus base, null when either lacks it. */
export interface MetricDelta {
  metric: ComparisonMetric;
  base: number | null;
  head: number | null;
  delta: number | null;
  gated: boolean;
}

/** A suite both runs have, and its metrics side by side. */
export interface SuiteComparison {
  suite: string;
  metrics: MetricDelta[];
}

/** How a case did in one run, over its repeats. */
export interface CaseOutcome {
  passed: number;
  runs: number;
  /** Its first failing check or error, when a run did not pass. */
  reason?: string;
}

/** A case whose share of passed runs went down (a regression) or up (an improvement). */
export interface CaseChange {
  suite: string;
  caseId: string;
  base: CaseOutcome;
  head: CaseOutcome;
}

/** A gated metric that dropped by more than the tolerance. */
export interface GateFailure {
  suite: string;
  metric: string;
  base: number;
  head: number;
}

/** What changed from a base run to a head run. */
export interface RunComparison {
  suites: SuiteComparison[];
  /** Suites only one run has; they are listed but not gated. */
  onlyInBase: string[];
  onlyInHead: string[];
  regressions: CaseChange[];
  improvements: CaseChange[];
  gateFailures: GateFailure[];
}

/**
 * Compares two runs suite by suite (metric deltas) and case by case (regressions and
 * improvements in the share of passed runs), and applies the gate: a gated metric fails when
 * the head's value is below the base's by more than the tolerance.
 */
export function compareRuns(options: {
  base: readonly SuiteRun[];
  head: readonly SuiteRun[];
  compare?: CompareOptions;
}): RunComparison {
  const gated = new Set(options.compare?.gated ?? ['passRate']);
  const tolerance = options.compare?.tolerance ?? 0;
  const headByName = new Map(options.head.map((run) => [run.suite.name, run]));
  const baseNames = new Set(options.base.map((run) => run.suite.name));
  const pairs = options.base.flatMap((base) => {
    const head = headByName.get(base.suite.name);
    return head ? [{ base, head }] : [];
  });

  const suites = pairs.map(({ base, head }) => compareSuite({ base, head, gated }));
  const changes = pairs.flatMap(({ base, head }) => caseChanges(base, head));
  return {
    suites,
    onlyInBase: [...baseNames].filter((name) => !headByName.has(name)),
    onlyInHead: options.head.map((run) => run.suite.name).filter((name) => !baseNames.has(name)),
    regressions: changes.filter((change) => share(change.head) < share(change.base)),
    improvements: changes.filter((change) => share(change.head) > share(change.base)),
    gateFailures: suites.flatMap((suite) => gateFailures(suite, tolerance)),
  };
}

function compareSuite(options: {
  base: SuiteRun;
  head: SuiteRun;
  gated: ReadonlySet<string>;
}): SuiteComparison {
  const metrics = COMPARISON_METRICS.map((metric) => {
    const base = metric.read(options.base.summary);
    const head = metric.read(options.head.summary);
    return {
      metric,
      base,
      head,
      delta: base === null || head === null ? null : head - base,
      gated: metric.gateable && options.gated.has(metric.name),
    };
  });
  return { suite: options.base.suite.name, metrics };
}

function gateFailures(suite: SuiteComparison, tolerance: number): GateFailure[] {
  return suite.metrics.flatMap(({ metric, base, head, gated }) => {
    if (!gated || base === null || head === null) return [];
    // A hair of slack so that 0.3 - 0.1 is not "below" 0.2 in floating point.
    if (head >= base - tolerance - 1e-9) return [];
    return [{ suite: suite.suite, metric: metric.name, base, head }];
  });
}

/** The cases both runs ran, with their outcomes where they differ. */
function caseChanges(base: SuiteRun, head: SuiteRun): CaseChange[] {
  const before = outcomesByCase(base.runs);
  const after = outcomesByCase(head.runs);
  return [...before].flatMap(([caseId, outcome]) => {
    const headOutcome = after.get(caseId);
    if (!headOutcome || share(headOutcome) === share(outcome)) return [];
    return [{ suite: base.suite.name, caseId, base: outcome, head: headOutcome }];
  });
}

function outcomesByCase(runs: readonly CaseRun[]): Map<string, CaseOutcome> {
  const outcomes = new Map<string, CaseOutcome>();
  for (const run of runs) {
    const outcome = outcomes.get(run.caseId) ?? { passed: 0, runs: 0 };
    outcome.runs += 1;
    if (run.status === 'passed') outcome.passed += 1;
    else outcome.reason ??= reasonOf(run);
    outcomes.set(run.caseId, outcome);
  }
  return outcomes;
}

function reasonOf(run: CaseRun): string {
  if (run.status === 'error') return `error: ${run.error ?? 'unknown'}`;
  for (const turn of run.verdict?.turns ?? []) {
    const check = turn.checks.find((candidate) => !candidate.passed);
    if (check) return `turn ${turn.turn} ${check.check}: ${check.detail}`;
  }
  return 'failed';
}

function share(outcome: CaseOutcome): number {
  return outcome.runs === 0 ? 0 : outcome.passed / outcome.runs;
}
