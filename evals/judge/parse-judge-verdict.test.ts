import { describe, expect, it } from 'vitest';
import { parseJudgeVerdict } from './parse-judge-verdict.ts';

describe('parseJudgeVerdict', () => {
  it('reads a plain JSON verdict', () => {
    const verdict = parseJudgeVerdict('{"pass": true, "score": 0.8, "reasoning": "States 70%."}');

    expect(verdict).toEqual({ passed: true, score: 0.8, reasoning: 'States 70%.' });
  });

  it('reads a verdict inside a code fence with prose around it', () => {
    const reply =
      'Here is my grade:\n```json\n{"pass": false, "score": 0.2, "reasoning": "未引用来源"}\n```';

    expect(parseJudgeVerdict(reply)).toEqual({
      passed: false,
      score: 0.2,
      reasoning: '未引用来源',
    });
  });

  it('takes pass as a word under another name, and a score on a 10 or 100 scale', () => {
    expect(parseJudgeVerdict('{"verdict": "PASS", "score": 8, "reason": "ok"}')).toEqual({
      passed: true,
      score: 0.8,
      reasoning: 'ok',
    });
    expect(parseJudgeVerdict('{"passed": "fail", "score": "35"}').score).toBeCloseTo(0.35);
  });

  it('leaves the score null when it is missing or unusable', () => {
    expect(parseJudgeVerdict('{"pass": true}').score).toBeNull();
    expect(parseJudgeVerdict('{"pass": true, "score": -1}').score).toBeNull();
    expect(parseJudgeVerdict('{"pass": true, "score": "high"}').score).toBeNull();
  });

  it('skips braces inside strings and objects that are not verdicts', () => {
    const reply = 'Rubric {see above}. {"pass": true, "reasoning": "Mentions {budget} 780万元"}';

    expect(parseJudgeVerdict(reply)).toMatchObject({
      passed: true,
      reasoning: 'Mentions {budget} 780万元',
    });
  });

  it('rejects a reply with no verdict as judge_unparseable', () => {
    expect(() => parseJudgeVerdict('Looks good to me.')).toThrow(/no JSON object/);
    expect(() => parseJudgeVerdict('{"score": 0.9}')).toThrow(
      expect.objectContaining({ code: 'judge_unparseable' }),
    );
  });
});
