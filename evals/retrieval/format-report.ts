import type { QuestionResult } from './evaluate-retrieval.ts';
import type { MetricSummary } from './summarize-results.ts';

/** Everything the printed report shows. */
export interface RetrievalReport {
  /** One line on what was measured: question counts, k, embedder, database. */
  heading: string;
  summaries: readonly MetricSummary[];
  /** Hybrid results that left out at least one relevant source at 10. */
  misses: readonly QuestionResult[];
}

const METRIC_HEADERS = ['recall@5', 'recall@10', 'MRR', 'nDCG@10'];

/** The report as plain text: the overall table, the table by group, then the misses. */
export function formatReport(report: RetrievalReport): string {
  const overall = report.summaries.filter((summary) => summary.group === 'all');
  const grouped = report.summaries.filter((summary) => summary.group !== 'all');
  return [
    report.heading,
    '',
    'All questions',
    formatTable(
      ['mode', ...METRIC_HEADERS],
      overall.map((summary) => [summary.mode, ...metricCells(summary)]),
    ),
    '',
    'By question language (zh and en include their cross-lingual questions)',
    formatTable(
      ['group', 'n', 'mode', ...METRIC_HEADERS],
      grouped.map((summary) => [
        summary.group,
        String(summary.questions),
        summary.mode,
        ...metricCells(summary),
      ]),
    ),
    '',
    `Hybrid misses at 10 (${report.misses.length}): a relevant source is not in the top 10`,
    ...report.misses.map(formatMiss),
  ].join('\n');
}

/** Columns padded to their widest cell, separated by pipes, with a rule under the header. */
export function formatTable(headers: readonly string[], rows: readonly string[][]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ');
  const rule = widths.map((width) => '-'.repeat(width)).join('-|-');
  return [line(headers), rule, ...rows.map(line)].join('\n').replace(/ +$/gm, '');
}

function metricCells(summary: MetricSummary): string[] {
  return [summary.recallAt5, summary.recallAt10, summary.meanReciprocalRank, summary.ndcgAt10].map(
    (value) => value.toFixed(3),
  );
}

function formatMiss(result: QuestionResult): string {
  const found = new Set(result.retrieved.map((passage) => passage.sourceId));
  const missing = result.relevant.filter((sourceId) => !found.has(sourceId));
  const tags = [result.language, ...(result.crossLingual ? ['cross-lingual'] : [])].join(', ');
  const top = [...new Set(result.retrieved.map((passage) => passage.sourceId))].slice(0, 3);
  return [
    `- ${result.id} [${tags}] ${result.query}`,
    `    expected: ${result.relevant.join(', ')}${
      missing.length < result.relevant.length ? ` (missing: ${missing.join(', ')})` : ''
    }`,
    `    got top-3 sources: ${top.length > 0 ? top.join(', ') : '(nothing)'}`,
  ].join('\n');
}
