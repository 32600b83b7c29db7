import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { type AIMessageChunk, HumanMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { createAgent } from 'langchain';
import { delay, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigurationError, RemoteServiceError } from '../../lib/errors.ts';
import { createLogger } from '../../lib/logger.ts';
import {
  CHAT_COMPLETIONS_URL,
  type ChatRequestBody,
  completionResponse,
  completionStream,
  interruptedStream,
  providerFailure,
} from '../../testing/chat-completions.ts';
import { type ChatModelOptions, createChatModel } from './chat-model.ts';

const PRIMARY = 'primary-model';
const FALLBACK = 'fallback-model';

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const lookupPolicy = tool(async ({ code }) => `policy ${code}`, {
  name: 'lookup_policy',
  description: 'Looks up a reimbursement policy by its code.',
  schema: z.object({ code: z.string() }),
});

function createModel(options: Partial<ChatModelOptions> = {}): BaseChatModel {
  return createChatModel({
    apiKey: 'test-key',
    baseUrl: 'https://llm.test/v1',
    model: PRIMARY,
    timeoutMs: 1_000,
    maxRetries: 2,
    retryBaseMs: 1,
    logger: createLogger({ level: 'silent' }),
    ...options,
  });
}

/** Answers with `respond` and records every request body. */
function recordRequests(
  respond: (body: ChatRequestBody, count: number) => Response | Promise<Response>,
) {
  const bodies: ChatRequestBody[] = [];
  server.use(
    http.post(CHAT_COMPLETIONS_URL, async ({ request }) => {
      const body = (await request.json()) as ChatRequestBody;
      bodies.push(body);
      return respond(body, bodies.length);
    }),
  );
  return bodies;
}

async function collect(stream: AsyncIterable<AIMessageChunk>): Promise<AIMessageChunk[]> {
  const chunks: AIMessageChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

function merge(chunks: AIMessageChunk[]): AIMessageChunk {
  const [first, ...rest] = chunks;
  if (first === undefined) throw new Error('expected at least one chunk');
  return rest.reduce((merged, chunk) => merged.concat(chunk), first);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('createChatModel answers', () => {
  it('returns a plain answer with its token usage', async () => {
    const bodies = recordRequests((body) =>
      completionResponse({ model: body.model, content: '您好 — hello' }),
    );

    const answer = await createModel().invoke([new HumanMessage('问候一下')]);

    expect(answer.content).toBe('您好 — hello');
    expect(answer.usage_metadata).toMatchObject({ input_tokens: 12, output_tokens: 5 });
    expect(bodies.map((body) => body.model)).toEqual([PRIMARY]);
  });

  it('parses a tool call response into tool_calls', async () => {
    const bodies = recordRequests((body) =>
      completionResponse({
        model: body.model,
        toolCalls: [{ id: 'call_1', name: 'lookup_policy', arguments: '{"code":"医保-0301"}' }],
      }),
    );

    const answer = await createModel().bindTools?.([lookupPolicy]).invoke('查政策 0301');

    expect(answer?.tool_calls).toEqual([
      { id: 'call_1', name: 'lookup_policy', args: { code: '医保-0301' }, type: 'tool_call' },
    ]);
    expect(bodies[0]?.tools?.map((entry) => entry.function.name)).toEqual(['lookup_policy']);
  });

  it('streams an answer as token chunks in order', async () => {
    const bodies = recordRequests((body) =>
      completionStream({ model: body.model, deltas: ['你好', '，', 'Acme ', 'team'] }),
    );

    const chunks = await collect(await createModel().stream('问候'));

    expect(chunks.map((chunk) => chunk.content).filter((text) => text !== '')).toEqual([
      '你好',
      '，',
      'Acme ',
      'team',
    ]);
    expect(merge(chunks).usage_metadata).toMatchObject({ input_tokens: 12, output_tokens: 5 });
    expect(bodies[0]?.stream).toBe(true);
  });

  it('streams tool calls that merge into parsed tool_calls', async () => {
    recordRequests((body) =>
      completionStream({
        model: body.model,
        toolCalls: [{ id: 'call_7', name: 'lookup_policy', arguments: '{"code":"A-17"}' }],
      }),
    );

    const model = createModel().bindTools?.([lookupPolicy]);
    const chunks = await collect(await (model?.stream('policy A-17') ?? emptyStream()));

    expect(merge(chunks).tool_calls).toEqual([
      { id: 'call_7', name: 'lookup_policy', args: { code: 'A-17' }, type: 'tool_call' },
    ]);
  });

  it('keeps malformed tool arguments in invalid_tool_calls instead of throwing', async () => {
    recordRequests((body) =>
      completionResponse({
        model: body.model,
        toolCalls: [{ id: 'call_2', name: 'lookup_policy', arguments: '{"code": 03' }],
      }),
    );

    const answer = await createModel().bindTools?.([lookupPolicy]).invoke('policy 03');

    expect(answer?.tool_calls).toEqual([]);
    expect(answer?.invalid_tool_calls).toMatchObject([
      { id: 'call_2', name: 'lookup_policy', args: '{"code": 03', type: 'invalid_tool_call' },
    ]);
    expect(answer?.invalid_tool_calls?.[0]?.error).toContain('not valid JSON');
  });
});

describe('createChatModel resilience', () => {
  it('retries once after a 429 with Retry-After: 0', async () => {
    const bodies = recordRequests((body, count) =>
      count === 1
        ? providerFailure(429, { 'retry-after': '0' })
        : completionResponse({ model: body.model, content: 'ok' }),
    );

    const answer = await createModel().invoke('hi');

    expect(answer.content).toBe('ok');
    expect(bodies.map((body) => body.model)).toEqual([PRIMARY, PRIMARY]);
  });

  it('makes one request per allowed attempt, whatever maxRetries a call passes', async () => {
    const bodies = recordRequests(() => providerFailure(500));

    await rejection(createModel({ maxRetries: 1 }).invoke('hi', { maxRetries: 5 }));

    expect(bodies).toHaveLength(2);
  });

  it('falls back to the fallback model after three 500s', async () => {
    const bodies = recordRequests((body) =>
      body.model === PRIMARY
        ? providerFailure(500)
        : completionResponse({ model: body.model, content: 'from the fallback' }),
    );

    const answer = await createModel({ fallbackModel: FALLBACK }).invoke('hi');

    expect(answer.content).toBe('from the fallback');
    expect(bodies.map((body) => body.model)).toEqual([PRIMARY, PRIMARY, PRIMARY, FALLBACK]);
  });

  it('retries attempts that time out, then falls back', async () => {
    const bodies = recordRequests(async (body) => {
      if (body.model === PRIMARY) await delay(300);
      return completionResponse({ model: body.model, content: 'in time' });
    });

    const answer = await createModel({ fallbackModel: FALLBACK, timeoutMs: 20 }).invoke('hi');

    expect(answer.content).toBe('in time');
    expect(bodies.map((body) => body.model)).toEqual([PRIMARY, PRIMARY, PRIMARY, FALLBACK]);
  });

  it('falls back for a stream whose primary fails before the first token', async () => {
    const bodies = recordRequests((body) =>
      body.model === PRIMARY
        ? providerFailure(503)
        : completionStream({ model: body.model, deltas: ['备用', ' answer'] }),
    );

    const model = createModel({ fallbackModel: FALLBACK, maxRetries: 0 });
    const chunks = await collect(await model.stream('hi'));

    expect(merge(chunks).content).toBe('备用 answer');
    expect(bodies.map((body) => body.model)).toEqual([PRIMARY, FALLBACK]);
  });

  it('stops calling the primary once its breaker opens, until the cool-down passes', async () => {
    let primaryHealthy = false;
    const bodies = recordRequests((body) =>
      body.model === PRIMARY && !primaryHealthy
        ? providerFailure(500)
        : completionResponse({ model: body.model, content: body.model }),
    );
    let now = 1_000_000;
    const model = createModel({
      fallbackModel: FALLBACK,
      maxRetries: 0,
      breakerFailureThreshold: 3,
      breakerCoolDownMs: 30_000,
      clock: () => now,
    });

    for (let call = 0; call < 4; call += 1) await model.invoke('hi');
    const primaryCallsWhileOpen = bodies.filter((body) => body.model === PRIMARY).length;
    now += 30_000;
    primaryHealthy = true;
    const afterCoolDown = await model.invoke('hi');

    expect(primaryCallsWhileOpen).toBe(3);
    expect(afterCoolDown.content).toBe(PRIMARY);
  });

  it('fails with model_unavailable when every model fails', async () => {
    const bodies = recordRequests(() => providerFailure(502));

    const error = await rejection(
      createModel({ fallbackModel: FALLBACK, maxRetries: 1 }).invoke('hi'),
    );

    expect(error).toBeInstanceOf(RemoteServiceError);
    expect(error).toMatchObject({ code: 'model_unavailable' });
    expect((error as Error).message).toContain(
      `No chat model answered (${PRIMARY}: HTTP 502; ${FALLBACK}: HTTP 502)`,
    );
    expect((error as Error).message).toContain('check OPENAI_BASE_URL');
    expect(bodies).toHaveLength(4);
  });

  it('ends a stream that drops mid-answer with model_stream_interrupted', async () => {
    const bodies = recordRequests((body) =>
      interruptedStream({ model: body.model, deltas: ['部分', ' answer'] }),
    );
    const texts: unknown[] = [];

    const error = await rejection(
      (async () => {
        const stream = await createModel({ fallbackModel: FALLBACK }).stream('hi');
        for await (const chunk of stream) texts.push(chunk.content);
      })(),
    );

    expect(error).toMatchObject({ code: 'model_stream_interrupted' });
    expect(texts).toEqual(['部分', ' answer']);
    expect(bodies.map((body) => body.model)).toEqual([PRIMARY]);
  });

  it('does not retry or fall back from a call its caller aborted', async () => {
    const controller = new AbortController();
    const bodies = recordRequests(async (body) => {
      controller.abort();
      await delay(50);
      return completionResponse({ model: body.model, content: 'late' });
    });

    const error = await rejection(
      createModel({ fallbackModel: FALLBACK }).invoke('hi', { signal: controller.signal }),
    );

    expect(error).not.toBeInstanceOf(RemoteServiceError);
    expect(bodies.map((body) => body.model)).toEqual([PRIMARY]);
  });
});

describe('createChatModel under createAgent', () => {
  /** The model asks for the policy tool, then answers once it has the tool's result. */
  function policyConversation(body: ChatRequestBody): Response {
    const answered = body.messages.some((message) => message.role === 'tool');
    const toolCalls = [{ id: 'call_9', name: 'lookup_policy', arguments: '{"code":"A"}' }];
    if (body.stream) {
      return answered
        ? completionStream({ model: body.model, deltas: ['报销', '比例 80%'] })
        : completionStream({ model: body.model, toolCalls });
    }
    return answered
      ? completionResponse({ model: body.model, content: '报销比例 80%' })
      : completionResponse({ model: body.model, toolCalls });
  }

  it('runs a tool loop on the fallback model when the primary fails', async () => {
    const bodies = recordRequests((body) =>
      body.model === PRIMARY ? providerFailure(500) : policyConversation(body),
    );
    const agent = createAgent({
      model: createModel({ fallbackModel: FALLBACK, maxRetries: 0 }),
      tools: [lookupPolicy],
    });

    const result = await agent.invoke({
      messages: [{ role: 'user', content: '政策 A 报销多少？' }],
    });

    expect(result.messages.map((message) => message.content)).toEqual([
      '政策 A 报销多少？',
      '',
      'policy A',
      '报销比例 80%',
    ]);
    expect(bodies[1]?.tools?.map((entry) => entry.function.name)).toEqual(['lookup_policy']);
  });

  it('streams each answer token once through the agent', async () => {
    recordRequests((body) => policyConversation(body));
    const agent = createAgent({ model: createModel(), tools: [lookupPolicy] });
    const tokens: unknown[] = [];

    const stream = await agent.stream(
      { messages: [{ role: 'user', content: '政策 A？' }] },
      { streamMode: 'messages' },
    );
    for await (const [message, metadata] of stream) {
      if (metadata.langgraph_node === 'model_request' && message.content !== '') {
        tokens.push(message.content);
      }
    }

    expect(tokens).toEqual(['报销', '比例 80%']);
  });
});

describe('createChatModel options', () => {
  it('names OPENAI_API_KEY when the key is empty', () => {
    expect(() => createModel({ apiKey: ' ' })).toThrow(ConfigurationError);
    expect(() => createModel({ apiKey: ' ' })).toThrow('OPENAI_API_KEY is empty');
  });

  it('does not call the same model twice when the fallback is the primary', async () => {
    const bodies = recordRequests(() => providerFailure(500));

    await rejection(createModel({ fallbackModel: PRIMARY, maxRetries: 0 }).invoke('hi'));

    expect(bodies.map((body) => body.model)).toEqual([PRIMARY]);
  });
});

async function* emptyStream(): AsyncGenerator<AIMessageChunk> {}
