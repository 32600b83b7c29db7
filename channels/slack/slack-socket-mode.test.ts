import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/logger.ts';
import type { InboundEvent } from '../../messaging/inbound-event.ts';
import type { Receipt } from '../../messaging/receive-inbound-event.ts';
import type { ChatChannel } from '../chat-channel.ts';
import { createSlackChannel } from './slack-channel.ts';
import {
  type FakeSocketModeServer,
  startFakeSocketModeServer,
} from './testing/fake-socket-mode-server.ts';
import { createSlackApiMock } from './testing/slack-api-mock.ts';
import { TEST_SLACK_CONFIG } from './testing/slack-harness.ts';
import { directMessage, eventEnvelope, TEST_APP_TOKEN } from './testing/slack-requests.ts';

const api = createSlackApiMock();
const logger = createLogger({ level: 'silent' });
let socket: FakeSocketModeServer;
let channel: ChatChannel;
let received: InboundEvent[];
let receive: (event: InboundEvent) => Promise<Receipt>;

beforeAll(async () => {
  socket = await startFakeSocketModeServer();
  api.setSocketUrl(socket.url);
  api.listen();
  channel = createSlackChannel(
    { ...TEST_SLACK_CONFIG, signingSecret: undefined, appToken: TEST_APP_TOKEN },
    { logger, receive: (event) => receive(event) },
  );
  await channel.start?.();
  await socket.connected();
});

afterAll(async () => {
  await socket?.close();
  api.close();
});

beforeEach(() => {
  received = [];
  receive = async (event) => {
    received.push(event);
    return 'accepted';
  };
});

afterEach(() => api.reset());

let envelopes = 0;

function sendEvent(event: Record<string, unknown>, payload?: Record<string, unknown>): string {
  envelopes += 1;
  const id = `env-${envelopes}`;
  socket.send({
    envelope_id: id,
    type: 'events_api',
    payload: payload ?? eventEnvelope({ eventId: `Ev-socket-${envelopes}`, event }),
    accepts_response_payload: false,
    retry_attempt: 0,
    retry_reason: '',
  });
  return id;
}

describe('Slack over Socket Mode', () => {
  it('describes itself as Socket Mode and keeps the HTTP route off', async () => {
    expect(channel.receiving).toBe('Socket Mode');
  });

  it('receives a direct message and then acknowledges its envelope', async () => {
    const id = sendEvent(directMessage({ userId: 'U0REP', text: '东浦医院有什么新动态？' }));

    expect(await socket.waitForAck(id)).toEqual({ envelope_id: id, payload: {} });
    expect(received[0]).toMatchObject({
      dedupeKey: expect.stringMatching(/^slack:Ev-socket-/),
      body: { type: 'text', text: '东浦医院有什么新动态？' },
    });
  });

  it('acknowledges only after the event is stored', async () => {
    let store: (receipt: Receipt) => void = () => {};
    receive = () =>
      new Promise((resolve) => {
        store = resolve;
      });
    const id = sendEvent(directMessage({ userId: 'U0REP', text: 'hello' }));

    expect(await socket.waitForAck(id, 200)).toBeUndefined();
    store('accepted');
    expect(await socket.waitForAck(id)).toBeDefined();
  });

  it('leaves an envelope unacknowledged when the event cannot be stored', async () => {
    receive = async () => {
      throw new Error('database unavailable');
    };
    const id = sendEvent(directMessage({ userId: 'U0REP', text: 'hello' }));

    expect(await socket.waitForAck(id, 300)).toBeUndefined();
  });

  it('acknowledges and drops a malformed envelope', async () => {
    const id = sendEvent({}, { type: 'event_callback', team_id: 'T1', event: { type: 'message' } });

    expect(await socket.waitForAck(id)).toBeDefined();
    expect(received).toHaveLength(0);
  });

  it('answers a slash command with the ephemeral acknowledgement', async () => {
    socket.send({
      envelope_id: 'env-command',
      type: 'slash_commands',
      payload: {
        command: '/dealwise',
        text: 'score 东浦医院',
        team_id: 'T0DEALWISE',
        user_id: 'U0REP',
        channel_id: 'C0SALES',
        channel_name: 'sales',
        trigger_id: 'tr-socket-1',
      },
      accepts_response_payload: true,
    });

    expect((await socket.waitForAck('env-command'))?.payload).toEqual({
      response_type: 'ephemeral',
      text: 'Working on it… 正在处理…',
    });
    expect(received[0]?.body).toEqual({ type: 'command', command: 'score', argument: '东浦医院' });
  });

  it('closes the connection on stop', async () => {
    await channel.stop?.();

    await socket.disconnected();
    expect(socket.acks().length).toBeGreaterThan(0);
  });
});
