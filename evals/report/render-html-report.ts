import { describeUsage } from '../metrics/usage-totals.ts';
import type { SuiteRun } from '../run-suite.ts';
import { renderCaseTranscript } from './case-transcript.ts';
import { escapeHtml } from './escape-html.ts';
import { formatterFor, renderMetricCharts } from './metric-charts.ts';
import { REPORT_STYLES } from './report-styles.ts';

/** What a report is made from: a run's suites, and its id and time when it was stored. */
export interface ReportInput {
  id?: string;
  suites: SuiteRun[];
  createdAt?: string;
}

const percent = formatterFor('share');

/**
 * A whole eval run as one self-contained HTML page: a summary, a chart per metric with a bar
 * per suite, and every case run's transcript with its checks. Styles and charts are inline;
 * the page loads nothing and runs no script, and every text from the run is escaped.
 */
export function renderHtmlReport(run: ReportInput): string {
  const title = run.id ? `Dealwise eval run ${run.id}` : 'Dealwise eval run';
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_STYLES}</style>`,
    '</head><body>',
    `<h1>${escapeHtml(title)}</h1>`,
    renderOverview(run),
    run.suites.length === 0 ? '<p>The run holds no suite results.</p>' : renderBody(run.suites),
    '</body></html>',
    '',
  ].join('\n');
}

function renderBody(suites: readonly SuiteRun[]): string {
  return [
    '<h2>Summary</h2>',
    renderSummaryTable(suites),
    '<h2>Metrics</h2>',
    `<div class="charts">${renderMetricCharts(suites)}</div>`,
    '<h2>Cases</h2>',
    ...suites.map(renderSuiteCases),
  ].join('\n');
}

function renderOverview(run: ReportInput): string {
  const models = [...new Set(run.suites.map((suite) => suite.model))].join(', ') || 'none';
  const runs = run.suites.flatMap((suite) => suite.runs);
  const passed = runs.filter((caseRun) => caseRun.status === 'passed').length;
  const facts = [
    ['Created', run.createdAt ?? earliestStart(run.suites) ?? 'unknown'],
    ['Models', models],
    ['Suites', String(run.suites.length)],
    ['Case runs', `${passed} of ${runs.length} passed`],
  ];
  const items = facts.map(
    ([name, value]) =>
      `<tr><th>${escapeHtml(name ?? '')}</th><td>${escapeHtml(value ?? '')}</td></tr>`,
  );
  return `<table class="overview">${items.join('')}</table>`;
}

function renderSummaryTable(suites: readonly SuiteRun[]): string {
  const header = [
    'suite',
    'model',
    'cases',
    'runs',
    'passed',
    'failed',
    'errors',
    'pass rate',
    'pass^k',
    'judge agreement',
  ];
  const rows = suites.map((run) => {
    const { summary } = run;
    const cells = [
      escapeHtml(run.suite.name),
      escapeHtml(run.model),
      number(summary.cases),
      number(summary.runs),
      number(summary.passed),
      number(summary.failed),
      number(summary.errors),
      share(summary.passRate),
      share(summary.passHatK, `pass^${summary.k}`),
      share(run.judge?.agreement ?? null, judgeLabel(run)),
    ];
    const [name, model, ...numbers] = cells;
    return `<tr><td>${name}</td><td>${model}</td>${numbers.join('')}</tr>`;
  });
  const head = header.map((name) => `<th>${escapeHtml(name)}</th>`).join('');
  return [
    `<table class="summary"><thead><tr>${head}</tr></thead>`,
    `<tbody>${rows.join('')}</tbody></table>`,
  ].join('');
}

function renderSuiteCases(run: SuiteRun): string {
  const notPassed = run.runs.filter((caseRun) => caseRun.status !== 'passed').length;
  return [
    `<h3>${escapeHtml(run.suite.name)} <span class="muted">`,
    `${notPassed} of ${run.runs.length} runs did not pass</span></h3>`,
    ...run.runs.map((caseRun) => renderCaseTranscript({ suite: run.suite.name, run: caseRun })),
  ].join('');
}

function judgeLabel(run: SuiteRun): string {
  const { judge } = run;
  if (!judge) return 'no judge ran (npm run eval -- --judge <model>)';
  return (
    `${judge.model}: ${judge.agreed} of ${judge.judged} judged runs agree with the checks; ` +
    `${judge.errors} judge errors; the judge used ${describeUsage(judge.usage)}`
  );
}

function number(value: number): string {
  return `<td class="number">${value}</td>`;
}

function share(value: number | null, label?: string): string {
  const shown = value === null ? 'n/a' : percent(value);
  const title = label ? ` title="${escapeHtml(label)}"` : '';
  return `<td class="number"${title}>${shown}</td>`;
}

function earliestStart(suites: readonly SuiteRun[]): string | undefined {
  return suites.map((suite) => suite.startedAt).sort()[0];
}
