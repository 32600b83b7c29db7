import { describe, expect, it } from 'vitest';
import { areaUnderCurve, brierScore, precisionAtTop, scoreMetrics } from './metrics.ts';

describe('metrics', () => {
  it('gives AUC 1 to a perfect ranking and 0.5 to ties', () => {
    expect(areaUnderCurve([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0])).toBe(1);
    expect(areaUnderCurve([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0])).toBe(0.5);
  });

  it('counts conversions among the top share', () => {
    expect(precisionAtTop([0.9, 0.1, 0.8, 0.2], [1, 0, 0, 0], 0.5)).toBe(0.5);
  });

  it('computes the Brier score and base rate', () => {
    expect(brierScore([1, 0], [1, 1])).toBe(0.5);
    expect(scoreMetrics([0.2, 0.4], [0, 1]).baseRate).toBe(0.5);
  });
});
