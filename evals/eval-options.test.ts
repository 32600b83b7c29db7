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

describe('parseEvalOptions for models and cassettes', () => {
  it('takes a model, a judge and a cassette to record or to replay', async () => {
    const recording = await parseEvalOptions([
      '--suite',
      'a',
      '--model',
      'qwen-plus',
      '--judge',
      'gpt-4o',
      '--record',
      'run.json',
    ]);
    const replaying = await parseEvalOptions(['--suite', 'a', '--replay', 'run.json']);

    expect(recording).toMatchObject({ model: 'qwen-plus', judge: 'gpt-4o', record: 'run.json' });
    expect(replaying).toMatchObject({ replay: 'run.json', record: undefined, model: undefined });
  });

  it('rejects recording and replaying at once, and an empty model name', async () => {
    await expect(
      parseEvalOptions(['--suite', 'a', '--record', 'a.json', '--replay', 'b.json']),
    ).rejects.toThrow(/--record or --replay, not both/);
    await expect(parseEvalOptions(['--suite', 'a', '--model', ' '])).rejects.toThrow(
      /--model needs a value/,
    );
  });

  it('takes a file for the HTML report', async () => {
    const options = await parseEvalOptions(['--suite', 'a', '--html', 'report.html']);

    expect(options.html).toBe('report.html');
  });
});
