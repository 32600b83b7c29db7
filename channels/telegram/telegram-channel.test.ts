import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateApiKey } from '../../auth/api-keys.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import { runJobsUntilIdle } from '../../jobs/worker.ts';
import { createLogger } from '../../lib/logger.ts';
import { channelJobHandlers } from '../../messaging/channel-job-handlers.ts';
import { issueLinkCode } from '../../messaging/link-codes.ts';
import { receiveInboundEvent } from '../../messaging/receive-inbound-event.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { createTestDatabase } from '../../testing/test-database.ts';
import {
  describeChannelContract,
  type HarnessUser,
  type SentMessage,
} from '../channel-contract.ts';
import type { ChatChannel } from '../chat-channel.ts';
import { createTelegramApiMock, TEST_API_ROOT, TEST_BOT_TOKEN } from './telegram-api-mock.ts';
import { createTelegramChannel } from './telegram-channel.ts';
import { visibleText } from './telegram-html.ts';
import {
  buttonUpdate,
  messageUpdate,
  TEST_WEBHOOK_SECRET,
  textUpdate,
  webhookRequest,
} from './telegram-test-updates.ts';

const mock = createTelegramApiMock();

beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => mock.server.close());

/** Telegram ids are numbers; the contract's users are names. Each name gets a number. */
const userNumbers = new Map<string, number>();
const updateIds = new Map<string, number>();

function numberOf(map: Map<string, number>, key: string, first: number): number {
  const known = map.get(key);
  if (known !== undefined) return known;
  const next = first + map.size;
  map.set(key, next);
  return next;
}

const userNumber = (userId: string): number => numberOf(userNumbers, userId, 700_000_001);
const updateId = (deliveryId: string): number => numberOf(updateIds, deliveryId, 1);

/** The contract's name for a chat id, so `to` names the user a message went to. */
function recipientName(chatId: unknown): string {
  const id = String(chatId);
  const name = [...userNumbers].find(([, number]) => String(number) === id)?.[0];
  return name ? `${name} (${id})` : id;
}

const ATTACHMENTS = {
  sticker: { sticker: { file_id: 'sticker-1', type: 'regular', width: 512, height: 512 } },
  photo: { photo: [{ file_id: 'photo-1', file_unique_id: 'p1', width: 90, height: 90 }] },
  voice: { voice: { file_id: 'voice-1', file_unique_id: 'v1', duration: 3 } },
  video: { video: { file_id: 'video-1', file_unique_id: 'vd1', duration: 9 } },
  file: { document: { file_id: 'document-1', file_unique_id: 'd1', file_name: '报价单.xlsx' } },
  location: { location: { latitude: 31.23, longitude: 121.47 } },
  other: { contact: { phone_number: '+8613800000000', first_name: '王' } },
} as const;

const sentMessages = (): SentMessage[] =>
  mock.calls('sendMessage').map(({ body }) => ({
    to: recipientName(body.chat_id),
    text: visibleText(String(body.text)),
    raw: JSON.stringify(body),
  }));

const privateUser = (user: HarnessUser) => ({
  updateId: updateId(user.deliveryId),
  from: userNumber(user.userId),
});

describeChannelContract({
  platform: 'telegram',
  createChannel: (dependencies) =>
    createTelegramChannel(
      { botToken: TEST_BOT_TOKEN, webhookSecret: TEST_WEBHOOK_SECRET, apiRoot: TEST_API_ROOT },
      dependencies,
    ),
  textRequest: (options) =>
    webhookRequest(textUpdate({ ...privateUser(options), text: options.text })),
  attachmentRequest: (options) =>
    webhookRequest(messageUpdate({ ...privateUser(options), message: ATTACHMENTS[options.kind] })),
  buttonRequest: (options) => {
    const data = `${options.actionId}:${options.decision === 'confirm' ? 'c' : 'x'}`;
    return webhookRequest(buttonUpdate({ ...privateUser(options), data }));
  },
  forge: async (request) =>
    webhookRequest(await request.text(), { secret: 'a-forged_secret-token' }),
  malformedRequests: () => [
    webhookRequest('{"update_id": 1, "message": '),
    webhookRequest([]),
    webhookRequest(null),
    webhookRequest({ message: { text: 'no update id' } }),
    webhookRequest({ update_id: 'one' }),
    webhookRequest({ update_id: -1 }),
    webhookRequest({ update_id: 900_001, message: { message_id: 1, date: 1, text: 'no chat' } }),
    webhookRequest(textUpdate({ updateId: 900_002, from: 5, text: 'x' }).message as object),
    webhookRequest({
      ...messageUpdate({ updateId: 900_003, from: 5 }),
      message: { ...(messageUpdate({ updateId: 900_003, from: 5 }).message as object), text: 42 },
    }),
    webhookRequest({
      update_id: 900_004,
      callback_query: { id: 'cb', data: 'x:c', message: { message_id: 1, date: 1 } },
    }),
  ],
  attachmentKinds: Object.keys(ATTACHMENTS) as (keyof typeof ATTACHMENTS)[],
  addressOf: (user) => ({
    workspaceId: '',
    chatId: String(userNumber(user.userId)),
    direct: true,
  }),
  maxMessageLength: 4096,
  sent: sentMessages,
  failSends: () => mock.answer('sendMessage', { errorCode: 502, description: 'Bad Gateway' }),
  reset: () => mock.reset(),
});

describe('Telegram channel end to end in a group', () => {
  let database: DatabaseHandle;
  let channel: ChatChannel;
  let drain: () => Promise<number>;

  beforeAll(async () => {
    database = await createTestDatabase('demo');
    const { agent } = createTestApp(database);
    const logger = createLogger({ level: 'silent' });
    channel = createTelegramChannel(
      { botToken: TEST_BOT_TOKEN, webhookSecret: TEST_WEBHOOK_SECRET, apiRoot: TEST_API_ROOT },
      { logger, receive: (event) => receiveInboundEvent(database.db, event) },
    );
    const handlers = channelJobHandlers({ agent, clients: { telegram: channel.client } });
    drain = () => runJobsUntilIdle({ db: database.db, logger, handlers });
  });

  afterAll(async () => {
    await database?.close();
  });

  it('answers a linked rep who mentions it in a forum topic, in the topic, as a reply', async () => {
    const rep = await authenticateApiKey(database.db, 'dw_demo_rep');
    const { code } = await issueLinkCode(database.db, rep);
    await channel.routes.request(
      webhookRequest(textUpdate({ updateId: 800_001, from: 5555, text: `/start ${code}` })),
    );
    await drain();
    expect(sentMessages().at(-1)?.text).toMatch(/已关联|Linked/);
    mock.reset();

    const question = textUpdate({
      updateId: 800_002,
      from: 5555,
      chat: { id: -100_777, type: 'supergroup' },
      text: '@dealwise_bot 东浦医院的扩建项目预算是多少？',
    });
    Object.assign(question.message as object, { message_thread_id: 12, is_topic_message: true });
    const response = await channel.routes.request(webhookRequest(question));
    await drain();

    expect(response.status).toBe(200);
    const [answer] = mock.calls('sendMessage').map((call) => call.body);
    expect(answer).toMatchObject({
      chat_id: '-100777',
      message_thread_id: 12,
      reply_parameters: { message_id: 800_002 },
      parse_mode: 'HTML',
    });
    expect(String(answer?.text)).toMatch(/东浦/);
    expect(String(answer?.text)).toContain('<b>来源 / Sources</b>\n[1] ');
  });
});
