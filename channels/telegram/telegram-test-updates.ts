/**
 * Test support: Telegram updates as the Bot API sends them, and webhook requests carrying
 * them. Not used outside tests.
 */
import { TELEGRAM_WEBHOOK_PATH } from './telegram-webhook.ts';

/** The webhook secret tests configure. */
export const TEST_WEBHOOK_SECRET = 'dealwise-test_webhook-secret-0123';

/** When test messages were sent: 2025-10-09T08:53:20Z. */
export const TEST_MESSAGE_DATE = 1_760_000_000;

type Json = Record<string, unknown>;

/** A chat a test message is in; a private chat with the sender when absent. */
export interface TestChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
}

/** A message update: who, where, and the message's own fields. */
export interface MessageUpdateOptions {
  updateId: number;
  from: number;
  chat?: TestChat | undefined;
  /** Fields of the message: text, sticker, reply_to_message... */
  message?: Json | undefined;
}

/** An update carrying a message from a user. */
export function messageUpdate(options: MessageUpdateOptions): Json {
  const chat = options.chat ?? { id: options.from, type: 'private' };
  return {
    update_id: options.updateId,
    message: {
      message_id: options.updateId,
      date: TEST_MESSAGE_DATE,
      chat: chat.type === 'private' ? { ...chat, first_name: 'Rep' } : { title: 'Sales', ...chat },
      from: { id: options.from, is_bot: false, first_name: 'Rep', username: `rep${options.from}` },
      ...options.message,
    },
  };
}

/** A text message update, with the command and mention entities Telegram would add. */
export function textUpdate(
  options: Omit<MessageUpdateOptions, 'message'> & { text: string },
): Json {
  const entities = entitiesOf(options.text);
  const message = { text: options.text, ...(entities.length > 0 ? { entities } : {}) };
  return messageUpdate({ ...options, message });
}

/** An update carrying a press of an inline keyboard button under one of the bot's messages. */
export function buttonUpdate(options: {
  updateId: number;
  from: number;
  data: string;
  chat?: TestChat | undefined;
}): Json {
  const chat = options.chat ?? { id: options.from, type: 'private' };
  return {
    update_id: options.updateId,
    callback_query: {
      id: `callback-${options.updateId}`,
      from: { id: options.from, is_bot: false, first_name: 'Rep', username: `rep${options.from}` },
      chat_instance: `instance-${chat.id}`,
      data: options.data,
      message: {
        message_id: 9_000 + options.updateId,
        date: TEST_MESSAGE_DATE,
        chat,
        text: '确认写入？',
      },
    },
  };
}

/** A POST to the webhook carrying `body` (JSON unless a string) with the secret header. */
export function webhookRequest(body: unknown, options: { secret?: string | null } = {}): Request {
  const secret = options.secret === undefined ? TEST_WEBHOOK_SECRET : options.secret;
  return new Request(`http://localhost${TELEGRAM_WEBHOOK_PATH}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function entitiesOf(text: string): Json[] {
  const entities: Json[] = [];
  const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  if (command) entities.push({ type: 'bot_command', offset: 0, length: command[0].length });
  for (const mention of text.matchAll(/(?<![\w/])@[A-Za-z0-9_]{5,32}/g)) {
    entities.push({ type: 'mention', offset: mention.index, length: mention[0].length });
  }
  return entities;
}
