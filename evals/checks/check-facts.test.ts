import { describe, expect, it } from 'vitest';
import { checkFacts, checkFactsAbsent, statesFact } from './check-facts.ts';

describe('statesFact', () => {
  it('matches text across full-width and half-width forms', () => {
    expect(statesFact('型号 ＨＫ－Ｍ８ 监护仪', { text: 'HK-M8' })).toBe(true);
  });

  it('matches a ratio written as 70%, 百分之七十 or 七成', () => {
    for (const text of ['报销 70%', '报销百分之七十', '能报七成', 'reimbursed at 70 percent']) {
      expect(statesFact(text, { number: 0.7 })).toBe(true);
      expect(statesFact(text, { number: 70 })).toBe(true);
    }
    expect(statesFact('报销 60%', { number: 70 })).toBe(false);
  });

  it('matches a pattern case-insensitively', () => {
    expect(statesFact('Four active ports', { pattern: '\\bfour\\b' })).toBe(true);
  });
});

describe('checkFacts', () => {
  it('ignores citation markers as numbers and names the missing facts', () => {
    const result = checkFacts([{ number: 1 }, { text: '乙类' }], '报销比例 70% [1]');

    expect(result).toEqual({ check: 'facts', passed: false, detail: 'missing 1, "乙类"' });
  });

  it('fails when a forbidden fact is stated', () => {
    const result = checkFactsAbsent([{ number: 54500 }], '区域底价 54,500 元');

    expect(result?.passed).toBe(false);
    expect(result?.detail).toBe('states 54500');
  });
});
