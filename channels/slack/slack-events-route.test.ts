import { beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/logger.ts';
import type { InboundEvent } from '../../messaging/inbound-event.ts';
import type { Receipt } from '../../messaging/receive-inbound-event.ts';
import type { ChatChannel } from '../chat-channel.ts';
import { createSlackChannel } from './slack-channel.ts';
import { TEST_SLACK_CONFIG } from './testing/slack-harness.ts';
import {
  buttonPayload,
  commandRequest,
  directMessage,
  eventRequest,
  interactionRequest,
  mention,
  signedRequest,
  TEST_BOT_USER_ID,
  TEST_SIGNING_SECRET,
} from './testing/slack-requests.ts';

const logger = createLogger({ level: 'silent' });
const JSON_TYPE = 'application/json';

let received: InboundEvent[];
let receive: (event: InboundEvent) => Promise<Receipt>;
let channel: ChatChannel;

function createChannel(overrides: Partial<typeof TEST_SLACK_CONFIG> = {}): ChatChannel {
  return createSlackChannel(
    { ...TEST_SLACK_CONFIG, ...overrides },
    { logger, receive: (event) => receive(event) },
  );
}

beforeEach(() => {
  received = [];
  receive = async (event) => {
    received.push(event);
    return 'accepted';
  };
  channel = createChannel();
});

describe('POST /slack/events: verification', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const body = JSON.stringify({ type: 'event_callback', event_id: 'Ev1', team_id: 'T1' });
  const cases: [string, () => Request, string][] = [
    [
      'a request without X-Slack-Signature',
      () => withoutHeader(signed(body), 'x-slack-signature'),
      'slack_signature_missing',
    ],
    [
      'a request without X-Slack-Request-Timestamp',
      () => withoutHeader(signed(body), 'x-slack-request-timestamp'),
      'slack_signature_missing',
    ],
    [
      'a timestamp that is not whole seconds',
      () => signed(body, { headers: { 'x-slack-request-timestamp': '1.7e9' } }),
      'slack_timestamp_invalid',
    ],
    [
      'a request signed six minutes ago',
      () => signed(body, { timestamp: now() - 360 }),
      'slack_timestamp_stale',
    ],
    [
      'a request signed six minutes ahead',
      () => signed(body, { timestamp: now() + 360 }),
      'slack_timestamp_stale',
    ],
    [
      'a request signed with another secret',
      () => signed(body, { signingSecret: 'another-secret' }),
      'slack_signature_invalid',
    ],
    [
      'a body changed after signing',
      () => replaceBody(signed(body), body.replace('Ev1', 'Ev2')),
      'slack_signature_invalid',
    ],
  ];

  it.each(cases)('rejects %s with a 401 before reading it', async (_, build, code) => {
    const response = await channel.routes.request(build());

    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(((await response.json()) as { code: string }).code).toBe(code);
    expect(received).toHaveLength(0);
  });

  it('checks the signature before the body, so a forged malformed body is a 401', async () => {
    const forged = signed('{not json', { signingSecret: 'another-secret' });

    expect((await channel.routes.request(forged)).status).toBe(401);
  });

  it('answers 404 when Slack is configured for Socket Mode only', async () => {
    const socketOnly = createChannel({ signingSecret: undefined, appToken: 'xapp-1' });
    const response = await socketOnly.routes.request(signed(body));

    expect(response.status).toBe(404);
    expect(((await response.json()) as { code: string }).code).toBe('slack_http_events_off');
  });

  it('refuses a body over one megabyte with a 413', async () => {
    const response = await channel.routes.request(signed(`"${'x'.repeat(1024 * 1024)}"`));

    expect(response.status).toBe(413);
  });

  it('tells Slack not to retry a malformed payload', async () => {
    const response = await channel.routes.request(signed('{"type":"event_callback"}'));

    expect(response.status).toBe(400);
    expect(response.headers.get('x-slack-no-retry')).toBe('1');
  });
});

describe('createSlackChannel', () => {
  it('describes how it receives for the start-up log', () => {
    const both = createChannel({ appToken: 'xapp-1' });

    expect(channel.receiving).toBe('HTTP events at POST /slack/events');
    expect(both.receiving).toBe('HTTP events at POST /slack/events and Socket Mode');
    expect(channel.start).toBeUndefined();
    expect(both.start).toBeTypeOf('function');
  });
});

describe('POST /slack/events: acknowledgements', () => {
  it("answers Slack's URL verification with the challenge", async () => {
    const request = signed(JSON.stringify({ type: 'url_verification', challenge: 'c-123' }));
    const response = await channel.routes.request(request);

    expect(await response.json()).toEqual({ challenge: 'c-123' });
  });

  it('acknowledges only after the event is stored', async () => {
    let store: (receipt: Receipt) => void = () => {};
    receive = () =>
      new Promise((resolve) => {
        store = resolve;
      });
    let answered = false;

    const response = Promise.resolve(channel.routes.request(dm('Ev-slow', 'hello'))).then(
      (value) => {
        answered = true;
        return value;
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);

    store('accepted');
    expect((await response).status).toBe(200);
  });

  it('answers 500 without X-Slack-No-Retry when the event cannot be stored', async () => {
    receive = async () => {
      throw new Error('database unavailable');
    };
    const response = await channel.routes.request(dm('Ev-fail', 'hello'));

    expect(response.status).toBe(500);
    expect(response.headers.get('x-slack-no-retry')).toBeNull();
  });

  it('gives a redelivery the same dedupe key as the first delivery', async () => {
    const first = dm('Ev-retry', 'hello');
    const retry = dm('Ev-retry', 'hello', { 'x-slack-retry-num': '1' });
    await channel.routes.request(first);
    const response = await channel.routes.request(retry);

    expect(response.status).toBe(200);
    expect(received.map((event) => event.dedupeKey)).toEqual(['slack:Ev-retry', 'slack:Ev-retry']);
  });

  it('acknowledges rate-limit notices, SSL checks and other interactions untouched', async () => {
    const requests = [
      signed(JSON.stringify({ type: 'app_rate_limited', team_id: 'T1', minute_rate_limited: 1 })),
      signed('ssl_check=1&token=legacy', { contentType: 'application/x-www-form-urlencoded' }),
      interactionRequest({ type: 'view_closed', user: { id: 'U1' } }),
    ];

    for (const request of requests) {
      expect((await channel.routes.request(request)).status).toBe(200);
    }
    expect(received).toHaveLength(0);
  });
});

describe('POST /slack/events: what is received', () => {
  it('receives a direct message, addressed to the direct chat', async () => {
    await channel.routes.request(dm('Ev-dm', '东浦医院的预算是多少？'));

    expect(received[0]).toMatchObject({
      platform: 'slack',
      dedupeKey: 'slack:Ev-dm',
      sender: { workspaceId: 'T0DEALWISE', userId: 'U0REP' },
      address: { workspaceId: 'T0DEALWISE', chatId: 'DU0REP', direct: true },
      body: { type: 'text', text: '东浦医院的预算是多少？' },
    });
    expect(received[0]?.address.threadId).toBeUndefined();
  });

  it('receives a mention without the bot, to be answered in a new thread under it', async () => {
    const event = mention({
      userId: 'U0REP',
      text: `<@${TEST_BOT_USER_ID}> What is new at Dongpu?`,
      ts: '1735689600.000200',
    });
    await channel.routes.request(eventRequest({ eventId: 'Ev-mention', event }));

    expect(received[0]).toMatchObject({
      address: { chatId: 'C0SALES', threadId: '1735689600.000200', direct: false },
      body: { type: 'text', text: 'What is new at Dongpu?' },
    });
  });

  it('receives a mention inside a thread, to be answered in that thread', async () => {
    const event = mention({
      userId: 'U0REP',
      text: `<@${TEST_BOT_USER_ID}> 继续`,
      ts: '1735689700.000900',
      threadTs: '1735689600.000200',
    });
    await channel.routes.request(eventRequest({ eventId: 'Ev-thread', event }));

    expect(received[0]?.address.threadId).toBe('1735689600.000200');
  });

  it("ignores the bot's own messages, other bots, edits, deletions, joins and channels", async () => {
    const ignored = [
      directMessage({ userId: TEST_BOT_USER_ID, text: 'my own reply' }),
      directMessage({ userId: 'U0OTHER', text: 'a bot', extra: { bot_id: 'B0OTHER' } }),
      directMessage({ userId: 'U0REP', text: 'edited', extra: { subtype: 'message_changed' } }),
      directMessage({ userId: 'U0REP', text: '', extra: { subtype: 'message_deleted' } }),
      directMessage({ userId: 'U0REP', text: 'joined', extra: { subtype: 'channel_join' } }),
      directMessage({ userId: 'U0REP', text: 'in a channel', extra: { channel_type: 'channel' } }),
      { ...mention({ userId: 'U0OTHER', text: `<@${TEST_BOT_USER_ID}> hi` }), bot_id: 'B0X' },
      { type: 'reaction_added', user: 'U0REP', reaction: 'thumbsup' },
    ];

    for (const [index, event] of ignored.entries()) {
      const response = await channel.routes.request(
        eventRequest({ eventId: `Ev-i${index}`, event }),
      );
      expect(response.status).toBe(200);
    }
    expect(received).toHaveLength(0);
  });

  it('acknowledges a slash command with an ephemeral note and receives its command', async () => {
    const request = commandRequest({ userId: 'U0REP', text: 'pitch 东浦医院', triggerId: 'tr-1' });
    const response = await channel.routes.request(request);

    expect(await response.json()).toEqual({
      response_type: 'ephemeral',
      text: 'Working on it… 正在处理…',
    });
    expect(received[0]).toMatchObject({
      dedupeKey: 'slack:command:tr-1',
      address: { chatId: 'DU0REP', direct: true },
      body: { type: 'command', command: 'pitch', argument: '东浦医院' },
    });
  });

  it('receives a press of a Dealwise button as an action in the button’s thread', async () => {
    const payload = buttonPayload({
      userId: 'U0REP',
      actionId: 'act-1',
      decision: 'cancel',
      triggerId: 'tr-2',
      channelId: 'C0SALES',
      threadTs: '1735689600.000200',
    });
    const response = await channel.routes.request(interactionRequest(payload));

    expect(response.status).toBe(200);
    expect(received[0]).toMatchObject({
      dedupeKey: 'slack:action:tr-2',
      address: { chatId: 'C0SALES', threadId: '1735689600.000200', direct: false },
      body: { type: 'action', actionId: 'act-1', decision: 'cancel' },
    });
  });

  it('acknowledges a press of a button that is not Dealwise’s without receiving it', async () => {
    const payload = buttonPayload({
      userId: 'U0REP',
      actionId: 'x',
      decision: 'confirm',
      triggerId: 'tr-3',
    });
    const other = { ...payload, actions: [{ action_id: 'other_app_button', value: 'v' }] };

    expect((await channel.routes.request(interactionRequest(other))).status).toBe(200);
    expect(received).toHaveLength(0);
  });
});

function dm(eventId: string, text: string, headers: Record<string, string> = {}): Request {
  const request = eventRequest({ eventId, event: directMessage({ userId: 'U0REP', text }) });
  for (const [name, value] of Object.entries(headers)) request.headers.set(name, value);
  return request;
}

function signed(
  body: string,
  options: {
    timestamp?: number;
    signingSecret?: string;
    headers?: Record<string, string>;
    contentType?: string;
  } = {},
): Request {
  return signedRequest({
    body,
    contentType: options.contentType ?? JSON_TYPE,
    timestamp: options.timestamp,
    signingSecret: options.signingSecret ?? TEST_SIGNING_SECRET,
    headers: options.headers,
  });
}

function withoutHeader(request: Request, name: string): Request {
  const headers = new Headers(request.headers);
  headers.delete(name);
  return new Request(request, { headers });
}

function replaceBody(request: Request, body: string): Request {
  return new Request(request.url, { method: 'POST', headers: request.headers, body });
}
