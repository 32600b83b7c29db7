import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authenticateApiKey } from '../auth/api-keys.ts';
import type { Caller } from '../auth/caller.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { channelEvents, channelThreads, jobs, messages } from '../db/schema/index.ts';
import { runJobsUntilIdle } from '../jobs/worker.ts';
import { createLogger } from '../lib/logger.ts';
import { FakeChannelClient } from '../testing/fake-channel-client.ts';
import { createTestApp } from '../testing/test-app.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { channelJobHandlers } from './channel-job-handlers.ts';
import { PUSH_CHANNEL_MESSAGE, queuePush } from './channel-outbox.ts';
import type { InboundBody, InboundEvent } from './inbound-event.ts';
import { issueLinkCode } from './link-codes.ts';
import { PROCESS_CHANNEL_EVENT, receiveInboundEvent } from './receive-inbound-event.ts';
import { type ReplyMessage, textReply } from './reply-message.ts';

let database: DatabaseHandle;
let rep: Caller;
let client: FakeChannelClient;
let drain: () => Promise<number>;
let sequence = 0;

beforeAll(async () => {
  database = await createTestDatabase('demo');
  const { agent } = createTestApp(database);
  rep = await authenticateApiKey(database.db, 'dw_demo_rep');
  client = new FakeChannelClient('slack');
  const logger = createLogger({ level: 'silent' });
  const handlers = channelJobHandlers({
    agent,
    clients: { slack: client },
    citationBaseUrl: 'https://portal.example.com/kb',
  });
  drain = () => runJobsUntilIdle({ db: database.db, logger, handlers });
});

afterAll(async () => {
  await database.close();
});

beforeEach(() => {
  client.deliveries.length = 0;
  client.failing = false;
});

function event(userId: string, body: InboundBody, thread = 'T1', chatId = 'C1'): InboundEvent {
  sequence += 1;
  return {
    platform: 'slack',
    dedupeKey: `slack:test-${sequence}`,
    sender: { workspaceId: 'W1', userId },
    address: { workspaceId: 'W1', chatId, threadId: thread, direct: false },
    body,
    sentAt: new Date().toISOString(),
  };
}

async function say(userId: string, body: InboundBody, thread?: string): Promise<string> {
  await receiveInboundEvent(database.db, event(userId, body, thread));
  await drain();
  const text = client.texts();
  client.deliveries.length = 0;
  return text;
}

async function link(userId: string): Promise<void> {
  const { code } = await issueLinkCode(database.db, rep);
  expect(await say(userId, { type: 'command', command: 'link', argument: code })).toMatch(
    /已关联|Linked/,
  );
}

/** Links the user and has them ask for a call to be logged; returns the reply with buttons. */
async function askForWrite(userId: string): Promise<ReplyMessage> {
  await link(userId);
  const text = '记录一次通话：与张主任确认了演示，线索 c1db20b0-6366-5eca-8bd8-03ebead7e09a';
  await receiveInboundEvent(database.db, event(userId, { type: 'text', text }));
  await drain();
  const reply = client.deliveries[0]?.message;
  if (!reply) throw new Error('The request to log a call got no reply.');
  client.deliveries.length = 0;
  return reply;
}

describe('processChannelEvent', () => {
  it('stores a redelivered event once and answers it once', async () => {
    const first = event('U-dupe', { type: 'text', text: 'hello' });
    expect(await receiveInboundEvent(database.db, first)).toBe('accepted');
    expect(await receiveInboundEvent(database.db, first)).toBe('duplicate');
    await drain();
    expect(client.deliveries).toHaveLength(1);
  });

  it('tells an unlinked sender how to link, in both languages', async () => {
    const reply = await say('U-new', { type: 'text', text: '东浦医院最近怎么样？' });
    expect(reply).toContain('/link');
    expect(reply).toContain('关联');
  });

  it('links with a code sent as plain text, then answers with linked citations', async () => {
    const { code } = await issueLinkCode(database.db, rep);
    expect(await say('U-plain', { type: 'text', text: code.toLowerCase() })).toMatch(
      /已关联|Linked/,
    );

    await receiveInboundEvent(
      database.db,
      event('U-plain', { type: 'text', text: '东浦医院扩建项目的预算是多少？' }),
    );
    await drain();
    const [delivery] = client.deliveries;
    expect(delivery?.message.text).toMatch(/东浦/);
    expect(delivery?.message.citations.length).toBeGreaterThan(0);
    expect(delivery?.message.citations.some((c) => c.url?.startsWith('https://'))).toBe(true);
  });

  it('locks out a chat account after five wrong codes', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(
        await say('U-guess', { type: 'command', command: 'link', argument: 'AAAA-AAAA' }),
      ).toMatch(/invalid|无效/);
    }
    const { code } = await issueLinkCode(database.db, rep);
    expect(await say('U-guess', { type: 'command', command: 'link', argument: code })).toMatch(
      /15/,
    );
  });

  it('keeps one conversation per thread and starts afresh after /new', async () => {
    await link('U-thread');
    await say('U-thread', { type: 'text', text: 'What is new at Dongpu Hospital?' }, 'TH');
    await say('U-thread', { type: 'text', text: 'And their budget?' }, 'TH');
    const threads = await database.db
      .select()
      .from(channelThreads)
      .where(eq(channelThreads.threadKey, 'W1:C1:TH'));
    expect(threads).toHaveLength(1);
    const stored = await database.db
      .select()
      .from(messages)
      .where(eq(messages.conversationId, threads[0]?.conversationId ?? ''));
    expect(stored.filter((message) => message.role === 'user')).toHaveLength(2);

    expect(await say('U-thread', { type: 'command', command: 'new', argument: '' }, 'TH')).toMatch(
      /new conversation|重新开始/,
    );
    const after = await database.db
      .select()
      .from(channelThreads)
      .where(eq(channelThreads.threadKey, 'W1:C1:TH'));
    expect(after).toHaveLength(0);
  });

  it('answers an attachment it cannot read in the caller’s language', async () => {
    await link('U-photo');
    expect(await say('U-photo', { type: 'unsupported', kind: 'photo' })).toMatch(/图片|photos/);
  });

  it('answers the text sent with an attachment, saying the attachment was not read', async () => {
    await link('U-caption');
    const reply = await say('U-caption', {
      type: 'text',
      text: '东浦医院的扩建项目预算是多少？',
      unreadAttachment: 'photo',
    });

    expect(reply).toMatch(/^（附带的图片我暂时还看不了/);
    expect(reply).toMatch(/预算[\s\S]*\[1\]/);
  });

  it('turns /pitch and /score into agent requests', async () => {
    await link('U-cmd');
    expect(await say('U-cmd', { type: 'command', command: 'pitch', argument: '东浦医院' })).toMatch(
      /东浦/,
    );
    expect(
      await say('U-cmd', {
        type: 'command',
        command: 'score',
        argument: 'c1db20b0-6366-5eca-8bd8-03ebead7e09a',
      }),
    ).toMatch(/\d/);
    expect(await say('U-cmd', { type: 'command', command: 'pitch', argument: ' ' })).toMatch(
      /pitch/,
    );
  });

  it('applies a prepared write only when its owner presses confirm, once', async () => {
    const { actions } = await askForWrite('U-write');
    expect(actions.map((action) => action.decision)).toEqual(['confirm', 'cancel']);
    const actionId = actions[0]?.actionId ?? '';

    expect(await say('U-other', { type: 'action', actionId, decision: 'confirm' })).toContain(
      '/link',
    );
    expect(await say('U-write', { type: 'action', actionId, decision: 'confirm' })).not.toMatch(
      /失效|no longer/,
    );
    expect(await say('U-write', { type: 'action', actionId, decision: 'confirm' })).toMatch(
      /失效|no longer/,
    );
  });

  it('keeps a button open when its write fails on the way, and applies it on retry', async () => {
    const { actions } = await askForWrite('U-retry');
    const actionId = actions[0]?.actionId ?? '';
    const confirm = { type: 'action' as const, actionId, decision: 'confirm' as const };

    await database.db.execute(sql`alter table activities rename to activities_away`);
    await receiveInboundEvent(database.db, event('U-retry', confirm));
    await drain();
    await database.db.execute(sql`alter table activities_away rename to activities`);
    expect(client.deliveries).toEqual([]);

    await database.db
      .update(jobs)
      .set({ runAt: new Date() })
      .where(and(eq(jobs.kind, PROCESS_CHANNEL_EVENT), eq(jobs.status, 'queued')));
    await drain();

    expect(client.texts()).toMatch(/记录|logged/i);
    expect(client.texts()).not.toMatch(/失效|no longer/);
  });

  it('redraws the pressed message with only the buttons of writes still open', async () => {
    const sent = await askForWrite('U-two');
    const actionId = sent.actions[0]?.actionId ?? '';
    client.buttonUpdates.length = 0;
    const press = (userId: string, decision: 'confirm' | 'cancel') => {
      const pressed = event(userId, { type: 'action', actionId, decision });
      return { ...pressed, address: { ...pressed.address, messageId: 'M-with-buttons' } };
    };

    await receiveInboundEvent(database.db, press('U-other', 'cancel'));
    await drain();
    expect(client.buttonUpdates).toEqual([]);

    await receiveInboundEvent(database.db, press('U-two', 'cancel'));
    await drain();
    expect(client.buttonUpdates).toEqual([
      {
        address: expect.objectContaining({ chatId: 'C1', messageId: 'M-with-buttons' }),
        message: { ...sent, actions: [] },
      },
    ]);
    expect(client.texts()).toMatch(/已取消|Cancelled/);
  });

  it('keeps a reply queued when the platform fails, without running the turn again', async () => {
    client.failing = true;
    // Its own chat: the failed reply holds back later replies into the same chat.
    const down = event('U-down', { type: 'text', text: 'hello' }, 'T1', 'C-down');
    await receiveInboundEvent(database.db, down);
    await drain();
    expect(client.deliveries).toHaveLength(0);

    const stored = await database.db
      .select()
      .from(channelEvents)
      .where(eq(channelEvents.status, 'done'));
    expect(
      stored.some(
        (row) => (row.payload as { sender: { userId: string } }).sender.userId === 'U-down',
      ),
    ).toBe(true);
  });
  it('resumes a split message after the pieces already delivered when its send is retried', async () => {
    client.pieces.length = 0;
    client.failBeforePiece = 1;
    const push = {
      platform: 'slack' as const,
      recipient: { workspaceId: 'W1', userId: 'U-split' },
      message: textReply('first\n\nsecond\n\nthird'),
    };

    await queuePush(database.db, { tenantId: rep.tenantId, push });
    await drain();
    expect(client.pieces).toEqual(['first']);

    const pushJobs = and(eq(jobs.status, 'queued'), eq(jobs.kind, PUSH_CHANNEL_MESSAGE));
    await database.db.update(jobs).set({ runAt: new Date() }).where(pushJobs);
    await drain();
    expect(client.pieces).toEqual(['first', 'second', 'third']);
  });
  it('answers two quick messages of one thread in turn, in one conversation', async () => {
    await link('U-quick');
    await receiveInboundEvent(
      database.db,
      event('U-quick', { type: 'text', text: '东浦医院最近有什么动态？' }, 'TQ'),
    );
    await receiveInboundEvent(
      database.db,
      event('U-quick', { type: 'text', text: 'And their budget?' }, 'TQ'),
    );
    await drain();

    const threads = await database.db
      .select()
      .from(channelThreads)
      .where(eq(channelThreads.threadKey, 'W1:C1:TQ'));
    expect(threads).toHaveLength(1);
    const asked = await database.db
      .select({ text: messages.text })
      .from(messages)
      .where(
        and(
          eq(messages.conversationId, threads[0]?.conversationId ?? ''),
          eq(messages.role, 'user'),
        ),
      )
      .orderBy(messages.createdAt);
    expect(asked.map((message) => message.text)).toEqual([
      '东浦医院最近有什么动态？',
      'And their budget?',
    ]);
  });
});
