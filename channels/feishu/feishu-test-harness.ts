/**
 * Test helpers for the Feishu channel: signed and encrypted event requests as Feishu sends
 * them, and a mocked open API (msw) that issues tokens and records the cards Dealwise sends.
 */
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import type { FeishuConfig } from '../../lib/channels-config.ts';
import type { ChannelHarness, HarnessUser, SentMessage } from '../channel-contract.ts';
import { createFeishuChannel } from './feishu-channel.ts';
import { feishuSignature } from './feishu-crypto.ts';

export const API_BASE = 'https://feishu.test';
export const TENANT_KEY = 'tenant-dongpu';
export const BOT_OPEN_ID = 'ou_bot_dealwise';
export const VERIFICATION_TOKEN = 'verification-token-test';
export const ENCRYPT_KEY = 'encrypt-key-test';
export const EVENTS_URL = 'http://dealwise.test/feishu/events';

/** A Feishu app configuration pointed at the mocked API. */
export function testConfig(overrides: Partial<FeishuConfig> = {}): FeishuConfig {
  return {
    appId: 'cli_test_app',
    appSecret: 'app-secret-test',
    verificationToken: VERIFICATION_TOKEN,
    encryptKey: ENCRYPT_KEY,
    domain: 'feishu',
    apiBase: API_BASE,
    ...overrides,
  };
}

/** Encrypts a payload as Feishu does: AES-256-CBC, key SHA256(Encrypt Key), IV prefixed. */
export function encryptPayload(plain: string, encryptKey = ENCRYPT_KEY): string {
  const key = createHash('sha256').update(encryptKey).digest();
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

export interface EventRequestOptions {
  payload: unknown;
  /** Encrypts and signs the body with it; absent sends the payload as plain JSON, unsigned. */
  encryptKey?: string | undefined;
  /** Unix seconds of the signature; now unless given. */
  timestamp?: number;
  /** Sends this raw body instead of the (encrypted) payload, still signed. */
  rawBody?: string;
  /** Leaves the signature headers off. */
  unsigned?: boolean;
}

/** A request to POST /feishu/events, encrypted and signed when an Encrypt Key is given. */
export function eventRequest(options: EventRequestOptions): Request {
  const { encryptKey } = options;
  const plain = JSON.stringify(options.payload);
  const rawBody =
    options.rawBody ??
    (encryptKey ? JSON.stringify({ encrypt: encryptPayload(plain, encryptKey) }) : plain);

  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (encryptKey && !options.unsigned) {
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const nonce = randomBytes(8).toString('hex');
    headers['x-lark-request-timestamp'] = timestamp;
    headers['x-lark-request-nonce'] = nonce;
    headers['x-lark-signature'] = feishuSignature({ timestamp, nonce, encryptKey, rawBody });
  }
  return new Request(EVENTS_URL, { method: 'POST', headers, body: rawBody });
}

export interface MessageEventOptions {
  eventId: string;
  openId: string;
  text?: string;
  messageType?: string;
  /** The raw content JSON text; built from `text` unless given. */
  content?: string;
  chatType?: 'p2p' | 'group';
  chatId?: string;
  messageId?: string;
  rootId?: string;
  threadId?: string;
  mentions?: { key: string; openId: string; name: string }[];
  senderType?: string;
  token?: string;
}

/** An `im.message.receive_v1` payload (schema 2.0). */
export function messageEvent(options: MessageEventOptions): Record<string, unknown> {
  return {
    schema: '2.0',
    header: envelope(options.eventId, 'im.message.receive_v1', options.token),
    event: {
      sender: {
        sender_id: { open_id: options.openId, union_id: `on_${options.openId}` },
        sender_type: options.senderType ?? 'user',
        tenant_key: TENANT_KEY,
      },
      message: {
        message_id: options.messageId ?? `om_${options.eventId}`,
        root_id: options.rootId,
        thread_id: options.threadId,
        create_time: '1735689600000',
        chat_id: options.chatId ?? chatOf(options.openId),
        chat_type: options.chatType ?? 'p2p',
        message_type: options.messageType ?? 'text',
        content: options.content ?? JSON.stringify({ text: options.text ?? '' }),
        mentions: options.mentions?.map((mention) => ({
          key: mention.key,
          id: { open_id: mention.openId, union_id: `on_${mention.openId}` },
          name: mention.name,
          tenant_key: TENANT_KEY,
        })),
      },
    },
  };
}

/** A `card.action.trigger` payload: a press of a Dealwise button. */
export function cardActionEvent(options: {
  eventId: string;
  openId: string;
  value: Record<string, unknown>;
  chatId?: string;
  messageId?: string;
}): Record<string, unknown> {
  return {
    schema: '2.0',
    header: envelope(options.eventId, 'card.action.trigger'),
    event: {
      operator: { tenant_key: TENANT_KEY, open_id: options.openId, union_id: 'on_x' },
      token: 'c-card-update-token',
      action: { value: options.value, tag: 'button' },
      host: 'im_message',
      context: {
        open_message_id: options.messageId ?? `om_card_${options.eventId}`,
        open_chat_id: options.chatId ?? chatOf(options.openId),
      },
    },
  };
}

/** The one-to-one chat of a user with the bot. */
export function chatOf(openId: string): string {
  return `oc_p2p_${openId}`;
}

function envelope(eventId: string, eventType: string, token = VERIFICATION_TOKEN) {
  return {
    event_id: eventId,
    token,
    create_time: '1735689600000',
    event_type: eventType,
    tenant_key: TENANT_KEY,
    app_id: 'cli_test_app',
  };
}

/** A call the mocked API answered: which endpoint, and the parsed body and query. */
export interface RecordedCall {
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown>;
  authorization: string | null;
}

/** The mocked Feishu open API, and what it received. */
export interface FeishuMockApi {
  server: ReturnType<typeof setupServer>;
  /** Cards sent, as the contract reads them. */
  sent(): SentMessage[];
  /** Every send call, oldest first. */
  calls(): RecordedCall[];
  /** How many tenant_access_tokens were issued. */
  tokensIssued(): number;
  /** Revokes the current token, as Feishu does when one is reset. */
  revokeToken(): void;
  failSends(): void;
  reset(): void;
}

/** Starts (when listened on) a mocked Feishu API at `base`. */
export function createFeishuMockApi(base = API_BASE): FeishuMockApi {
  let calls: RecordedCall[] = [];
  let failing = false;
  let issued = 0;
  let validToken = '';

  const record = async (request: Request, path: string) => {
    const authorization = request.headers.get('authorization');
    const body = (await request.json()) as Record<string, unknown>;
    const query = Object.fromEntries(new URL(request.url).searchParams);
    if (authorization !== `Bearer ${validToken}`) {
      return HttpResponse.json({ code: 99991663, msg: 'Invalid access token for authorization.' });
    }
    if (failing) {
      return HttpResponse.json(
        { code: 99991400, msg: 'request trigger frequency limit' },
        { status: 429 },
      );
    }
    calls.push({ path, query, body, authorization });
    return HttpResponse.json({
      code: 0,
      msg: 'success',
      data: { message_id: `om_sent_${calls.length}` },
    });
  };

  const server = setupServer(
    http.post(`${base}/open-apis/auth/v3/tenant_access_token/internal`, async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>;
      if (body.app_id !== 'cli_test_app' || body.app_secret !== 'app-secret-test') {
        return HttpResponse.json({ code: 10014, msg: 'app secret invalid' });
      }
      issued += 1;
      validToken = `t-test-${issued}`;
      return HttpResponse.json({
        code: 0,
        msg: 'ok',
        tenant_access_token: validToken,
        expire: 7200,
      });
    }),
    http.get(`${base}/open-apis/bot/v3/info`, ({ request }) =>
      request.headers.get('authorization') === `Bearer ${validToken}`
        ? HttpResponse.json({
            code: 0,
            msg: 'ok',
            bot: { app_name: 'Dealwise', open_id: BOT_OPEN_ID },
          })
        : HttpResponse.json({ code: 99991663, msg: 'Invalid access token for authorization.' }),
    ),
    http.post(`${base}/open-apis/im/v1/messages`, ({ request }) =>
      record(request, '/open-apis/im/v1/messages'),
    ),
    http.post(`${base}/open-apis/im/v1/messages/:messageId/reply`, ({ request, params }) =>
      record(request, `/open-apis/im/v1/messages/${String(params.messageId)}/reply`),
    ),
  );

  return {
    server,
    sent: () => calls.map(sentMessage),
    calls: () => [...calls],
    tokensIssued: () => issued,
    revokeToken: () => {
      validToken = 'revoked';
    },
    failSends: () => {
      failing = true;
    },
    reset: () => {
      calls = [];
      failing = false;
    },
  };
}

/** A recorded send as the contract reads it: to whom, the card's visible text, the raw body. */
function sentMessage(call: RecordedCall): SentMessage {
  const to = typeof call.body.receive_id === 'string' ? call.body.receive_id : call.path;
  return { to, text: cardText(String(call.body.content)), raw: JSON.stringify(call.body) };
}

/** The text a reader sees on a card: its lark_md blocks, entities decoded. */
export function cardText(content: string): string {
  const card = JSON.parse(content) as { elements: { tag: string; text?: { content: string } }[] };
  return card.elements
    .flatMap((element) => (element.tag === 'div' && element.text ? [element.text.content] : []))
    .join('\n')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

/** The contract harness: encrypted, signed events against the mocked API. */
export function createFeishuHarness(api: FeishuMockApi = createFeishuMockApi()): ChannelHarness {
  const config = testConfig();
  const request = (payload: unknown, timestamp?: number): Request =>
    eventRequest({ payload, encryptKey: ENCRYPT_KEY, timestamp });
  const signedRaw = (rawBody: string): Request =>
    eventRequest({ payload: null, rawBody, encryptKey: ENCRYPT_KEY });
  const text = (options: HarnessUser & { text: string }) =>
    messageEvent({ eventId: options.deliveryId, openId: options.userId, text: options.text });

  return {
    platform: 'feishu',
    createChannel: (dependencies) => createFeishuChannel(config, dependencies),
    textRequest: (options) => request(text(options)),
    attachmentRequest: (options) =>
      request(
        messageEvent({
          eventId: options.deliveryId,
          openId: options.userId,
          messageType: ATTACHMENT_TYPES[options.kind] ?? 'share_chat',
          content: JSON.stringify({ image_key: 'img_v3_x', file_key: 'file_v3_x' }),
        }),
      ),
    buttonRequest: (options) =>
      request(
        cardActionEvent({
          eventId: options.deliveryId,
          openId: options.userId,
          value: { actionId: options.actionId, decision: options.decision },
        }),
      ),
    forge: async (original) => {
      const forged = new Request(original, { body: await original.text() });
      forged.headers.set('x-lark-signature', '0'.repeat(64));
      return forged;
    },
    staleRequest: (options) => request(text(options), Math.floor(Date.now() / 1000) - 301),
    malformedRequests: () => [
      signedRaw('not json'),
      signedRaw('{"encrypt":"bm90IGEgY2lwaGVydGV4dA=="}'),
      signedRaw(JSON.stringify({ encrypt: encryptPayload('not json either') })),
      request({ schema: '2.0', header: { token: VERIFICATION_TOKEN, event_type: 'x' } }),
      request({
        schema: '2.0',
        header: { ...envelope('evt-malformed', 'im.message.receive_v1') },
        event: { sender: {}, message: {} },
      }),
      request(messageEvent({ eventId: 'evt-bad-content', openId: 'ou_x', content: 'not json' })),
      request(
        cardActionEvent({ eventId: 'evt-bad-press', openId: 'ou_x', value: { decision: 'maybe' } }),
      ),
    ],
    attachmentKinds: ['sticker', 'photo', 'voice', 'video', 'file', 'location', 'other'],
    addressOf: (user) => ({
      workspaceId: TENANT_KEY,
      chatId: chatOf(user.userId),
      direct: true,
      messageId: `om_${user.deliveryId}`,
    }),
    maxMessageLength: 4000,
    sent: () => api.sent(),
    failSends: () => api.failSends(),
    reset: () => api.reset(),
    listen: () => api.server.listen({ onUnhandledRequest: 'error' }),
    close: () => api.server.close(),
  };
}

/** The Feishu message type of each attachment kind. */
const ATTACHMENT_TYPES: Record<string, string> = {
  sticker: 'sticker',
  photo: 'image',
  voice: 'audio',
  video: 'media',
  file: 'file',
  location: 'location',
  other: 'share_chat',
};
