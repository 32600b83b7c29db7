import { describe, expect, it } from 'vitest';
import { firstRanks, mean, ndcgAtK, recallAtK, reciprocalRank } from './metrics.ts';

describe('firstRanks', () => {
  it('keeps the first rank of a source that repeats', () => {
    expect(firstRanks(['a', 'b', 'a', 'c'])).toEqual(
      new Map([
        ['a', 1],
        ['b', 2],
        ['c', 4],
      ]),
    );
  });
});

describe('recallAtK', () => {
  it('counts the relevant sources found within the top k', () => {
    const judgement = { ranked: ['x', 'a', 'y', 'b', 'z', 'c'], relevant: ['a', 'b', 'c'] };
    expect(recallAtK(judgement, 2)).toBeCloseTo(1 / 3);
    expect(recallAtK(judgement, 5)).toBeCloseTo(2 / 3);
    expect(recallAtK(judgement, 10)).toBe(1);
  });

  it('counts several chunks of one source once', () => {
    expect(recallAtK({ ranked: ['a', 'a', 'a'], relevant: ['a', 'b'] }, 3)).toBe(0.5);
  });

  it('places a source at its first chunk, not a later one', () => {
    expect(recallAtK({ ranked: ['x', 'y', 'a', 'a'], relevant: ['a'] }, 2)).toBe(0);
  });

  it('is 0 when nothing relevant was returned or nothing is labelled', () => {
    expect(recallAtK({ ranked: ['x', 'y'], relevant: ['a'] }, 10)).toBe(0);
    expect(recallAtK({ ranked: ['a'], relevant: [] }, 10)).toBe(0);
  });
});

describe('reciprocalRank', () => {
  it('is 1 over the rank of the first relevant result', () => {
    expect(reciprocalRank({ ranked: ['a', 'b'], relevant: ['a'] })).toBe(1);
    expect(reciprocalRank({ ranked: ['x', 'y', 'b', 'a'], relevant: ['a', 'b'] })).toBeCloseTo(
      1 / 3,
    );
  });

  it('is 0 when no relevant result was returned', () => {
    expect(reciprocalRank({ ranked: ['x', 'y'], relevant: ['a'] })).toBe(0);
  });
});

describe('ndcgAtK', () => {
  it('is 1 when the relevant sources come first', () => {
    expect(ndcgAtK({ ranked: ['b', 'a', 'x'], relevant: ['a', 'b'] }, 10)).toBeCloseTo(1);
  });

  it('discounts a single relevant source by its rank', () => {
    // 1 / log2(3 + 1) = 0.5; the ideal is 1 / log2(2) = 1.
    expect(ndcgAtK({ ranked: ['x', 'y', 'a'], relevant: ['a'] }, 10)).toBeCloseTo(0.5);
  });

  it('divides by the ideal gain of every relevant source', () => {
    // Gain: 1 (a at 1) + 0.5 (b at 3) = 1.5; ideal: 1 + 1 / log2(3) = 1.6309.
    const judgement = { ranked: ['a', 'x', 'b'], relevant: ['a', 'b'] };
    expect(ndcgAtK(judgement, 10)).toBeCloseTo(1.5 / (1 + 1 / Math.log2(3)));
  });

  it('credits a repeated source once, at its first chunk', () => {
    // a at rank 2 only: 1 / log2(3) = 0.6309; ideal for two labels: 1.6309.
    const judgement = { ranked: ['x', 'a', 'a', 'a'], relevant: ['a', 'b'] };
    expect(ndcgAtK(judgement, 10)).toBeCloseTo(0.6309 / 1.6309, 3);
  });

  it('ignores relevant sources below k and caps the ideal at k', () => {
    expect(ndcgAtK({ ranked: ['x', 'a'], relevant: ['a'] }, 1)).toBe(0);
    expect(ndcgAtK({ ranked: ['a', 'b'], relevant: ['a', 'b', 'c'] }, 1)).toBe(1);
  });
});

describe('mean', () => {
  it('averages values and is 0 for none', () => {
    expect(mean([1, 0, 0.5])).toBeCloseTo(0.5);
    expect(mean([])).toBe(0);
  });
});
