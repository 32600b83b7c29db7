import { describe, expect, it } from 'vitest';
import { answersQuestion } from './quote-sentences.ts';

describe('answersQuestion', () => {
  it('accepts a passage that covers the question', () => {
    expect(
      answersQuestion(
        'HK-IP300 输液泵整机质保 2 年，关键部件质保 3 年。',
        'HK-IP300 整机质保多长时间？',
      ),
    ).toBe(true);
  });

  it('rejects a passage that shares only a word with a longer question', () => {
    expect(
      answersQuestion(
        '上海东浦医院新住院楼封顶，计划明年一季度投入使用。',
        '明天上海会下雨吗？需要带伞去拜访客户吗？',
      ),
    ).toBe(false);
  });

  it('accepts a shared word for a one- or two-word question', () => {
    expect(answersQuestion('DRG 付费改革下的沟通要点', 'DRG')).toBe(true);
  });
});
