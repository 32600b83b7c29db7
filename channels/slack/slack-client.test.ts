import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RemoteServiceError } from '../../lib/errors.ts';
import { createLogger } from '../../lib/logger.ts';
import type { ChannelClient } from '../../messaging/channel-client.ts';
import { textReply } from '../../messaging/reply-message.ts';
import { createSlackBoltApp } from './slack-bolt-app.ts';
import { createSlackClient } from './slack-client.ts';
import { TEST_SLACK_CONFIG } from './testing/slack-harness.ts';
import { TEST_API_URL, TEST_BOT_TOKEN } from './testing/slack-requests.ts';

const server = setupServer();
const logger = createLogger({ level: 'silent' });
const address = {
  workspaceId: 'T1',
  chatId: 'C0SALES',
  threadId: '1735689600.000200',
  direct: false,
};

let calls: { method: string; form: URLSearchParams; authorization: string | null }[] = [];

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  calls = [];
});
afterAll(() => server.close());

function client(apiUrl = TEST_API_URL): ChannelClient {
  const { app } = createSlackBoltApp({ ...TEST_SLACK_CONFIG, apiUrl }, logger);
  return createSlackClient({ web: app.client, botToken: TEST_BOT_TOKEN, logger });
}

function answer(method: string, respond: () => Response) {
  return http.post(`${TEST_API_URL}${method}`, async ({ request }) => {
    calls.push({
      method,
      form: new URLSearchParams(await request.text()),
      authorization: request.headers.get('authorization'),
    });
    return respond();
  });
}

async function errorOf(run: () => Promise<unknown>): Promise<RemoteServiceError | undefined> {
  try {
    await run();
  } catch (error) {
    if (error instanceof RemoteServiceError) return error;
    throw error;
  }
  return undefined;
}

const ok = () => HttpResponse.json({ ok: true, channel: 'C0SALES', ts: '1.1' });

describe('createSlackClient', () => {
  it('posts a reply in the thread with the bot token, text and blocks', async () => {
    server.use(answer('chat.postMessage', ok));
    await client().reply(address, textReply('**预算**已批复 [1]'));

    const [call] = calls;
    expect(call?.form.get('channel')).toBe('C0SALES');
    expect(call?.form.get('thread_ts')).toBe('1735689600.000200');
    expect(call?.form.get('text')).toBe('*预算*已批复 [1]');
    expect(JSON.parse(call?.form.get('blocks') ?? '[]')).toHaveLength(1);
    expect(`${call?.authorization} ${call?.form.get('token')}`).toContain(TEST_BOT_TOKEN);
  });

  it('posts a reply to a direct chat without a thread', async () => {
    server.use(answer('chat.postMessage', ok));
    await client().reply({ workspaceId: 'T1', chatId: 'D1', direct: true }, textReply('hi'));

    expect(calls[0]?.form.has('thread_ts')).toBe(false);
  });

  it('opens the direct chat before a proactive message', async () => {
    server.use(
      answer('conversations.open', () => HttpResponse.json({ ok: true, channel: { id: 'D0REP' } })),
      answer('chat.postMessage', ok),
    );
    await client().sendDirect({ workspaceId: 'T1', userId: 'U0REP' }, textReply('提醒 Follow up'));

    expect(calls.map((call) => call.method)).toEqual(['conversations.open', 'chat.postMessage']);
    expect(calls[0]?.form.get('users')).toBe('U0REP');
    expect(calls[1]?.form.get('channel')).toBe('D0REP');
  });

  it('honours an API URL given without a trailing slash', async () => {
    server.use(answer('chat.postMessage', ok));
    await client(TEST_API_URL.replace(/\/$/, '')).reply(address, textReply('hi'));

    expect(calls).toHaveLength(1);
  });

  it("reports Slack's refusal as a RemoteServiceError naming Slack's error", async () => {
    server.use(
      answer('chat.postMessage', () => HttpResponse.json({ ok: false, error: 'not_in_channel' })),
    );
    const error = await errorOf(() => client().reply(address, textReply('hi')));

    expect(error?.code).toBe('slack_api_failed');
    expect(error?.details).toEqual({ method: 'chat.postMessage', reason: 'not_in_channel' });
  });

  it('fails at once on a server error, leaving retries to the job queue', async () => {
    server.use(answer('chat.postMessage', () => new HttpResponse('down', { status: 503 })));
    const error = await errorOf(() => client().reply(address, textReply('hi')));

    expect(error?.details?.reason).toBe('http_503');
    expect(calls).toHaveLength(1);
  });

  it('fails at once when rate limited', async () => {
    server.use(
      answer(
        'chat.postMessage',
        () => new HttpResponse(null, { status: 429, headers: { 'retry-after': '30' } }),
      ),
    );
    const error = await errorOf(() => client().reply(address, textReply('hi')));

    expect(error?.details?.reason).toBe('rate_limited (30s)');
    expect(calls).toHaveLength(1);
  });

  it('reports a network failure as a RemoteServiceError', async () => {
    server.use(http.post(`${TEST_API_URL}chat.postMessage`, () => HttpResponse.error()));
    const error = await errorOf(() => client().reply(address, textReply('hi')));

    expect(error?.details?.reason).toBe('request_failed');
  });

  it('fails a proactive message when Slack opens no direct chat', async () => {
    server.use(answer('conversations.open', () => HttpResponse.json({ ok: true })));
    const error = await errorOf(() =>
      client().sendDirect({ workspaceId: 'T1', userId: 'U0REP' }, textReply('hi')),
    );

    expect(error?.details?.reason).toBe('no_channel_returned');
  });

  describe('where the bot is not a member', () => {
    const RESPONSE_URL = 'https://hooks.slack.com/commands/T1/42/secret';
    const commandAddress = { workspaceId: 'T1', chatId: 'C0OTHER', direct: false };
    let posted: Record<string, unknown>[] = [];
    const responseUrl = (respond: () => Response = () => new HttpResponse('ok')) =>
      http.post(RESPONSE_URL, async ({ request }) => {
        posted.push((await request.json()) as Record<string, unknown>);
        return respond();
      });
    const refuse = (error: string) =>
      answer('chat.postMessage', () => HttpResponse.json({ ok: false, error }));
    afterEach(() => {
      posted = [];
    });

    it('answers a command through its response URL, to the asker alone', async () => {
      server.use(refuse('not_in_channel'), responseUrl());
      await client().reply({ ...commandAddress, replyUrl: RESPONSE_URL }, textReply('**预算** ok'));

      expect(posted).toEqual([
        expect.objectContaining({
          response_type: 'ephemeral',
          replace_original: false,
          text: '*预算* ok',
        }),
      ]);
    });

    it('does not use the response URL for any other refusal', async () => {
      server.use(refuse('ratelimited'), responseUrl());
      const error = await errorOf(() =>
        client().reply({ ...commandAddress, replyUrl: RESPONSE_URL }, textReply('hi')),
      );

      expect(error?.details?.reason).toBe('ratelimited');
      expect(posted).toEqual([]);
    });

    it('reports an expired response URL as a RemoteServiceError', async () => {
      server.use(
        refuse('channel_not_found'),
        responseUrl(() => new HttpResponse('expired_url', { status: 404 })),
      );
      const error = await errorOf(() =>
        client().reply({ ...commandAddress, replyUrl: RESPONSE_URL }, textReply('hi')),
      );

      expect(error?.details).toEqual({ method: 'response_url', reason: 'http_404: expired_url' });
    });
  });
});
