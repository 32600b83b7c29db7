import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/logger.ts';
import type { InboundEvent } from '../../messaging/inbound-event.ts';
import type { ChatChannel } from '../chat-channel.ts';
import { createFeishuChannel } from './feishu-channel.ts';
import {
  API_BASE,
  BOT_OPEN_ID,
  ENCRYPT_KEY,
  eventRequest,
  messageEvent,
  TENANT_KEY,
  testConfig,
} from './testing/feishu-events.ts';
import { createFeishuMockApi } from './testing/feishu-mock-api.ts';

const api = createFeishuMockApi();
const NOW = new Date('2025-06-02T08:00:00Z');
const NOW_SECONDS = Math.floor(NOW.getTime() / 1000);

let received: InboundEvent[];

beforeAll(() => api.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => api.server.resetHandlers());
afterAll(() => api.server.close());
beforeEach(() => {
  received = [];
});

function channel(): ChatChannel {
  return createFeishuChannel(testConfig(), {
    logger: createLogger({ level: 'silent' }),
    receive: async (event) => {
      received.push(event);
      return 'accepted';
    },
    now: () => NOW,
  });
}

describe('group messages', () => {
  const signed = (payload: unknown) =>
    eventRequest({ payload, encryptKey: ENCRYPT_KEY, timestamp: NOW_SECONDS });
  const groupMessage = (options: { eventId: string; text: string; mentionOf?: string }) =>
    messageEvent({
      eventId: options.eventId,
      openId: 'ou_rep',
      text: options.text,
      chatType: 'group',
      chatId: 'oc_sales_team',
      mentions: options.mentionOf
        ? [{ key: '@_user_1', openId: options.mentionOf, name: 'Dealwise' }]
        : undefined,
    });

  it('receives a message that mentions the bot, the mention removed', async () => {
    const payload = groupMessage({
      eventId: 'evt-g1',
      text: '@_user_1 /score 东浦医院',
      mentionOf: BOT_OPEN_ID,
    });
    await channel().routes.request(signed(payload));

    expect(received[0]?.body).toEqual({ type: 'command', command: 'score', argument: '东浦医院' });
    expect(received[0]?.address).toMatchObject({
      workspaceId: TENANT_KEY,
      chatId: 'oc_sales_team',
      direct: false,
    });
  });

  it('ignores a message that mentions someone else', async () => {
    const payload = groupMessage({
      eventId: 'evt-g2',
      text: '@_user_1 看一下',
      mentionOf: 'ou_wang',
    });
    const response = await channel().routes.request(signed(payload));

    expect(response.status).toBe(200);
    expect(received).toEqual([]);
  });

  it('ignores a message that mentions nobody', async () => {
    await channel().routes.request(signed(groupMessage({ eventId: 'evt-g3', text: '大家好' })));

    expect(received).toEqual([]);
  });

  it('takes any mention for the bot when its open_id cannot be looked up', async () => {
    api.server.use(
      http.get(`${API_BASE}/open-apis/bot/v3/info`, () =>
        HttpResponse.json({ code: 99991672, msg: 'no permission' }),
      ),
    );
    const payload = groupMessage({
      eventId: 'evt-g4',
      text: '@_user_1 hello',
      mentionOf: 'ou_unknown',
    });
    const response = await channel().routes.request(signed(payload));

    expect(response.status).toBe(200);
    expect(received[0]?.body).toEqual({ type: 'text', text: 'hello' });
  });
});
