import { describe, expect, it } from 'vitest';
import { parseEvalOptions } from './eval-options.ts';
import { bundledSuiteNames } from './load-suite.ts';

describe('parseEvalOptions', () => {
  it('takes repeated suites, repeats, concurrency and a JSON file', async () => {
    const options = await parseEvalOptions([
      '--suite',
      'policy-lookup',
      '--suite',
      'x.jsonl',
      '--repeat',
      '3',
      '--concurrency',
      '4',
      '--json',
      'out.json',
    ]);

    expect(options).toEqual({
      suites: ['policy-lookup', 'x.jsonl'],
      repeat: 3,
      concurrency: 4,
      json: 'out.json',
    });
  });

  it('expands all to every bundled suite', async () => {
    const options = await parseEvalOptions(['--suite', 'all']);

    expect(options.suites).toEqual(await bundledSuiteNames());
    expect(options).toMatchObject({ repeat: 1, concurrency: 2, json: undefined });
  });

  it('rejects a missing suite, a bad count and an unknown option', async () => {
    await expect(parseEvalOptions([])).rejects.toThrow(/at least one suite/);
    await expect(parseEvalOptions(['--suite', 'a', '--repeat', '0'])).rejects.toThrow(
      /--repeat must be a positive integer/,
    );
    await expect(parseEvalOptions(['--suite', 'a', '--bogus'])).rejects.toMatchObject({
      code: 'invalid_options',
    });
  });
});
