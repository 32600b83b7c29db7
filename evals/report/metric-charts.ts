import { formatCost } from '../metrics/usage-totals.ts';
import type { SuiteRun, SuiteSummary } from '../run-suite.ts';
import { renderBarChart } from './bar-chart.ts';
import { escapeHtml } from './escape-html.ts';

/** A metric the report charts: how to read it from a suite's summary and how to write it. */
interface ChartedMetric {
  title: string;
  /** What the metric means, under its chart. */
  note: string;
  value: (summary: SuiteSummary) => number | null;
  kind: 'share' | 'milliseconds' | 'count' | 'money';
}

const METRICS: readonly ChartedMetric[] = [
  {
    title: 'Pass rate',
    note: 'Passed runs over all runs; an error counts as not passed.',
    value: (summary) => summary.passRate,
    kind: 'share',
  },
  {
    title: 'pass^k',
    note: 'Cases that passed in every one of their k runs.',
    value: (summary) => summary.passHatK,
    kind: 'share',
  },
  {
    title: 'Tool precision',
    note: 'Share of the distinct tools called that were expected.',
    value: (summary) => summary.toolSelection.precision,
    kind: 'share',
  },
  {
    title: 'Tool recall',
    note: 'Share of the expected tools that were called.',
    value: (summary) => summary.toolSelection.recall,
    kind: 'share',
  },
  {
    title: 'Groundedness',
    note: 'Share of answer sentences supported by the passages the turn retrieved.',
    value: (summary) => summary.groundedness.sentenceSupport,
    kind: 'share',
  },
  {
    title: 'Citation validity',
    note: 'Share of citations that point at a passage retrieved in the turn.',
    value: (summary) => summary.citationValidity.share,
    kind: 'share',
  },
  {
    title: 'Retrieval recall@10',
    note: 'Share of the sources a turn is labelled with among the first 10 its tools returned.',
    value: (summary) => summary.retrievalRecall?.recall ?? null,
    kind: 'share',
  },
  {
    title: 'Refusal correctness',
    note: 'Turns labelled mustRefuse whose answer refused (or did not) as expected.',
    value: (summary) => summary.refusal.accuracy,
    kind: 'share',
  },
  {
    title: '"I don\'t know" correctness',
    note: 'Turns labelled mustSayUnknown whose answer said so (or did not) as expected.',
    value: (summary) => summary.unknown.accuracy,
    kind: 'share',
  },
  {
    title: 'Latency p50',
    note: 'Median wall-clock time of a turn.',
    value: (summary) => summary.latency.p50,
    kind: 'milliseconds',
  },
  {
    title: 'Latency p95',
    note: '95th percentile wall-clock time of a turn.',
    value: (summary) => summary.latency.p95,
    kind: 'milliseconds',
  },
  {
    title: 'Tokens',
    note: 'Prompt and completion tokens over all turns.',
    value: (summary) => summary.usage.totalTokens,
    kind: 'count',
  },
  {
    title: 'Cost',
    note: 'Estimated provider cost over the turns whose cost is known.',
    value: (summary) => summary.usage.cost,
    kind: 'money',
  },
];

/** One chart per metric, one bar per suite, each in a figure with its title and meaning. */
export function renderMetricCharts(suites: readonly SuiteRun[]): string {
  return METRICS.map((metric) => {
    const chart = renderBarChart({
      title: metric.title,
      bars: suites.map((run) => ({ label: run.suite.name, value: metric.value(run.summary) })),
      format: formatterFor(metric.kind),
      ...(metric.kind === 'share' ? { max: 1 } : {}),
    });
    return [
      '<figure class="metric">',
      `<figcaption><strong>${escapeHtml(metric.title)}</strong>`,
      ` <span class="note">${escapeHtml(metric.note)}</span></figcaption>`,
      chart,
      '</figure>',
    ].join('');
  }).join('\n');
}

/** How a value of a kind of metric is written. */
export function formatterFor(kind: ChartedMetric['kind']): (value: number) => string {
  switch (kind) {
    case 'share':
      return (value) => `${(value * 100).toFixed(1)}%`;
    case 'milliseconds':
      return (value) => `${Math.round(value)} ms`;
    case 'count':
      return (value) => value.toLocaleString('en-US');
    case 'money':
      return formatCost;
  }
}
