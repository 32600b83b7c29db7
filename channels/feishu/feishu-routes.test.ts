import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FeishuConfig } from '../../lib/channels-config.ts';
import { createLogger } from '../../lib/logger.ts';
import type { InboundEvent } from '../../messaging/inbound-event.ts';
import type { Receipt } from '../../messaging/receive-inbound-event.ts';
import type { ChatChannel } from '../chat-channel.ts';
import { createFeishuChannel } from './feishu-channel.ts';
import {
  cardActionEvent,
  ENCRYPT_KEY,
  encryptPayload,
  eventRequest,
  messageEvent,
  testConfig,
  VERIFICATION_TOKEN,
} from './testing/feishu-events.ts';
import { createFeishuMockApi } from './testing/feishu-mock-api.ts';

const api = createFeishuMockApi();
const NOW = new Date('2025-06-02T08:00:00Z');
const NOW_SECONDS = Math.floor(NOW.getTime() / 1000);

let received: InboundEvent[];
let receipt: Receipt;

beforeAll(() => api.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => api.server.resetHandlers());
afterAll(() => api.server.close());
beforeEach(() => {
  received = [];
  receipt = 'accepted';
  api.reset();
});

function channel(overrides: Partial<FeishuConfig> = {}): ChatChannel {
  return createFeishuChannel(testConfig(overrides), {
    logger: createLogger({ level: 'silent' }),
    receive: async (event) => {
      received.push(event);
      return receipt;
    },
    now: () => NOW,
  });
}

const challenge = { challenge: 'ch-7f3a', token: VERIFICATION_TOKEN, type: 'url_verification' };
const hello = (eventId = 'evt-1', text = '东浦医院的预算是多少？') =>
  messageEvent({ eventId, openId: 'ou_rep', text });

async function problemCode(response: Response): Promise<unknown> {
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  return ((await response.json()) as { code: unknown }).code;
}

describe('POST /feishu/events without an Encrypt Key', () => {
  const plain = (payload: unknown) => eventRequest({ payload });

  it('answers url_verification with its challenge', async () => {
    const response = await channel({ encryptKey: undefined }).routes.request(plain(challenge));

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: 'ch-7f3a' });
  });

  it('receives a message with the right Verification Token and acknowledges with {}', async () => {
    const response = await channel({ encryptKey: undefined }).routes.request(plain(hello()));

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect(received.map((event) => event.body)).toEqual([
      { type: 'text', text: '东浦医院的预算是多少？' },
    ]);
  });

  it('rejects a message with a wrong Verification Token', async () => {
    const forged = messageEvent({ eventId: 'evt-2', openId: 'ou_rep', text: 'hi', token: 'guess' });
    const response = await channel({ encryptKey: undefined }).routes.request(plain(forged));

    expect(response.status).toBe(401);
    expect(await problemCode(response)).toBe('feishu_token_invalid');
    expect(received).toEqual([]);
  });

  it('rejects a url_verification with a wrong Verification Token', async () => {
    const forged = { ...challenge, token: 'guess' };
    const response = await channel({ encryptKey: undefined }).routes.request(plain(forged));

    expect(response.status).toBe(401);
  });

  it('rejects an encrypted body and names the variable to set', async () => {
    const body = JSON.stringify({ encrypt: encryptPayload(JSON.stringify(hello())) });
    const request = eventRequest({ payload: null, rawBody: body });
    const response = await channel({ encryptKey: undefined }).routes.request(request);

    expect(response.status).toBe(401);
    expect(await problemCode(response)).toBe('feishu_encrypt_key_missing');
  });

  it('answers a body that is not JSON with a 400', async () => {
    const request = eventRequest({ payload: null, rawBody: '{"schema":' });
    const response = await channel({ encryptKey: undefined }).routes.request(request);

    expect(response.status).toBe(400);
    expect(await problemCode(response)).toBe('feishu_payload_malformed');
  });
});

describe('POST /feishu/events with an Encrypt Key', () => {
  const signed = (payload: unknown, timestamp = NOW_SECONDS) =>
    eventRequest({ payload, encryptKey: ENCRYPT_KEY, timestamp });

  it('answers an encrypted, unsigned url_verification with its challenge', async () => {
    const request = eventRequest({ payload: challenge, encryptKey: ENCRYPT_KEY, unsigned: true });
    const response = await channel().routes.request(request);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: 'ch-7f3a' });
  });

  it('answers a signed url_verification with its challenge too', async () => {
    const response = await channel().routes.request(signed(challenge));

    expect(await response.json()).toEqual({ challenge: 'ch-7f3a' });
  });

  it('rejects an encrypted url_verification with a wrong Verification Token', async () => {
    const request = eventRequest({
      payload: { ...challenge, token: 'guess' },
      encryptKey: ENCRYPT_KEY,
      unsigned: true,
    });
    const response = await channel().routes.request(request);

    expect(response.status).toBe(401);
    expect(await problemCode(response)).toBe('feishu_token_invalid');
  });

  it('rejects an unsigned event even when it decrypts', async () => {
    const request = eventRequest({ payload: hello(), encryptKey: ENCRYPT_KEY, unsigned: true });
    const response = await channel().routes.request(request);

    expect(response.status).toBe(401);
    expect(await problemCode(response)).toBe('feishu_signature_missing');
    expect(received).toEqual([]);
  });

  it('rejects a signature made with another Encrypt Key', async () => {
    const request = eventRequest({
      payload: hello(),
      encryptKey: 'another-key',
      timestamp: NOW_SECONDS,
    });
    const response = await channel().routes.request(request);

    expect(response.status).toBe(401);
    expect(await problemCode(response)).toBe('feishu_signature_invalid');
  });

  it('rejects a body changed after signing', async () => {
    const original = signed(hello());
    const headers = new Headers(original.headers);
    const tampered = new Request(original.url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ encrypt: encryptPayload(JSON.stringify(hello('evt-9', '改过的'))) }),
    });
    const response = await channel().routes.request(tampered);

    expect(response.status).toBe(401);
    expect(received).toEqual([]);
  });

  it.each([
    ['more than five minutes old', NOW_SECONDS - 301],
    ['more than five minutes ahead', NOW_SECONDS + 301],
  ])('rejects a timestamp %s', async (_label, timestamp) => {
    const response = await channel().routes.request(signed(hello(), timestamp));

    expect(response.status).toBe(401);
    expect(await problemCode(response)).toBe('feishu_timestamp_stale');
  });

  it('accepts a timestamp just inside the window', async () => {
    const response = await channel().routes.request(signed(hello(), NOW_SECONDS - 299));

    expect(response.status).toBe(200);
    expect(received).toHaveLength(1);
  });

  it('rejects a signed, decryptable event with a wrong Verification Token', async () => {
    const forged = messageEvent({ eventId: 'evt-3', openId: 'ou_rep', text: 'hi', token: 'guess' });
    const response = await channel().routes.request(signed(forged));

    expect(response.status).toBe(401);
    expect(await problemCode(response)).toBe('feishu_token_invalid');
  });

  it.each([
    ['is not Base64', '{"encrypt":"***"}'],
    ['was encrypted with another key', JSON.stringify({ encrypt: encryptPayload('{}', 'other') })],
    ['is too short for an IV and a block', '{"encrypt":"AAAAAAAAAAAAAAAAAAAAAA=="}'],
  ])('answers a signed ciphertext that %s with a 400', async (_label, rawBody) => {
    const request = eventRequest({
      payload: null,
      rawBody,
      encryptKey: ENCRYPT_KEY,
      timestamp: NOW_SECONDS,
    });
    const response = await channel().routes.request(request);

    expect(response.status).toBe(400);
    expect(await problemCode(response)).toBe('feishu_payload_malformed');
  });

  it('answers a message event missing its message with a 400', async () => {
    const payload = { ...hello(), event: { sender: { sender_id: { open_id: 'ou_rep' } } } };
    const response = await channel().routes.request(signed(payload));

    expect(response.status).toBe(400);
    expect(await problemCode(response)).toBe('feishu_event_malformed');
  });

  it('acknowledges only after the event is stored', async () => {
    let store: ((receipt: Receipt) => void) | undefined;
    const slow = createFeishuChannel(testConfig(), {
      logger: createLogger({ level: 'silent' }),
      receive: () => new Promise<Receipt>((resolve) => (store = resolve)),
      now: () => NOW,
    });
    let answered = false;
    const pending = Promise.resolve(slow.routes.request(signed(hello()))).then((response) => {
      answered = true;
      return response;
    });

    await vi.waitFor(() => expect(store).not.toBe(undefined));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answered).toBe(false);
    store?.('accepted');
    expect((await pending).status).toBe(200);
  });

  it('acknowledges a redelivered event with 200 and no toast', async () => {
    receipt = 'duplicate';
    const press = cardActionEvent({
      eventId: 'evt-press-1',
      openId: 'ou_rep',
      value: { actionId: 'act-1', decision: 'confirm' },
    });
    const response = await channel().routes.request(signed(press));

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
  });

  it('answers a stored button press with a toast', async () => {
    const press = cardActionEvent({
      eventId: 'evt-press-2',
      openId: 'ou_rep',
      value: { actionId: 'act-1', decision: 'cancel' },
    });
    const response = await channel().routes.request(signed(press));

    expect(await response.json()).toMatchObject({ toast: { type: 'info' } });
    expect(received[0]?.body).toEqual({ type: 'action', actionId: 'act-1', decision: 'cancel' });
  });

  it('acknowledges an event type it does not handle and stores nothing', async () => {
    const message = hello();
    const header = { ...(message.header as object), event_type: 'im.chat.member.bot.added_v1' };
    const payload = { ...message, header };
    const response = await channel().routes.request(signed(payload));

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect(received).toEqual([]);
  });

  it('answers a body over 1 MB with a 413', async () => {
    const rawBody = JSON.stringify({ encrypt: 'A'.repeat(1024 * 1024) });
    const request = eventRequest({
      payload: null,
      rawBody,
      encryptKey: ENCRYPT_KEY,
      timestamp: NOW_SECONDS,
    });
    const response = await channel().routes.request(request);

    expect(response.status).toBe(413);
  });
});
