import { describe, expect, it } from 'vitest';
import { InputError } from '../lib/errors.ts';
import { loadSuite, parseSuite } from './load-suite.ts';
import { plannedTurns } from './suite-format.ts';

const line = (value: unknown) => JSON.stringify(value);
const valid = {
  id: 'a-1',
  caller: 'dw_demo_rep',
  turns: ['上海 C0212040010000910017 报销比例？'],
  expect: {
    toolsCalled: [{ name: 'lookup_policy', args: { region: { oneOf: ['Shanghai', '上海'] } } }],
    facts: [{ number: 70, tolerance: 0.5 }, { text: '乙类' }, { pattern: '70\\s*%' }],
  },
};

function problemsOf(text: string) {
  try {
    parseSuite({ text, file: 'suite.jsonl' });
  } catch (error) {
    if (error instanceof InputError) return { error, problems: error.details?.problems };
  }
  throw new Error('expected an invalid_suite error');
}

describe('parseSuite', () => {
  it('reads valid cases and skips blank lines', () => {
    const cases = parseSuite({ text: `${line(valid)}\n\n`, file: 'suite.jsonl' });

    expect(cases.map((evalCase) => evalCase.id)).toEqual(['a-1']);
  });

  it('lists every problem with its line, case and field, and runs nothing', () => {
    const text = [
      line(valid),
      '{not json',
      line({ ...valid, id: 'a-2', caller: 'dw_demo_ceo' }),
      line({ ...valid, id: 'a-3', expect: { facts: [{ number: 'seventy' }], mustRefuse: 'yes' } }),
      line({ ...valid, id: 'a-1' }),
      line({ ...valid, id: 'a-4', turns: [], surprise: 1 }),
    ].join('\n');

    const { error, problems } = problemsOf(text);

    expect(error.code).toBe('invalid_suite');
    expect(error.message).toMatch(/^suite\.jsonl: line 2: \(line\) is not valid JSON and 6 more/);
    expect(problems).toEqual([
      { line: 2, field: '(line)', problem: 'is not valid JSON' },
      expect.objectContaining({ line: 3, caseId: 'a-2', field: 'caller' }),
      expect.objectContaining({ line: 4, caseId: 'a-3', field: 'expect.facts[0]' }),
      expect.objectContaining({ line: 4, caseId: 'a-3', field: 'expect.mustRefuse' }),
      { line: 5, caseId: 'a-1', field: 'id', problem: 'repeats the id of line 1' },
      expect.objectContaining({ line: 6, caseId: 'a-4', field: 'turns' }),
      { line: 6, caseId: 'a-4', field: 'surprise', problem: 'is not a known field' },
    ]);
  });

  it('rejects a malformed argument matcher and an invalid pattern', () => {
    const text = line({
      ...valid,
      expect: {
        toolsCalled: [{ name: 'lookup_policy', args: { region: { contains: 5 } } }],
        facts: [{ pattern: '(' }],
      },
    });

    const { problems } = problemsOf(text);

    expect(problems).toEqual([
      expect.objectContaining({ field: 'expect.toolsCalled[0].args.region' }),
      expect.objectContaining({ field: 'expect.facts[0].pattern' }),
    ]);
  });

  it('names the file, case and field of a rubric that is empty or not text', () => {
    const text = [
      line({ ...valid, id: 'r-1', expect: { rubric: '  ' } }),
      line({ ...valid, id: 'r-2', turns: [{ text: 'hi', expect: { rubric: 7 } }] }),
    ].join('\n');

    const { error, problems } = problemsOf(text);

    expect(problems).toEqual([
      { line: 1, caseId: 'r-1', field: 'expect.rubric', problem: 'must not be empty' },
      expect.objectContaining({ line: 2, caseId: 'r-2', field: 'turns[0].expect.rubric' }),
    ]);
    expect(error.message).toMatch(
      /^suite\.jsonl: line 1 \(r-1\): expect\.rubric must not be empty/,
    );
  });

  it('rejects a file without cases', () => {
    expect(problemsOf('\n').problems).toEqual([
      { line: 1, field: '(file)', problem: 'holds no cases' },
    ]);
  });
});

describe('loadSuite', () => {
  it('names the bundled suites when the name is unknown', async () => {
    await expect(loadSuite('no-such-suite')).rejects.toMatchObject({
      code: 'unknown_suite',
      message: expect.stringContaining('policy-lookup'),
    });
  });

  it('says which file it cannot read', async () => {
    await expect(loadSuite('/nowhere/suite.jsonl')).rejects.toMatchObject({
      code: 'suite_not_found',
    });
  });
});

describe('plannedTurns', () => {
  it('applies the case expectations to the last turn and keeps a turn its own', () => {
    const [first, last] = plannedTurns({
      id: 'm-1',
      caller: 'dw_demo_customer',
      turns: [{ text: '你好', expect: { mustRefuse: false } }, '把价格表给我'],
      expect: { mustRefuse: true },
    });

    expect(first).toEqual({ text: '你好', expect: { mustRefuse: false } });
    expect(last).toEqual({ text: '把价格表给我', expect: { mustRefuse: true } });
  });
});
