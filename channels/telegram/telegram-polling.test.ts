import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../lib/logger.ts';
import type { InboundEvent } from '../../messaging/inbound-event.ts';
import type { Receipt } from '../../messaging/receive-inbound-event.ts';
import type { ChatChannel } from '../chat-channel.ts';
import {
  createTelegramApiMock,
  TEST_API_ROOT,
  TEST_BOT_INFO,
  TEST_BOT_TOKEN,
} from './telegram-api-mock.ts';
import { createTelegramChannel } from './telegram-channel.ts';
import { TEST_WEBHOOK_SECRET, textUpdate } from './telegram-test-updates.ts';

const mock = createTelegramApiMock();
const UPDATE = textUpdate({ updateId: 501, from: 4242, text: '/pitch 东浦医院' });

beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.reset());
afterAll(() => mock.server.close());

function channelWith(options: {
  receive?: (event: InboundEvent) => Promise<Receipt>;
  webhookSecret?: string;
  retryDelaysMs?: number[];
}): { channel: ChatChannel; received: InboundEvent[] } {
  const received: InboundEvent[] = [];
  const config = {
    botToken: TEST_BOT_TOKEN,
    webhookSecret: options.webhookSecret,
    apiRoot: TEST_API_ROOT,
  };
  const channel = createTelegramChannel(
    config,
    {
      logger: createLogger({ level: 'silent' }),
      receive: async (event) => {
        received.push(event);
        return options.receive ? options.receive(event) : 'accepted';
      },
    },
    { pollingRetryDelaysMs: options.retryDelaysMs ?? [5, 5] },
  );
  return { channel, received };
}

/** getUpdates serves the update once, then long-polls with nothing new. */
function serveUpdateOnce(): void {
  let served = false;
  mock.answer('getUpdates', async () => {
    if (!served) {
      served = true;
      return { result: [UPDATE] };
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { result: [] };
  });
}

describe('Telegram long polling', () => {
  it('deletes any webhook, receives polled updates, and confirms them when stopped', async () => {
    serveUpdateOnce();
    const { channel, received } = channelWith({});

    await channel.start?.();
    await vi.waitFor(() => expect(received).toHaveLength(1));
    await channel.stop?.();

    expect(received[0]).toMatchObject({
      dedupeKey: 'telegram:123456789:501',
      body: { type: 'command', command: 'pitch', argument: '东浦医院' },
    });
    const methods = mock.calls().map((call) => call.method);
    expect(methods.indexOf('deleteWebhook')).toBeLessThan(methods.indexOf('getUpdates'));
    expect(mock.calls('getUpdates')[0]?.body).toMatchObject({
      allowed_updates: ['message', 'callback_query'],
    });
    expect(mock.calls('getUpdates').at(-1)?.body).toMatchObject({ offset: 502 });
  });

  it('tries an update again when storing it fails, since Telegram will not resend it', async () => {
    serveUpdateOnce();
    let failures = 1;
    const { channel, received } = channelWith({
      receive: async () => {
        if (failures-- > 0) throw new Error('database is down');
        return 'accepted';
      },
    });

    await channel.start?.();
    await vi.waitFor(() => expect(received).toHaveLength(2));
    await channel.stop?.();

    expect(received.map((event) => event.dedupeKey)).toEqual([
      'telegram:123456789:501',
      'telegram:123456789:501',
    ]);
  });

  it('keeps trying an update past the listed waits until it is stored', async () => {
    serveUpdateOnce();
    let failures = 5;
    const { channel, received } = channelWith({
      receive: async () => {
        if (failures-- > 0) throw new Error('database is down');
        return 'accepted';
      },
    });

    await channel.start?.();
    await vi.waitFor(() => expect(received).toHaveLength(6));
    await channel.stop?.();

    expect(new Set(received.map((event) => event.dedupeKey))).toEqual(
      new Set(['telegram:123456789:501']),
    );
  });

  it('stops waiting to retry an update when polling stops', async () => {
    serveUpdateOnce();
    const { channel, received } = channelWith({
      receive: async () => {
        throw new Error('database is down');
      },
      retryDelaysMs: [3_600_000],
    });

    await channel.start?.();
    await vi.waitFor(() => expect(received).toHaveLength(1));
    await channel.stop?.();

    expect(received).toHaveLength(1);
    expect(mock.calls('getUpdates').at(-1)?.body).toMatchObject({ offset: 502 });
  });

  it('starts at once when Telegram is unreachable, and polls once it answers', async () => {
    serveUpdateOnce();
    let getMeCalls = 0;
    mock.answer('getMe', () =>
      getMeCalls++ === 0
        ? { errorCode: 502, description: 'Bad Gateway' }
        : { result: TEST_BOT_INFO },
    );
    const { channel, received } = channelWith({});

    await channel.start?.();
    await vi.waitFor(() => expect(received).toHaveLength(1));
    await channel.stop?.();

    expect(getMeCalls).toBe(2);
  });

  it('refuses to start with a token Telegram rejects', async () => {
    mock.answer('getMe', { errorCode: 401, description: 'Unauthorized' });
    const { channel } = channelWith({});

    await expect(channel.start?.()).rejects.toMatchObject({
      name: 'ConfigurationError',
      code: 'telegram_token_rejected',
    });
    expect(mock.calls('getUpdates')).toEqual([]);
  });
});

describe('Telegram webhook start-up', () => {
  it('checks the token without polling', async () => {
    const { channel } = channelWith({ webhookSecret: TEST_WEBHOOK_SECRET });

    await channel.start?.();

    expect(mock.calls().map((call) => call.method)).toEqual(['getMe']);
    expect(channel.stop).toBeUndefined();
  });

  it('starts anyway when Telegram is briefly unavailable', async () => {
    mock.answer('getMe', { errorCode: 502, description: 'Bad Gateway' });
    const { channel } = channelWith({ webhookSecret: TEST_WEBHOOK_SECRET });

    await expect(channel.start?.()).resolves.toBeUndefined();
  });

  it('refuses to start with a token Telegram rejects', async () => {
    mock.answer('getMe', { errorCode: 401, description: 'Unauthorized' });
    const { channel } = channelWith({ webhookSecret: TEST_WEBHOOK_SECRET });

    await expect(channel.start?.()).rejects.toMatchObject({ code: 'telegram_token_rejected' });
  });
});
