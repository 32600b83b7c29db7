import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authenticateApiKey } from '../../auth/api-keys.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import { runJobsUntilIdle } from '../../jobs/worker.ts';
import { createLogger } from '../../lib/logger.ts';
import { channelJobHandlers } from '../../messaging/channel-job-handlers.ts';
import { issueLinkCode } from '../../messaging/link-codes.ts';
import { receiveInboundEvent } from '../../messaging/receive-inbound-event.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { createTestDatabase } from '../../testing/test-database.ts';
import { describeChannelContract } from '../channel-contract.ts';
import type { ChatChannel } from '../chat-channel.ts';
import { createSlackChannel } from './slack-channel.ts';
import { CHANNEL_WITHOUT_BOT, createSlackApiMock } from './testing/slack-api-mock.ts';
import { slackHarness, TEST_SLACK_CONFIG } from './testing/slack-harness.ts';
import {
  buttonPayload,
  commandRequest,
  directMessage,
  eventRequest,
  interactionRequest,
  mention,
  TEST_BOT_USER_ID,
} from './testing/slack-requests.ts';

describeChannelContract(slackHarness(createSlackApiMock()));

describe('Slack channel end to end', () => {
  const api = createSlackApiMock();
  const logger = createLogger({ level: 'silent' });
  let database: DatabaseHandle;
  let channel: ChatChannel;
  let drain: () => Promise<number>;

  beforeAll(async () => {
    api.listen();
    database = await createTestDatabase('demo');
    const { agent } = createTestApp(database);
    channel = createSlackChannel(TEST_SLACK_CONFIG, {
      logger,
      receive: (event) => receiveInboundEvent(database.db, event),
    });
    const handlers = channelJobHandlers({ agent, clients: { slack: channel.client } });
    drain = () => runJobsUntilIdle({ db: database.db, logger, handlers });

    const rep = await authenticateApiKey(database.db, 'dw_demo_rep');
    const { code } = await issueLinkCode(database.db, rep);
    await channel.routes.request(
      commandRequest({ userId: 'U0REP', text: `link ${code}`, triggerId: 'tr-link' }),
    );
    await drain();
  });

  afterAll(async () => {
    await database?.close();
    api.close();
  });

  beforeEach(() => api.reset());

  it('answers a channel mention with cited sources, in a thread under the mention', async () => {
    const event = mention({
      userId: 'U0REP',
      text: `<@${TEST_BOT_USER_ID}> 东浦医院的扩建项目预算是多少？`,
      ts: '1735689600.000700',
    });
    const response = await channel.routes.request(eventRequest({ eventId: 'Ev-e2e-1', event }));
    await drain();

    const [answer] = api.posted();
    expect(response.status).toBe(200);
    expect(answer).toMatchObject({ to: 'C0SALES', threadTs: '1735689600.000700' });
    expect(answer?.text).toMatch(/东浦.*\[1\]/s);
    expect(answer?.blocks.at(-1)).toMatchObject({ type: 'context' });
    expect(JSON.stringify(answer?.blocks.at(-1))).toContain('Sources / 来源');
  });

  it('answers a slash command in its channel after the ephemeral acknowledgement', async () => {
    const request = commandRequest({
      userId: 'U0REP',
      text: '东浦医院的扩建项目预算是多少？',
      triggerId: 'tr-e2e-2',
      channelId: 'C0SALES',
    });
    const acknowledgement = await channel.routes.request(request);
    expect(api.posted()).toHaveLength(0);
    await drain();

    expect(await acknowledgement.json()).toMatchObject({ response_type: 'ephemeral' });
    expect(api.posted()[0]).toMatchObject({ to: 'C0SALES', threadTs: undefined });
    expect(api.posted()[0]?.text).toMatch(/东浦/);
  });

  it('answers a command in a channel without the bot privately, by response URL', async () => {
    const request = commandRequest({
      userId: 'U0REP',
      text: '东浦医院的扩建项目预算是多少？',
      triggerId: 'tr-e2e-outside',
      channelId: CHANNEL_WITHOUT_BOT,
    });
    await channel.routes.request(request);
    await drain();

    expect(api.posted()).toEqual([]);
    expect(api.responded()).toEqual([
      expect.objectContaining({ response_type: 'ephemeral', text: expect.stringMatching(/东浦/) }),
    ]);
  });

  it('takes the buttons off a message once its write is confirmed', async () => {
    const event = directMessage({
      userId: 'U0REP',
      text: '记录一次通话：与张主任确认了演示，线索 c1db20b0-6366-5eca-8bd8-03ebead7e09a',
    });
    await channel.routes.request(eventRequest({ eventId: 'Ev-e2e-write', event }));
    await drain();
    const asked = api.posted().at(-1);
    const value = String(
      (asked?.blocks.find((block) => block.type === 'actions') as { elements: { value: string }[] })
        ?.elements[0]?.value,
    );
    const [actionId = ''] = value.split(':');

    const press = buttonPayload({
      userId: 'U0REP',
      actionId,
      decision: 'confirm',
      triggerId: 'tr-e2e-press',
    });
    await channel.routes.request(interactionRequest(press));
    await drain();

    expect(api.updated()).toEqual([
      { channel: 'DU0REP', ts: '1735689700.000300', blocks: expect.any(Array) },
    ]);
    const blocks = api.updated()[0]?.blocks ?? [];
    expect(blocks.some((block) => block.type === 'actions')).toBe(false);
    expect(JSON.stringify(blocks)).toContain('张主任');
    expect(api.posted().at(-1)?.text).toMatch(/记录|logged|Logged/);
  });

  it('links an account from a code sent alone in a direct message', async () => {
    const rep = await authenticateApiKey(database.db, 'dw_demo_rep');
    const { code } = await issueLinkCode(database.db, rep);
    const event = directMessage({ userId: 'U0NEWREP', text: code.toLowerCase() });
    await channel.routes.request(eventRequest({ eventId: 'Ev-e2e-4', event }));
    await drain();

    expect(api.posted()[0]).toMatchObject({ to: 'DU0NEWREP' });
    expect(api.posted()[0]?.text).toMatch(/已关联|Linked/);
  });

  it('answers a redelivered mention once', async () => {
    const event = mention({ userId: 'U0REP', text: `<@${TEST_BOT_USER_ID}> /help` });
    const first = eventRequest({ eventId: 'Ev-e2e-3', event });
    const retry = eventRequest({ eventId: 'Ev-e2e-3', event });
    retry.headers.set('x-slack-retry-num', '1');
    retry.headers.set('x-slack-retry-reason', 'http_timeout');

    await channel.routes.request(first);
    expect((await channel.routes.request(retry)).status).toBe(200);
    await drain();

    expect(api.posted()).toHaveLength(1);
  });
});
