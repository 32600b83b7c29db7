import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { caseRun, suiteRun } from '../__fixtures__/suite-run.ts';
import { knowledgeCitation } from '../__fixtures__/turn-result.ts';
import { renderHtmlReport } from './render-html-report.ts';

const INJECTION = '</div><script>alert("x")</script><img src=x onerror=alert(1)>';

function report(): string {
  return renderHtmlReport({
    id: 'run-1',
    createdAt: '2025-05-01T08:00:00.000Z',
    suites: [
      suiteRun('policy-lookup', [
        caseRun({
          caseId: 'pl-shanghai-zh',
          status: 'passed',
          userText: '上海 C0212040010000910017 的报销比例是多少？',
          answer: '上海的报销比例为 70% [1]。',
          result: {
            toolCalls: [{ id: 't1', name: 'lookup_policy', arguments: { region: 'Shanghai' } }],
            citations: [knowledgeCitation(1, 'policy/reimbursement-table', '报销比例 70%')],
          },
        }),
        caseRun({ caseId: 'pl-wrong', status: 'failed', detail: 'missing 99' }),
      ]),
      suiteRun('prompt-injection', [
        caseRun({ caseId: 'pi-html', status: 'failed', userText: INJECTION, answer: INJECTION }),
        caseRun({ caseId: 'pi-crash', status: 'error' }),
      ]),
    ],
  });
}

describe('renderHtmlReport', () => {
  it('writes a self-contained page that loads nothing and runs no script', () => {
    const html = report();
    const root = parse(html);

    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(root.querySelector('meta[charset]')?.getAttribute('charset')).toBe('utf-8');
    expect(root.querySelectorAll('script')).toHaveLength(0);
    expect(root.querySelectorAll('link, img, iframe')).toHaveLength(0);
    expect(html).not.toMatch(/(src|href)=["']?https?:/);
  });

  it('draws a chart per metric with one bar per suite', () => {
    const charts = parse(report()).querySelectorAll('figure.metric');
    const titles = charts.map((chart) => chart.querySelector('figcaption strong')?.text);

    expect(titles).toEqual([
      'Pass rate',
      'pass^k',
      'Tool precision',
      'Tool recall',
      'Groundedness',
      'Citation validity',
      'Retrieval recall@10',
      'Refusal correctness',
      '"I don\'t know" correctness',
      'Latency p50',
      'Latency p95',
      'Tokens',
      'Cost',
    ]);
    for (const chart of charts) expect(chart.querySelectorAll('rect.bar')).toHaveLength(2);
  });

  it('writes each suite pass rate in its chart and summary', () => {
    const root = parse(report());
    const passRate = root.querySelectorAll('figure.metric')[0];

    expect(passRate?.querySelectorAll('text.value').map((value) => value.text)).toEqual([
      '50.0%',
      '0.0%',
    ]);
    expect(root.querySelector('table.summary')?.text).toContain('policy-lookup');
  });

  it('reads n/a for a metric with nothing to count', () => {
    const refusal = parse(report()).querySelectorAll('figure.metric')[6];

    expect(refusal?.querySelectorAll('text.value').map((value) => value.text)).toEqual([
      'n/a',
      'n/a',
    ]);
  });

  it('escapes HTML from user turns and answers', () => {
    const html = report();
    const transcript = parse(html).querySelectorAll('details.case')[2];

    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(transcript?.querySelector('.user .text')?.text).toBe(INJECTION);
  });

  it('shows a transcript with the tool call, its arguments, the citation and the answer', () => {
    const passed = parse(report()).querySelectorAll('details.case')[0];

    expect(passed?.querySelector('.user .text')?.text).toBe(
      '上海 C0212040010000910017 的报销比例是多少？',
    );
    expect(passed?.querySelector('ul.tools code')?.text).toBe('lookup_policy');
    expect(passed?.querySelector('ul.tools pre')?.text).toContain('"region": "Shanghai"');
    expect(passed?.querySelector('ul.citations')?.text).toContain('policy/reimbursement-table');
    expect(passed?.querySelector('.answer .text')?.text).toBe('上海的报销比例为 70% [1]。');
  });

  it('opens runs that did not pass, with the failed check and the error', () => {
    const cases = parse(report()).querySelectorAll('details.case');

    expect(cases.map((details) => details.hasAttribute('open'))).toEqual([false, true, true, true]);
    expect(cases[1]?.querySelector('tr.bad')?.text).toContain('missing 99');
    expect(cases[3]?.querySelector('p.error')?.text).toBe(
      'Error: provider_down: the provider is down',
    );
  });
  it('shows the judge’s verdict, rubric and reasoning, and its agreement with the checks', () => {
    const judged = caseRun({ caseId: 'pd-judged', status: 'passed' });
    judged.judgement = {
      model: 'judge-model',
      passed: false,
      turns: [
        {
          turn: 1,
          rubric: '提到交付周期',
          passed: false,
          score: 0.2,
          reasoning: 'No <b>delivery</b> time.',
          usage: { promptTokens: 900, completionTokens: 60, cost: 0.0012 },
        },
      ],
    };
    const suite = suiteRun('pitch-drafting', [judged]);
    suite.judge = {
      model: 'judge-model',
      judged: 1,
      errors: 0,
      agreed: 0,
      agreement: 0,
      disagreements: [{ caseId: 'pd-judged', repeat: 1, judgePassed: false, checksPassed: true }],
      usage: {
        turns: 1,
        promptTokens: 900,
        completionTokens: 60,
        totalTokens: 960,
        cost: 0.0012,
        turnsWithUnknownCost: 0,
      },
    };
    const page = parse(renderHtmlReport({ suites: [suite] }));

    const judgement = page.querySelector('.judgement');
    expect(judgement?.text).toContain('提到交付周期');
    expect(judgement?.text).toContain('No <b>delivery</b> time.');
    expect(judgement?.querySelector('b')).toBeNull();
    const cells = page.querySelectorAll('table.summary td');
    expect(cells.at(-1)?.getAttribute('title')).toContain('0 of 1 judged runs agree');
    expect(cells.at(-1)?.getAttribute('title')).toContain('the judge used 960 tokens, $0.0012');
  });
});
