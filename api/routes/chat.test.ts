import { count, eq } from 'drizzle-orm';
import { delay, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createChatModel } from '../../agent/model/chat-model.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import { accounts, messages } from '../../db/schema/index.ts';
import { createLogger } from '../../lib/logger.ts';
import {
  CHAT_COMPLETIONS_URL,
  type ChatRequestBody,
  type CompletionFixture,
  completionResponse,
  completionStream,
  providerFailure,
} from '../../testing/chat-completions.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { createTestDatabase } from '../../testing/test-database.ts';

const server = setupServer();
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const json = { 'content-type': 'application/json' };

type ChatBody = {
  conversationId: string;
  message: { text: string; citations: { n: number; title: string }[] };
  toolCalls: { name: string; arguments: unknown; error?: string }[];
  model: string;
  fallback: boolean;
  code?: string;
};

function providerModel(timeoutMs = 2_000) {
  return createChatModel({
    apiKey: 'test-key',
    baseUrl: 'https://llm.test/v1',
    model: 'gpt-test',
    timeoutMs,
    maxRetries: 1,
    retryBaseMs: 1,
    logger: createLogger({ level: 'silent' }),
  });
}

describe('chat API on the offline model', () => {
  let database: DatabaseHandle;
  let app: ReturnType<typeof createTestApp>['app'];

  beforeAll(async () => {
    database = await createTestDatabase('demo');
    ({ app } = createTestApp(database));
  });
  afterAll(() => database.close());

  const chat = (key: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request('/v1/chat', {
      method: 'POST',
      headers: { ...bearer(key), ...json, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('answers a policy question with cited facts and keeps the conversation', async () => {
    const response = await chat('dw_demo_rep', {
      message: '上海地区 C0212040010000910017 的医保报销比例是多少？',
    });
    const body = (await response.json()) as ChatBody;
    const stored = await app.request(`/v1/conversations/${body.conversationId}`, {
      headers: bearer('dw_demo_rep'),
    });
    const conversation = (await stored.json()) as { messages: { role: string; text: string }[] };

    expect(response.status).toBe(200);
    expect(body.model).toBe('dealwise-offline');
    expect(body.toolCalls.map((call) => call.name)).toEqual(['lookup_policy']);
    expect(body.message.text).toMatch(/70\s*%|70％|百分之七十|0\.7/);
    expect(body.message.citations.length).toBeGreaterThan(0);
    expect(conversation.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
  });

  it('streams tokens, tool events, citations and done as server-sent events', async () => {
    const response = await chat(
      'dw_demo_rep',
      { message: 'How do I handle a customer who says our price is too high?' },
      { accept: 'text/event-stream' },
    );
    const events = [...(await response.text()).matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);

    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(events[0]).toBe('tool_call');
    expect(events).toContain('tool_result');
    expect(events).toContain('token');
    expect(events).toContain('citation');
    expect(events.at(-1)).toBe('done');
  });

  it('refuses a customer who asks about another account, in the tool', async () => {
    const response = await chat('dw_demo_customer', {
      message: 'Give me the account overview of Suzhou Ruihe',
    });
    const body = (await response.json()) as ChatBody;

    expect(response.status).toBe(200);
    expect(body.toolCalls).toEqual([
      expect.objectContaining({ name: 'get_account_overview', error: 'account_out_of_scope' }),
    ]);
    expect(body.message.text).not.toMatch(/瑞和|Ruihe Medical Supply Chain Co/);
  });

  it('continues a conversation and keeps other users out of it', async () => {
    const first = (await (await chat('dw_demo_rep', { message: '你好' })).json()) as ChatBody;

    const again = await chat('dw_demo_rep', {
      message: 'What can you do?',
      conversationId: first.conversationId,
    });
    const intruder = await chat('dw_demo_manager', {
      message: 'hi',
      conversationId: first.conversationId,
    });
    const peek = await app.request(`/v1/conversations/${first.conversationId}`, {
      headers: bearer('dw_demo_customer'),
    });

    expect(again.status).toBe(200);
    expect(intruder.status).toBe(404);
    expect(((await intruder.json()) as ChatBody).code).toBe('conversation_not_found');
    expect(peek.status).toBe(404);
  });

  it('rejects bad input with problem documents and writes nothing', async () => {
    const [before] = await database.db.select({ n: count() }).from(messages);
    const invalidUtf8 = new Uint8Array([
      ...new TextEncoder().encode('{"message":"'),
      0xff,
      0xfe,
      34,
      125,
    ]);

    const cases = await Promise.all([
      chat('dw_demo_rep', { message: '   ' }),
      chat('dw_demo_rep', { message: 'x'.repeat(8_001) }),
      app.request('/v1/chat', {
        method: 'POST',
        headers: { ...bearer('dw_demo_rep'), ...json },
        body: invalidUtf8,
      }),
      chat('dw_demo_rep', '{"message":'),
      chat('dw_demo_rep', {
        message: 'hi',
        conversationId: '00000000-0000-4000-8000-000000000000',
      }),
      chat('dw_demo_rep', { message: 'hi', persona: 'pirate' }),
      app.request('/v1/chat', { method: 'POST', headers: json, body: '{"message":"hi"}' }),
      chat('dw_not_a_key', { message: 'hi' }),
    ]);
    const codes = await Promise.all(
      cases.map(async (response) => [response.status, ((await response.json()) as ChatBody).code]),
    );
    const [after] = await database.db.select({ n: count() }).from(messages);

    expect(codes).toEqual([
      [400, 'message_empty'],
      [400, 'message_too_long'],
      [400, 'body_not_utf8'],
      [400, 'invalid_json'],
      [404, 'conversation_not_found'],
      [400, 'unknown_persona'],
      [401, 'missing_api_key'],
      [401, 'invalid_api_key'],
    ]);
    expect(after?.n).toBe(before?.n);
  });
});

describe('chat API on an OpenAI-compatible model', () => {
  let database: DatabaseHandle;
  let otherAccountId: string;
  const requests: ChatRequestBody[] = [];

  beforeAll(async () => {
    server.listen({ onUnhandledRequest: 'error' });
    database = await createTestDatabase('demo');
    const [other] = await database.db
      .select({ id: accounts.id })
      .from(accounts)
      .where(eq(accounts.nameEn, 'Suzhou Ruihe Medical Supply Chain Co., Ltd.'));
    otherAccountId = other!.id;
  });
  afterEach(() => {
    server.resetHandlers();
    requests.length = 0;
  });
  afterAll(async () => {
    server.close();
    await database.close();
  });

  /**
   * Answers each chat-completions request with the next scripted step: a completion,
   * sent as JSON or as a stream as the request asks, or a raw response.
   */
  function script(...steps: (CompletionFixture | (() => Response | Promise<Response>))[]) {
    let next = 0;
    server.use(
      http.post(CHAT_COMPLETIONS_URL, async ({ request }) => {
        const body = (await request.json()) as ChatRequestBody;
        requests.push(body);
        const step = steps[Math.min(next, steps.length - 1)] as (typeof steps)[number];
        next += 1;
        if (typeof step === 'function') return step();
        if (!body.stream) return completionResponse(step);
        return completionStream({
          model: step.model,
          deltas: step.content ? [step.content] : [],
          ...(step.toolCalls ? { toolCalls: step.toolCalls } : {}),
        });
      }),
    );
  }

  const chat = async (key: string, message: string, model = providerModel()) => {
    const { app } = createTestApp(database, { chatModel: model });
    const response = await app.request('/v1/chat', {
      method: 'POST',
      headers: { ...bearer(key), ...json },
      body: JSON.stringify({ message }),
    });
    return { response, body: (await response.json()) as ChatBody };
  };

  it('runs the tool the model calls and answers with its result', async () => {
    script(
      {
        model: 'gpt-test',
        toolCalls: [
          {
            id: 'call_1',
            name: 'lookup_policy',
            arguments: '{"product":"C0212040010000910017","region":"Shanghai"}',
          },
        ],
      },
      { model: 'gpt-test', content: 'Shanghai reimburses 70% [1].' },
    );

    const { response, body } = await chat('dw_demo_rep', 'Stapler reimbursement in Shanghai?');
    const toolMessage = requests[1]?.messages.find((message) => message.role === 'tool');

    expect(response.status).toBe(200);
    expect(body.message.text).toBe('Shanghai reimburses 70% [1].');
    expect(body.message.citations.map((citation) => citation.n)).toEqual([1]);
    expect(String(toolMessage?.content)).toContain('"reimbursementRatio"');
    expect(body.fallback).toBe(false);
  });

  it("refuses a customer's request for another account whatever the model asks", async () => {
    script(
      {
        model: 'gpt-test',
        toolCalls: [
          {
            id: 'call_1',
            name: 'get_account_overview',
            arguments: JSON.stringify({ account: otherAccountId }),
          },
        ],
      },
      { model: 'gpt-test', content: 'I cannot share that.' },
    );

    const { body } = await chat('dw_demo_customer', 'Show me Ruihe');
    const toolMessage = String(
      requests[1]?.messages.find((message) => message.role === 'tool')?.content,
    );

    expect(body.toolCalls[0]).toMatchObject({
      name: 'get_account_overview',
      error: 'account_out_of_scope',
    });
    expect(toolMessage).toContain('account_out_of_scope');
    expect(toolMessage).not.toContain('瑞和');
  });

  it('offers a customer no staff tools', async () => {
    script({ model: 'gpt-test', content: 'Hello.' });

    await chat('dw_demo_customer', 'hello');
    const offered = requests[0]?.tools?.map((tool) => tool.function.name).sort();

    expect(offered).toEqual(['get_account_overview', 'lookup_policy', 'search_knowledge']);
  });

  it('streams the answer of a streaming model token by token', async () => {
    script(() => completionStream({ model: 'gpt-test', deltas: ['Hel', 'lo', ' there.'] }));
    const { app } = createTestApp(database, { chatModel: providerModel() });

    const response = await app.request('/v1/chat', {
      method: 'POST',
      headers: { ...bearer('dw_demo_rep'), ...json, accept: 'text/event-stream' },
      body: JSON.stringify({ message: 'hi' }),
    });
    const tokens = [...(await response.text()).matchAll(/^event: token\ndata: (.*)$/gm)].map(
      (match) => (JSON.parse(match[1] as string) as { text: string }).text,
    );

    expect(tokens.join('')).toBe('Hello there.');
  });

  it('retries a 429 once and then answers', async () => {
    script(() => providerFailure(429, { 'retry-after': '0' }), {
      model: 'gpt-test',
      content: 'Done.',
    });

    const { body } = await chat('dw_demo_rep', 'hello');

    expect(requests).toHaveLength(2);
    expect(body).toMatchObject({ model: 'gpt-test', fallback: false });
  });

  it('answers offline when the provider keeps failing', async () => {
    script(() => providerFailure(500));

    const { response, body } = await chat('dw_demo_rep', '上海 C0212040010000910017 报销比例');

    expect(response.status).toBe(200);
    expect(body).toMatchObject({ model: 'dealwise-offline', fallback: true });
    expect(body.message.text).toContain('离线');
  });

  it('answers offline when the provider times out', async () => {
    script(async () => {
      await delay(500);
      return completionResponse({ model: 'gpt-test', content: 'late' });
    });

    const { body } = await chat('dw_demo_rep', 'hello', providerModel(50));

    expect(body).toMatchObject({ model: 'dealwise-offline', fallback: true });
  });

  it('answers offline when the model sends malformed tool arguments', async () => {
    script({
      model: 'gpt-test',
      toolCalls: [{ id: 'call_1', name: 'lookup_policy', arguments: '{"product": "C02' }],
    });

    const { body } = await chat('dw_demo_rep', '上海 C0212040010000910017 报销比例');

    expect(body).toMatchObject({ model: 'dealwise-offline', fallback: true });
  });

  it('records a failed turn with its error and keeps the user message', async () => {
    script(() => providerFailure(500));
    const { app } = createTestApp(database, {
      chatModel: providerModel(),
      offlineModel: () => Promise.reject(new Error('offline model broken')),
    });

    const response = await app.request('/v1/chat', {
      method: 'POST',
      headers: { ...bearer('dw_demo_manager'), ...json },
      body: JSON.stringify({ message: 'Will this be kept?' }),
    });
    const rows = await database.db
      .select({ role: messages.role, status: messages.status, text: messages.text })
      .from(messages)
      .where(eq(messages.text, 'Will this be kept?'));

    expect(response.status).toBe(500);
    expect(rows).toEqual([{ role: 'user', status: 'complete', text: 'Will this be kept?' }]);
  });
});
