import { describe, expect, it } from 'vitest';
import { loadConfig } from '../lib/config.ts';
import type { CassetteMeta } from './cassette/cassette-file.ts';
import { evalModelConfig, judgeModelConfig, REPLAY_API_KEY } from './eval-model.ts';

const withKey = loadConfig({
  OPENAI_API_KEY: 'sk-configured',
  DEALWISE_MODEL: 'gpt-4o-mini',
  DEALWISE_FALLBACK_MODEL: 'gpt-4o',
});
const withoutKey = loadConfig({});

const RECORDED: CassetteMeta = {
  recordedAt: '2026-07-01T08:00:00.000Z',
  model: 'qwen-plus',
  fallbackModel: 'qwen-turbo',
  judgeModel: null,
};

describe('evalModelConfig', () => {
  it('keeps the configured model and fallback when no model is named', () => {
    const model = evalModelConfig({ config: withKey, model: undefined, replaying: undefined });

    expect(model).toMatchObject({ name: 'gpt-4o-mini', fallbackName: 'gpt-4o' });
  });

  it('runs a named model alone, without the configured fallback', () => {
    const model = evalModelConfig({
      config: withKey,
      model: 'deepseek-chat',
      replaying: undefined,
    });

    expect(model).toMatchObject({ apiKey: 'sk-configured', name: 'deepseek-chat' });
    expect(model.fallbackName).toBeUndefined();
  });

  it('runs offline for --model offline, even with a key', () => {
    const model = evalModelConfig({ config: withKey, model: 'offline', replaying: undefined });

    expect(model.apiKey).toBeUndefined();
  });

  it('says how to fix a named model without an API key', () => {
    expect(() =>
      evalModelConfig({ config: withoutKey, model: 'gpt-4o', replaying: undefined }),
    ).toThrow(
      expect.objectContaining({
        code: 'model_auth_missing',
        message: expect.stringMatching(/--model gpt-4o needs OPENAI_API_KEY.*--replay/),
      }),
    );
  });

  it('replays the recorded model and fallback without an API key', () => {
    const model = evalModelConfig({ config: withoutKey, model: undefined, replaying: RECORDED });

    expect(model).toMatchObject({
      apiKey: REPLAY_API_KEY,
      name: 'qwen-plus',
      fallbackName: 'qwen-turbo',
    });
  });

  it('replays a run recorded on the offline model offline', () => {
    const replaying = { ...RECORDED, model: null };

    expect(
      evalModelConfig({ config: withKey, model: undefined, replaying }).apiKey,
    ).toBeUndefined();
  });
});

describe('judgeModelConfig', () => {
  it('judges on the configured endpoint with the named model', () => {
    const judge = judgeModelConfig({ config: withKey, judge: 'gpt-4o', replaying: undefined });

    expect(judge).toMatchObject({ apiKey: 'sk-configured', name: 'gpt-4o' });
  });

  it('needs an API key unless replaying, and refuses the offline model', () => {
    expect(() =>
      judgeModelConfig({ config: withoutKey, judge: 'gpt-4o', replaying: undefined }),
    ).toThrow(/--judge gpt-4o needs OPENAI_API_KEY/);
    expect(
      judgeModelConfig({ config: withoutKey, judge: 'gpt-4o', replaying: RECORDED }).apiKey,
    ).toBe(REPLAY_API_KEY);
    expect(() =>
      judgeModelConfig({ config: withKey, judge: 'offline', replaying: undefined }),
    ).toThrow(/offline model cannot grade/);
  });
});
