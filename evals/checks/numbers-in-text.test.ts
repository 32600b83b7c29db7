import { describe, expect, it } from 'vitest';
import { chineseNumber, numbersIn, sameNumber } from './numbers-in-text.ts';

const values = (text: string) => numbersIn(text).map(({ value, percent }) => [value, percent]);

describe('numbersIn', () => {
  it('reads digits, percentages and full-width forms', () => {
    expect(values('报销比例 70%，支付标准 3,800 元，精度 ±５％')).toEqual([
      [70, true],
      [3800, false],
      [5, true],
    ]);
  });

  it('reads Chinese percentages and tenths', () => {
    expect(values('百分之七十')).toEqual([[70, true]]);
    expect(values('中标率不到一成半？能中七成五')).toEqual([
      [10, true],
      [75, true],
    ]);
  });

  it('reads 万 amounts both as written and scaled', () => {
    expect(values('预算 560 万元')).toEqual([
      [560, false],
      [5_600_000, false],
    ]);
  });

  it('reads Chinese counts before a measure word and skips 一次性', () => {
    expect(values('一次性使用，单次住院限报两把')).toEqual([[2, false]]);
  });
});

describe('chineseNumber', () => {
  it('reads positional numerals and decimals', () => {
    expect(chineseNumber('七十')).toBe(70);
    expect(chineseNumber('两千三百零五')).toBe(2305);
    expect(chineseNumber('一万二千')).toBe(12_000);
    expect(chineseNumber('七十点五')).toBe(70.5);
  });
});

describe('sameNumber', () => {
  it('matches a percentage with its ratio and respects the tolerance', () => {
    expect(sameNumber({ value: 70, percent: true }, { value: 0.7, percent: false })).toBe(true);
    expect(sameNumber({ value: 69.6, percent: false }, { value: 70, percent: false }, 0.5)).toBe(
      true,
    );
    expect(sameNumber({ value: 69, percent: false }, { value: 70, percent: false }, 0.5)).toBe(
      false,
    );
  });
});
