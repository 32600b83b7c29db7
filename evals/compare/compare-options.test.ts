import { describe, expect, it } from 'vitest';
import { parseCompareOptions } from './compare-options.ts';

describe('parseCompareOptions', () => {
  it('takes two runs and gates the pass rate with no tolerance by default', () => {
    const options = parseCompareOptions(['a.json', 'b.json']);

    expect(options).toEqual({ base: 'a.json', head: 'b.json', tolerance: 0, gated: ['passRate'] });
  });

  it('takes a tolerance and gated metrics, comma-separated or repeated', () => {
    const options = parseCompareOptions([
      'a.json',
      'b.json',
      '--tolerance',
      '0.02',
      '--gate',
      'passRate,groundedness',
      '--gate',
      'refusal',
    ]);

    expect(options.tolerance).toBe(0.02);
    expect(options.gated).toEqual(['passRate', 'groundedness', 'refusal']);
  });

  it('rejects one run, a tolerance out of range and a metric that cannot be gated', () => {
    expect(() => parseCompareOptions(['a.json'])).toThrow(/Name two runs/);
    expect(() => parseCompareOptions(['a', 'b', '--tolerance', '5'])).toThrow(/between 0 and 1/);
    expect(() => parseCompareOptions(['a', 'b', '--gate', 'tokens'])).toThrow(/not "tokens"/);
  });
});
