import { AIMessage, HumanMessage } from '@langchain/core/messages';
import { describe, expect, it } from 'vitest';
import { estimateTurnCost, modelCallsIn } from './usage-cost.ts';

const usage = (input: number, output: number, cacheRead?: number) => ({
  input_tokens: input,
  output_tokens: output,
  total_tokens: input + output,
  ...(cacheRead === undefined ? {} : { input_token_details: { cache_read: cacheRead } }),
});

describe('estimateTurnCost', () => {
  it('prices a known model per million tokens', () => {
    const cost = estimateTurnCost({
      calls: [{ model: 'gpt-4o-mini', usage: usage(1_000_000, 500_000) }],
    });

    expect(cost).toEqual({
      inputTokens: 1_000_000,
      outputTokens: 500_000,
      cachedInputTokens: 0,
      currency: 'USD',
      cost: 0.45,
      unpricedModels: [],
    });
  });

  it('matches a dated snapshot to its base model, preferring the longest name', () => {
    const cost = estimateTurnCost({
      calls: [{ model: 'gpt-4o-mini-2024-07-18', usage: usage(2_000_000, 0) }],
    });

    expect(cost.cost).toBe(0.3);
  });

  it('charges cached input tokens at the cached price', () => {
    const cost = estimateTurnCost({
      calls: [{ model: 'gpt-4o', usage: usage(1_000_000, 0, 400_000) }],
    });

    expect(cost.cachedInputTokens).toBe(400_000);
    expect(cost.cost).toBe(0.6 * 2.5 + 0.4 * 1.25);
  });

  it('adds up every call of a turn', () => {
    const cost = estimateTurnCost({
      calls: [
        { model: 'deepseek-chat', usage: usage(1_000_000, 1_000_000) },
        { model: 'deepseek-chat', usage: usage(1_000_000, 0) },
      ],
    });

    expect(cost.inputTokens).toBe(2_000_000);
    expect(cost.cost).toBe(0.98);
  });

  it('reports an unknown cost and names the model when a model has no price', () => {
    const cost = estimateTurnCost({
      calls: [
        { model: 'gpt-4o', usage: usage(10, 10) },
        { model: 'llama3.1:8b', usage: usage(10, 10) },
      ],
    });

    expect(cost.cost).toBe('unknown');
    expect(cost.unpricedModels).toEqual(['llama3.1:8b']);
    expect(cost.inputTokens).toBe(20);
  });

  it('reports an unknown cost when a call has no usage', () => {
    expect(estimateTurnCost({ calls: [{ model: 'gpt-4o', usage: undefined }] }).cost).toBe(
      'unknown',
    );
  });

  it('uses the prices it is given instead of the defaults', () => {
    const cost = estimateTurnCost({
      calls: [{ model: 'qwen-plus', usage: usage(1_000_000, 1_000_000) }],
      prices: {
        currency: 'CNY',
        models: { 'qwen-plus': { inputPerMillion: 0.8, outputPerMillion: 2 } },
      },
    });

    expect(cost).toMatchObject({ currency: 'CNY', cost: 2.8 });
  });
});

describe('modelCallsIn', () => {
  it('reads the answering model and usage from each AI message', () => {
    const messages = [
      new HumanMessage('你好'),
      new AIMessage({
        content: 'hi',
        response_metadata: { model_name: 'gpt-4o-2024-08-06' },
        usage_metadata: usage(3, 2),
      }),
      new AIMessage({ content: 'offline answer' }),
    ];

    expect(modelCallsIn(messages, 'gpt-4o')).toEqual([
      { model: 'gpt-4o-2024-08-06', usage: usage(3, 2) },
      { model: 'gpt-4o', usage: undefined },
    ]);
  });
});
