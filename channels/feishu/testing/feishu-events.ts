/** Feishu event requests for tests: schema 2.0 payloads, encrypted and signed as Feishu does. */
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import type { FeishuConfig } from '../../../lib/channels-config.ts';
import { feishuSignature } from '../feishu-crypto.ts';

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
    header: eventEnvelope(options.eventId, 'im.message.receive_v1', options.token),
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
    header: eventEnvelope(options.eventId, 'card.action.trigger'),
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

export function eventEnvelope(eventId: string, eventType: string, token = VERIFICATION_TOKEN) {
  return {
    event_id: eventId,
    token,
    create_time: '1735689600000',
    event_type: eventType,
    tenant_key: TENANT_KEY,
    app_id: 'cli_test_app',
  };
}
