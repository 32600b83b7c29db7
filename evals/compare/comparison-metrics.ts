import type { SuiteSummary } from '../run-suite.ts';

/** A metric `eval:compare` reports per suite, and whether it may be gated. */
export interface ComparisonMetric {
  name: string;
  label: string;
  read: (summary: SuiteSummary) => number | null;
  kind: 'share' | 'milliseconds' | 'count' | 'money';
  /** Shares, where higher is better, may be gated; latency, tokens and cost are only shown. */
  gateable: boolean;
}

/** Every metric compared, in the order printed. */
export const COMPARISON_METRICS: readonly ComparisonMetric[] = [
  metric({ name: 'passRate', label: 'pass rate', read: (s) => s.passRate }),
  metric({ name: 'passHatK', label: 'pass^k', read: (s) => s.passHatK }),
  metric({
    name: 'toolPrecision',
    label: 'tool precision',
    read: (s) => s.toolSelection.precision,
  }),
  metric({ name: 'toolRecall', label: 'tool recall', read: (s) => s.toolSelection.recall }),
  metric({
    name: 'argumentAccuracy',
    label: 'argument accuracy',
    read: (s) => s.toolSelection.argumentAccuracy,
  }),
  metric({
    name: 'groundedness',
    label: 'groundedness',
    read: (s) => s.groundedness.sentenceSupport,
  }),
  metric({
    name: 'citationValidity',
    label: 'citation validity',
    read: (s) => s.citationValidity.share,
  }),
  metric({
    name: 'retrievalRecall',
    label: 'retrieval recall@10',
    read: (s) => s.retrievalRecall?.recall ?? null,
  }),
  metric({ name: 'refusal', label: 'refusal correctness', read: (s) => s.refusal.accuracy }),
  metric({
    name: 'unknown',
    label: '"I don\'t know" correctness',
    read: (s) => s.unknown.accuracy,
  }),
  metric({
    name: 'latencyP50',
    label: 'latency p50',
    kind: 'milliseconds',
    read: (s) => s.latency.p50,
  }),
  metric({
    name: 'latencyP95',
    label: 'latency p95',
    kind: 'milliseconds',
    read: (s) => s.latency.p95,
  }),
  metric({ name: 'tokens', label: 'tokens', kind: 'count', read: (s) => s.usage.totalTokens }),
  metric({ name: 'cost', label: 'cost', kind: 'money', read: (s) => s.usage.cost }),
];

/** The names of the metrics that may be gated. */
export const GATEABLE_METRICS: readonly string[] = COMPARISON_METRICS.filter(
  (candidate) => candidate.gateable,
).map((candidate) => candidate.name);

function metric(fields: {
  name: string;
  label: string;
  read: ComparisonMetric['read'];
  kind?: ComparisonMetric['kind'];
}): ComparisonMetric {
  const kind = fields.kind ?? 'share';
  return { ...fields, kind, gateable: kind === 'share' };
}
