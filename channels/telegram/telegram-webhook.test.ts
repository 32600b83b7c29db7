import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/logger.ts';
import type { InboundEvent } from '../../messaging/inbound-event.ts';
import type { Receipt } from '../../messaging/receive-inbound-event.ts';
import type { ChannelDependencies, ChatChannel } from '../chat-channel.ts';
import {
  createTelegramApiMock,
  TEST_API_ROOT,
  TEST_BOT_INFO,
  TEST_BOT_TOKEN,
} from './telegram-api-mock.ts';
import { createTelegramChannel, type TelegramChannelOptions } from './telegram-channel.ts';
import {
  buttonUpdate,
  messageUpdate,
  TEST_WEBHOOK_SECRET,
  textUpdate,
  webhookRequest,
} from './telegram-test-updates.ts';

const mock = createTelegramApiMock();
const GROUP = { id: -100_200_300, type: 'supergroup' as const };
const REP = 4242;

beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.reset());
afterAll(() => mock.server.close());

/** A channel whose `receive` records events, or runs `receive` when given. */
function webhookChannel(
  options: {
    receive?: (event: InboundEvent) => Promise<Receipt>;
    webhookSecret?: string | undefined;
    webhookUrl?: string;
  } & TelegramChannelOptions = {},
): { channel: ChatChannel; received: InboundEvent[] } {
  const received: InboundEvent[] = [];
  const dependencies: ChannelDependencies = {
    logger: createLogger({ level: 'silent' }),
    receive: async (event) => {
      received.push(event);
      return options.receive ? options.receive(event) : 'accepted';
    },
  };
  const webhookSecret = 'webhookSecret' in options ? options.webhookSecret : TEST_WEBHOOK_SECRET;
  const config = {
    botToken: TEST_BOT_TOKEN,
    webhookSecret,
    webhookUrl: options.webhookUrl,
    apiRoot: TEST_API_ROOT,
  };
  return { channel: createTelegramChannel(config, dependencies, options), received };
}

const hello = (updateId = 1) => textUpdate({ updateId, from: REP, text: '你好 hello' });

describe('Telegram webhook authentication', () => {
  it('rejects a request without the secret header before reading it', async () => {
    const { channel, received } = webhookChannel();

    const response = await channel.routes.request(webhookRequest(hello(), { secret: null }));

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'telegram_secret_missing' });
    expect(received).toEqual([]);
    expect(mock.calls()).toEqual([]);
  });

  it('rejects a wrong secret with a 401 problem document', async () => {
    const { channel, received } = webhookChannel();

    const response = await channel.routes.request(
      webhookRequest(hello(), { secret: `${TEST_WEBHOOK_SECRET}x` }),
    );

    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ code: 'telegram_secret_invalid' });
    expect(received).toEqual([]);
  });

  it('checks the secret before the body: a forged malformed body gets a 401, not a 400', async () => {
    const { channel } = webhookChannel();

    const response = await channel.routes.request(webhookRequest('{not json', { secret: 'wrong' }));

    expect(response.status).toBe(401);
  });

  it('refuses a body over 1 MB with a 413', async () => {
    const { channel, received } = webhookChannel();
    const huge = textUpdate({ updateId: 1, from: REP, text: '长'.repeat(400_000) });

    const response = await channel.routes.request(webhookRequest(huge));

    expect(response.status).toBe(413);
    expect(received).toEqual([]);
  });

  it('has no webhook route without a secret, so nothing unauthenticated is accepted', async () => {
    const { channel, received } = webhookChannel({ webhookSecret: undefined });

    const response = await channel.routes.request(webhookRequest(hello(), { secret: null }));

    expect(response.status).toBe(404);
    expect(received).toEqual([]);
    expect(channel.receiving).toMatch(/long polling/);
  });

  it('registers its webhook URL with Telegram at start, with the secret', async () => {
    const webhookUrl = 'https://sales.example.com/telegram/webhook';
    const { channel } = webhookChannel({ webhookUrl });

    await channel.start?.();

    expect(mock.calls('setWebhook')).toEqual([
      {
        method: 'setWebhook',
        body: {
          url: webhookUrl,
          secret_token: TEST_WEBHOOK_SECRET,
          allowed_updates: ['message', 'callback_query'],
        },
      },
    ]);
  });

  it('starts anyway when Telegram refuses the webhook URL, and says so', async () => {
    mock.answer('setWebhook', { errorCode: 400, description: 'Bad Request: bad webhook' });
    const { channel } = webhookChannel({ webhookUrl: 'https://unreachable.example/hook' });

    const started = await channel.start?.().then(() => 'started');

    expect(started).toBe('started');
    expect(mock.calls('setWebhook')).toHaveLength(1);
  });

  it('leaves the webhook alone without a URL to register', async () => {
    const { channel } = webhookChannel({});

    await channel.start?.();

    expect(mock.calls('setWebhook')).toEqual([]);
  });

  it('refuses to start with a secret Telegram would not accept', () => {
    expect(() => webhookChannel({ webhookSecret: 'has spaces in it' })).toThrow(
      /secret token must be/,
    );
  });
});

describe('Telegram webhook receiving', () => {
  it('asks Telegram nothing when built, and getMe once for many updates', async () => {
    const { channel, received } = webhookChannel();
    expect(mock.calls()).toEqual([]);

    await channel.routes.request(webhookRequest(hello(1)));
    await channel.routes.request(webhookRequest(hello(2)));

    expect(mock.calls('getMe')).toHaveLength(1);
    expect(received.map((event) => event.dedupeKey)).toEqual([
      'telegram:123456789:1',
      'telegram:123456789:2',
    ]);
  });

  it('uses the bot info it is given instead of asking getMe', async () => {
    const { channel } = webhookChannel({ botInfo: TEST_BOT_INFO });

    const response = await channel.routes.request(webhookRequest(hello()));

    expect(response.status).toBe(200);
    expect(mock.calls()).toEqual([]);
  });

  it('answers 502 when getMe fails, stores nothing, and asks again next time', async () => {
    const { channel, received } = webhookChannel();
    mock.answer('getMe', { errorCode: 500, description: 'Internal Server Error' });

    const failed = await channel.routes.request(webhookRequest(hello(1)));
    mock.reset();
    const retried = await channel.routes.request(webhookRequest(hello(1)));

    expect(failed.status).toBe(502);
    expect(retried.status).toBe(200);
    expect(received).toHaveLength(1);
  });

  it('acknowledges only after the event is stored', async () => {
    let store: (receipt: Receipt) => void = () => {};
    const stored = new Promise<Receipt>((resolve) => {
      store = resolve;
    });
    const { channel } = webhookChannel({ botInfo: TEST_BOT_INFO, receive: () => stored });

    let acknowledged = false;
    const response = Promise.resolve(channel.routes.request(webhookRequest(hello()))).then(
      (result) => {
        acknowledged = true;
        return result;
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(acknowledged).toBe(false);

    store('accepted');
    expect((await response).status).toBe(200);
  });

  it('answers 500 when the event cannot be stored, so Telegram delivers it again', async () => {
    const { channel } = webhookChannel({
      botInfo: TEST_BOT_INFO,
      receive: () => Promise.reject(new Error('database is down')),
    });

    const response = await channel.routes.request(webhookRequest(hello()));

    expect(response.status).toBe(500);
  });

  it('acknowledges group chatter, edits and joins without storing them', async () => {
    const { channel, received } = webhookChannel({ botInfo: TEST_BOT_INFO });
    const updates = [
      textUpdate({ updateId: 1, from: REP, chat: GROUP, text: '今天下午开会' }),
      { update_id: 2, edited_message: hello(2).message },
      messageUpdate({
        updateId: 3,
        from: REP,
        chat: GROUP,
        message: { new_chat_members: [{ id: 99, is_bot: false, first_name: 'Li' }] },
      }),
      { update_id: 4, my_chat_member: { chat: GROUP } },
    ];

    const statuses = [];
    for (const update of updates) {
      statuses.push((await channel.routes.request(webhookRequest(update))).status);
    }

    expect(statuses).toEqual([200, 200, 200, 200]);
    expect(received).toEqual([]);
  });

  it('stores a group question that mentions the bot, without the mention', async () => {
    const { channel, received } = webhookChannel({ botInfo: TEST_BOT_INFO });
    const update = textUpdate({
      updateId: 5,
      from: REP,
      chat: GROUP,
      text: '@dealwise_bot What is new at Dongpu?',
    });

    await channel.routes.request(webhookRequest(update));

    expect(received[0]).toMatchObject({
      address: { chatId: '-100200300', direct: false, messageId: '5' },
      body: { type: 'text', text: 'What is new at Dongpu?' },
    });
  });

  it('stores a button press and stops its spinner with answerCallbackQuery', async () => {
    const { channel, received } = webhookChannel({ botInfo: TEST_BOT_INFO });
    const update = buttonUpdate({ updateId: 6, from: REP, data: 'a1b2:c' });

    const response = await channel.routes.request(webhookRequest(update));

    expect(response.status).toBe(200);
    expect(received[0]?.body).toEqual({ type: 'action', actionId: 'a1b2', decision: 'confirm' });
    expect(mock.calls('answerCallbackQuery').map((call) => call.body)).toEqual([
      { callback_query_id: 'callback-6' },
    ]);
  });

  it('answers a press of a button it never sent without storing it', async () => {
    const { channel, received } = webhookChannel({ botInfo: TEST_BOT_INFO });

    await channel.routes.request(
      webhookRequest(buttonUpdate({ updateId: 7, from: REP, data: 'x' })),
    );

    expect(received).toEqual([]);
    expect(mock.calls('answerCallbackQuery')).toHaveLength(1);
  });

  it('still acknowledges a stored press when answering it fails', async () => {
    const { channel, received } = webhookChannel({ botInfo: TEST_BOT_INFO });
    mock.answer('answerCallbackQuery', {
      errorCode: 400,
      description: 'Bad Request: query is too old and response timeout expired',
    });

    const response = await channel.routes.request(
      webhookRequest(buttonUpdate({ updateId: 8, from: REP, data: 'a1b2:x' })),
    );

    expect(response.status).toBe(200);
    expect(received).toHaveLength(1);
  });

  it('answers a malformed message with a 400 naming the field', async () => {
    const { channel, received } = webhookChannel({ botInfo: TEST_BOT_INFO });
    const update = { update_id: 9, message: { message_id: 1, date: 1, text: 'no chat' } };

    const response = await channel.routes.request(webhookRequest(update));

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: 'telegram_update_invalid',
      detail: expect.stringContaining('message.chat'),
    });
    expect(received).toEqual([]);
  });
});
