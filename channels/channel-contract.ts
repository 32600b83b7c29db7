/**
 * The contract every channel adapter passes: one suite, run by each platform's test file
 * with a harness that builds that platform's requests and watches its mocked API.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authenticateApiKey } from '../auth/api-keys.ts';
import type { Caller } from '../auth/caller.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { channelEvents, jobs } from '../db/schema/index.ts';
import { runJobsUntilIdle } from '../jobs/worker.ts';
import { createLogger } from '../lib/logger.ts';
import { channelJobHandlers } from '../messaging/channel-job-handlers.ts';
import type { ChatAddress, Platform, UNSUPPORTED_KINDS } from '../messaging/inbound-event.ts';
import { issueLinkCode } from '../messaging/link-codes.ts';
import { receiveInboundEvent } from '../messaging/receive-inbound-event.ts';
import type { ReplyMessage } from '../messaging/reply-message.ts';
import { createTestApp } from '../testing/test-app.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import type { ChannelDependencies, ChatChannel } from './chat-channel.ts';

/** A message the platform's mocked API received from Dealwise. */
export interface SentMessage {
  /** The chat or user it went to. */
  to: string;
  /** Its text as a reader sees it, markup stripped or kept as the platform shows it. */
  text: string;
  /** The whole request body, to look for buttons and links. */
  raw: string;
}

/** A chat user the harness can impersonate. */
export interface HarnessUser {
  userId: string;
  /** The same id twice in a test means the same delivery, e.g. a retried webhook. */
  deliveryId: string;
}

/** What the contract needs from one platform; each platform's test file provides it. */
export interface ChannelHarness {
  platform: Platform;
  /** The channel under test, its API pointed at the harness's mock (msw or a local server). */
  createChannel(dependencies: ChannelDependencies): ChatChannel;
  /** A correctly signed webhook request carrying a text message (may start with a /command). */
  textRequest(options: HarnessUser & { text: string }): Request | Promise<Request>;
  /** A signed request carrying an attachment the assistant cannot read. */
  attachmentRequest(
    options: HarnessUser & { kind: (typeof UNSUPPORTED_KINDS)[number] },
  ): Request | Promise<Request>;
  /** A signed request carrying a press of a button Dealwise sent. */
  buttonRequest(
    options: HarnessUser & { actionId: string; decision: 'confirm' | 'cancel' },
  ): Request | Promise<Request>;
  /** The request altered so its signature or secret no longer holds. */
  forge(request: Request): Request | Promise<Request>;
  /** A correctly signed request whose timestamp is outside the window; absent without one. */
  staleRequest?(options: HarnessUser & { text: string }): Request | Promise<Request>;
  /** Requests that pass authentication but carry a malformed payload. */
  malformedRequests(): (Request | Promise<Request>)[];
  /** Attachment kinds the platform can send. */
  attachmentKinds: readonly (typeof UNSUPPORTED_KINDS)[number][];
  /** Where a reply to `textRequest` from this user goes. */
  addressOf(user: HarnessUser): ChatAddress;
  /** The platform's longest message, in UTF-16 units, as the client splits. */
  maxMessageLength: number;
  /** Messages the mocked platform API has received, oldest first. */
  sent(): SentMessage[];
  /** Makes the mocked platform API fail every send until reset. */
  failSends(): void;
  /** Clears sent messages and failures; called before each test. */
  reset(): void;
  /** Starts and stops the mock server, when the harness has one. */
  listen?(): void | Promise<void>;
  close?(): void | Promise<void>;
}

/** Runs the channel contract against one platform's adapter. */
export function describeChannelContract(harness: ChannelHarness): void {
  describe(`${harness.platform} channel contract`, () => {
    let database: DatabaseHandle;
    let channel: ChatChannel;
    let rep: Caller;
    let drain: () => Promise<number>;
    let sequence = 0;

    const nextUser = (userId = `user-${sequence}`): HarnessUser => {
      sequence += 1;
      return { userId, deliveryId: `delivery-${Date.now()}-${sequence}` };
    };
    const post = async (request: Request | Promise<Request>): Promise<Response> =>
      channel.routes.request(await request);
    const eventCount = async (): Promise<number> =>
      (await database.db.select().from(channelEvents)).length;
    const linkedUser = async (): Promise<HarnessUser> => {
      const user = nextUser(`linked-${sequence}`);
      const { code } = await issueLinkCode(database.db, rep);
      await post(harness.textRequest({ ...user, text: `/link ${code}` }));
      await drain();
      harness.reset();
      return { ...user, deliveryId: `${user.deliveryId}-next` };
    };

    beforeAll(async () => {
      await harness.listen?.();
      database = await createTestDatabase('demo');
      const { agent } = createTestApp(database);
      const logger = createLogger({ level: 'silent' });
      channel = harness.createChannel({
        logger,
        receive: (event) => receiveInboundEvent(database.db, event),
      });
      rep = await authenticateApiKey(database.db, 'dw_demo_rep');
      const handlers = channelJobHandlers({
        agent,
        clients: { [harness.platform]: channel.client },
      });
      drain = () => runJobsUntilIdle({ db: database.db, logger, handlers });
    });

    afterAll(async () => {
      await database?.close();
      await harness.close?.();
    });

    beforeEach(() => harness.reset());

    it('acknowledges a signed message with a 2xx and stores it once', async () => {
      const before = await eventCount();
      const response = await post(harness.textRequest({ ...nextUser(), text: 'hello' }));
      expect(response.status).toBeGreaterThanOrEqual(200);
      expect(response.status).toBeLessThan(300);
      expect(await eventCount()).toBe(before + 1);
    });

    it('tells an unlinked sender how to link their account', async () => {
      await post(harness.textRequest({ ...nextUser(), text: 'What is new at Dongpu?' }));
      await drain();
      const [reply] = harness.sent();
      expect(reply?.text).toMatch(/\/(dealwise )?link/);
    });

    it('links a sender who sends a valid code, then answers them with citations', async () => {
      const user = nextUser();
      const { code } = await issueLinkCode(database.db, rep);
      await post(harness.textRequest({ ...user, text: `/link ${code}` }));
      await drain();
      expect(harness.sent().at(-1)?.text).toMatch(/已关联|Linked/);

      harness.reset();
      const question = {
        ...user,
        deliveryId: `${user.deliveryId}-q`,
        text: '东浦医院的扩建项目预算是多少？',
      };
      await post(harness.textRequest(question));
      await drain();
      const answer = harness
        .sent()
        .map((message) => message.text)
        .join('\n');
      expect(answer).toMatch(/东浦/);
      expect(answer).toMatch(/\[1\]/);
    });

    it('refuses a link code that was already used', async () => {
      const { code } = await issueLinkCode(database.db, rep);
      await post(harness.textRequest({ ...nextUser(), text: `/link ${code}` }));
      await post(harness.textRequest({ ...nextUser(), text: `/link ${code}` }));
      await drain();
      expect(
        harness
          .sent()
          .map((message) => message.text)
          .join('\n'),
      ).toMatch(/invalid|无效/);
    });

    it('ignores a redelivered event: one stored event, one reply', async () => {
      const user = nextUser();
      const before = await eventCount();
      const first = await post(harness.textRequest({ ...user, text: 'hello' }));
      const again = await post(harness.textRequest({ ...user, text: 'hello' }));
      await drain();
      expect(first.status).toBeLessThan(300);
      expect(again.status).toBeLessThan(300);
      expect(await eventCount()).toBe(before + 1);
      expect(harness.sent()).toHaveLength(1);
    });

    it('rejects a forged request with no side effect', async () => {
      const before = await eventCount();
      const forged = await harness.forge(await harness.textRequest({ ...nextUser(), text: 'hi' }));
      const response = await post(forged);
      expect([401, 403]).toContain(response.status);
      expect(await eventCount()).toBe(before);
    });

    it.runIf(harness.staleRequest !== undefined)(
      'rejects a stale request with no side effect',
      async () => {
        const before = await eventCount();
        const stale = harness.staleRequest?.({ ...nextUser(), text: 'hi' }) as
          | Request
          | Promise<Request>;
        const response = await post(stale);
        expect([401, 403]).toContain(response.status);
        expect(await eventCount()).toBe(before);
      },
    );

    it('answers malformed payloads with a 4xx and stores nothing', async () => {
      const before = await eventCount();
      for (const request of harness.malformedRequests()) {
        const response = await post(request);
        expect(response.status, await response.clone().text()).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
      }
      expect(await eventCount()).toBe(before);
    });

    it('answers attachments it cannot read with a polite note', async () => {
      const user = await linkedUser();
      for (const [index, kind] of harness.attachmentKinds.entries()) {
        const delivery = { ...user, deliveryId: `${user.deliveryId}-${kind}` };
        const response = await post(harness.attachmentRequest({ ...delivery, kind }));
        expect(response.status).toBeLessThan(300);
        await drain();
        expect(harness.sent()[index]?.text).toMatch(/文字|type your question/);
      }
    });

    it('routes a confirm button back to the prepared write', async () => {
      const user = await linkedUser();
      const ask = {
        ...user,
        text: '记录一次通话：与张主任确认了演示，线索 c1db20b0-6366-5eca-8bd8-03ebead7e09a',
      };
      await post(harness.textRequest(ask));
      await drain();
      const [action] = await database.db.query.channelActions.findMany({
        where: (table) => and(eq(table.userId, rep.userId)),
        orderBy: (table, { desc }) => [desc(table.createdAt)],
        limit: 1,
      });
      expect(action).toBeDefined();
      expect(
        harness
          .sent()
          .map((message) => message.raw)
          .join('\n'),
      ).toContain(action?.id);

      harness.reset();
      const press = { ...user, deliveryId: `${user.deliveryId}-press` };
      await post(
        harness.buttonRequest({ ...press, actionId: action?.id ?? '', decision: 'confirm' }),
      );
      await drain();
      expect(harness.sent().at(-1)?.text).toMatch(/记录|logged|Logged/);

      harness.reset();
      const again = { ...user, deliveryId: `${user.deliveryId}-again` };
      await post(
        harness.buttonRequest({ ...again, actionId: action?.id ?? '', decision: 'confirm' }),
      );
      await drain();
      expect(harness.sent().at(-1)?.text).toMatch(/失效|no longer available/);
    });

    it('splits a long reply into messages within the platform limit', async () => {
      const paragraph = `${'东浦医院扩建项目进展顺利，预算已批复。'.repeat(20)}\n\n`;
      const message: ReplyMessage = {
        text: paragraph.repeat(Math.ceil((harness.maxMessageLength * 2.5) / paragraph.length)),
        citations: [
          { n: 1, title: '年报 Annual report', locator: 'p. 3', url: 'https://example.com/r' },
        ],
        actions: [],
      };
      await channel.client.reply(harness.addressOf(nextUser()), message);
      const sent = harness.sent();
      expect(sent.length).toBeGreaterThan(1);
      for (const piece of sent)
        expect(piece.text.length).toBeLessThanOrEqual(harness.maxMessageLength);
      expect(sent.map((piece) => piece.raw).join('')).toContain('https://example.com/r');
    });

    it('sends a proactive message to a linked user', async () => {
      const user = nextUser();
      await channel.client.sendDirect(
        { workspaceId: harness.addressOf(user).workspaceId, userId: user.userId },
        { text: '提醒：东浦医院的线索三天没有跟进。Follow up today.', citations: [], actions: [] },
      );
      const [sent] = harness.sent();
      expect(sent?.text).toContain('东浦医院');
      expect(sent?.to).toContain(user.userId);
    });

    it('keeps a reply queued for retry when the platform fails', async () => {
      harness.failSends();
      await post(harness.textRequest({ ...nextUser(), text: 'hello' }));
      await drain();
      const pending = await database.db
        .select({ status: jobs.status, attempts: jobs.attempts, lastError: jobs.lastError })
        .from(jobs)
        .where(and(eq(jobs.kind, 'channels.send_reply'), eq(jobs.status, 'queued')));
      expect(pending.length).toBeGreaterThan(0);
      expect(pending[0]?.attempts).toBe(1);
      expect(pending[0]?.lastError).toBeTruthy();
    });
  });
}
