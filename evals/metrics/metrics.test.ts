import { describe, expect, it } from 'vitest';
import { knowledgeCitation, turnResult } from '../__fixtures__/turn-result.ts';
import { citationValidity } from './citation-validity.ts';
import { groundedness } from './groundedness.ts';
import { labelCorrectness } from './label-correctness.ts';
import { latencySummary, nearestRank } from './latency.ts';
import { passHatK, passRate } from './pass-rate.ts';
import { retrievalRecall } from './retrieval-recall.ts';
import { toolSelection } from './tool-selection.ts';
import { usageTotals } from './usage-totals.ts';

describe('passRate and passHatK', () => {
  it('counts a case for pass^k only when all of its k runs pass', () => {
    const runs = [
      [true, true, true],
      [true, false, true],
      [true, true, false],
      [false, false, false],
    ];

    expect(passRate(runs.flat())).toBeCloseTo(7 / 12);
    expect(passHatK(runs)).toBe(0.25);
    expect(passHatK(runs, 2)).toBe(0.5);
    expect(passHatK(runs, 1)).toBe(0.75);
  });

  it('refuses k larger than the runs a case has', () => {
    expect(() => passHatK([[true], [true, true]], 2)).toThrow(/needs at least 2 run/);
  });
});

describe('toolSelection', () => {
  it('pools precision, recall and argument accuracy over turns', () => {
    const call = (name: string, args: Record<string, unknown> = {}) => ({
      id: name,
      name,
      arguments: args,
    });
    const score = toolSelection([
      {
        expected: [{ name: 'lookup_policy', args: { region: 'Shanghai' } }],
        calls: [call('lookup_policy', { region: 'Shanghai' }), call('search_knowledge')],
      },
      {
        expected: [{ name: 'get_account_overview', args: { account: { contains: '东浦' } } }],
        calls: [call('get_account_overview', { account: '瑞和' })],
      },
      { expected: [{ name: 'score_lead' }], calls: [] },
    ]);

    // called 3 distinct, 2 of them expected; expected 3, 2 called; args 1 of 2 matched
    expect(score).toEqual({ precision: 2 / 3, recall: 2 / 3, argumentAccuracy: 0.5 });
  });

  it('gives null where nothing was counted', () => {
    expect(toolSelection([])).toEqual({ precision: null, recall: null, argumentAccuracy: null });
  });
});

describe('groundedness', () => {
  it('scores supported sentences and grounded numbers against the evidence', () => {
    const score = groundedness({
      answer:
        '（离线模式 · offline mode）\n\n知识库中的相关内容：\n' +
        '- 公告发布后才介入的项目，中标率不到 15%。 [1]\n' +
        '- 论证阶段介入的项目中标率约为 60%。 [1]\n' +
        '- 火星分公司明年成立。\n\n来源：\n[1] 招投标应对打法',
      evidence: [
        '在论证阶段就介入的项目，我司中标率约为 45%；公告发布后才介入的项目，中标率不到 15%。',
      ],
    });

    expect(score.sentences).toBe(3);
    expect(score.supportedSentences).toBe(2);
    expect(score.unsupported).toEqual(['火星分公司明年成立。']);
    expect(score.numbers).toBe(2);
    expect(score.groundedNumbers).toBe(1);
    expect(score.ungroundedNumbers).toEqual([60]);
  });

  it('grounds a percentage on the ratio in a tool output', () => {
    const score = groundedness({
      answer: 'The stapler is reimbursed at 70% in Shanghai.',
      evidence: [
        '{"data":{"region":"Shanghai","reimbursementRatio":0.7,"productNameEn":"stapler"}}',
      ],
    });

    expect(score.numberSupport).toBe(1);
  });
});

describe('citationValidity', () => {
  it('flags markers without a citation and sources no tool returned', () => {
    const result = turnResult({
      text: '70% [1]，15% [3]',
      citations: [knowledgeCitation(1, 'policy/reimbursement-table')],
    });
    const toolOutputs = [
      { id: 't', name: 'search_knowledge', content: JSON.stringify({ citations: [] }) },
    ];

    expect(citationValidity({ result })).toEqual({
      checked: 2,
      valid: 1,
      share: 0.5,
      invalid: ['[3]'],
    });
    expect(citationValidity({ result, toolOutputs }).invalid).toEqual([
      '[3]',
      'policy/reimbursement-table',
    ]);
  });
});

describe('labelCorrectness', () => {
  it('counts correct labels, over-refusals and misses', () => {
    const score = labelCorrectness([
      { expected: true, actual: true },
      { expected: true, actual: false },
      { expected: false, actual: true },
      { expected: false, actual: false },
      { expected: false, actual: false },
    ]);

    expect(score).toEqual({
      cases: 5,
      correct: 3,
      accuracy: 0.6,
      falsePositives: 1,
      falseNegatives: 1,
    });
  });
});

describe('latency and usage', () => {
  it('takes nearest-rank percentiles', () => {
    const samples = [120, 80, 200, 40, 1_000, 60, 90, 110, 70, 50];

    expect(nearestRank(samples, 0.5)).toBe(80);
    expect(latencySummary(samples)).toEqual({ count: 10, p50: 80, p95: 1_000 });
    expect(latencySummary([])).toEqual({ count: 0, p50: null, p95: null });
  });

  it('sums tokens and known costs and counts unknown ones', () => {
    const totals = usageTotals([
      { promptTokens: 100, completionTokens: 20, cost: 0.002 },
      { promptTokens: 50, completionTokens: 10, cost: 'unknown' },
    ]);

    expect(totals).toEqual({
      turns: 2,
      promptTokens: 150,
      completionTokens: 30,
      totalTokens: 180,
      cost: 0.002,
      turnsWithUnknownCost: 1,
    });
  });
});

describe('retrievalRecall', () => {
  const output = (sourceIds: string[]) => ({
    id: 'call-1',
    name: 'search_knowledge',
    content: JSON.stringify({ citations: sourceIds.map((sourceId) => ({ sourceId })) }),
  });

  it('counts the labelled sources among the first k returned, averaged over turns', () => {
    const ranked = Array.from({ length: 12 }, (_, index) => `doc-${index + 1}`);
    const turns = [
      {
        observation: { result: turnResult({ text: 'answer' }), toolOutputs: [output(ranked)] },
        labelled: ['doc-2', 'doc-11'],
      },
      {
        observation: {
          result: turnResult({ text: 'answer' }),
          toolOutputs: [output(['doc-1']), output(['doc-9'])],
        },
        labelled: ['doc-9'],
      },
    ];

    expect(retrievalRecall(turns, 10)).toEqual({ k: 10, turns: 2, recall: 0.75 });
  });

  it('says nothing about turns whose tool outputs the runner did not see', () => {
    const turns = [
      { observation: { result: turnResult({ text: 'answer' }) }, labelled: ['doc-1'] },
    ];
    expect(retrievalRecall(turns)).toEqual({ k: 10, turns: 0, recall: null });
  });
});
