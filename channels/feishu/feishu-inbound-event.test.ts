import { describe, expect, it } from 'vitest';
import type { DealwiseError } from '../../lib/errors.ts';
import { type FeishuInbound, feishuInboundEvent } from './feishu-inbound-event.ts';
import {
  BOT_OPEN_ID,
  cardActionEvent,
  type MessageEventOptions,
  messageEvent,
  TENANT_KEY,
} from './testing/feishu-events.ts';

const NOW = new Date('2025-06-02T08:00:00Z');
const bot = { key: '@_user_1', openId: BOT_OPEN_ID, name: 'Dealwise' };
const wang = { key: '@_user_2', openId: 'ou_wang', name: '王主任' };

function read(payload: Record<string, unknown>, botOpenId = BOT_OPEN_ID): Promise<FeishuInbound> {
  return feishuInboundEvent({ payload, botOpenId: async () => botOpenId, now: NOW });
}

function message(options: Partial<MessageEventOptions>): Record<string, unknown> {
  return messageEvent({ eventId: 'evt-1', openId: 'ou_rep', ...options });
}

async function bodyOf(options: Partial<MessageEventOptions>): Promise<unknown> {
  const inbound = await read(message(options));
  return inbound.kind === 'event' ? inbound.event.body : inbound;
}

async function errorOf(run: () => Promise<unknown>): Promise<DealwiseError | undefined> {
  try {
    await run();
  } catch (error) {
    return error as DealwiseError;
  }
  return undefined;
}

describe('feishuInboundEvent: messages', () => {
  it('reads a one-to-one text message into an event', async () => {
    const inbound = await read(
      message({ text: '东浦医院的扩建项目预算是多少？', messageId: 'om_1' }),
    );

    expect(inbound).toEqual({
      kind: 'event',
      eventType: 'im.message.receive_v1',
      event: {
        platform: 'feishu',
        dedupeKey: 'feishu:evt-1',
        sender: { workspaceId: TENANT_KEY, userId: 'ou_rep' },
        address: {
          workspaceId: TENANT_KEY,
          chatId: 'oc_p2p_ou_rep',
          direct: true,
          messageId: 'om_1',
        },
        body: { type: 'text', text: '东浦医院的扩建项目预算是多少？' },
        sentAt: '2025-01-01T00:00:00.000Z',
      },
    });
  });

  it.each([
    ['/pitch 东浦医院', { type: 'command', command: 'pitch', argument: '东浦医院' }],
    ['/pitch东浦医院', { type: 'command', command: 'pitch', argument: '东浦医院' }],
    [
      '/ASK What is new at Dongpu?',
      { type: 'command', command: 'ask', argument: 'What is new at Dongpu?' },
    ],
    ['/link K7Q2-9XZP', { type: 'command', command: 'link', argument: 'K7Q2-9XZP' }],
    ['/new', { type: 'command', command: 'new', argument: '' }],
    ['/pitches are due', { type: 'text', text: '/pitches are due' }],
    ['/weather Shanghai', { type: 'text', text: '/weather Shanghai' }],
  ])('reads %j', async (text, body) => {
    expect(await bodyOf({ text })).toEqual(body);
  });

  it('removes the bot mention and keeps other mentions as @name', async () => {
    const body = await bodyOf({
      chatType: 'group',
      text: '@_user_1 @_user_2 关心交付周期，怎么回复？',
      mentions: [bot, wang],
    });

    expect(body).toEqual({ type: 'text', text: '@王主任 关心交付周期，怎么回复？' });
  });

  it('reads a command after the bot mention in a group', async () => {
    const body = await bodyOf({
      chatType: 'group',
      text: '@_user_1 /score 东浦医院',
      mentions: [bot],
    });

    expect(body).toEqual({ type: 'command', command: 'score', argument: '东浦医院' });
  });

  it('tells @_user_1 from @_user_10', async () => {
    const tenth = { key: '@_user_10', openId: 'ou_li', name: 'Li Lei' };
    const body = await bodyOf({
      chatType: 'group',
      text: '@_user_1 ask @_user_10 about Dongpu',
      mentions: [bot, tenth],
    });

    expect(body).toEqual({ type: 'text', text: 'ask @Li Lei about Dongpu' });
  });

  it('asks for help when a message is only the bot mention', async () => {
    expect(await bodyOf({ chatType: 'group', text: '@_user_1 ', mentions: [bot] })).toEqual({
      type: 'command',
      command: 'help',
      argument: '',
    });
  });

  it('reads the text of a rich-text post', async () => {
    const content = JSON.stringify({
      title: '拜访记录',
      content: [
        [
          { tag: 'at', user_id: '@_user_1', user_name: 'Dealwise' },
          { tag: 'text', text: ' 记录一下：' },
        ],
        [
          { tag: 'text', text: 'Call with ' },
          { tag: 'a', href: 'https://example.com', text: 'Dongpu' },
        ],
        [{ tag: 'img', image_key: 'img_1' }],
      ],
    });
    const body = await bodyOf({ chatType: 'group', messageType: 'post', content, mentions: [bot] });

    expect(body).toEqual({
      type: 'text',
      text: '拜访记录\n记录一下：\nCall with Dongpu',
      unreadAttachment: 'photo',
    });
  });

  it('reads a post given per language', async () => {
    const content = JSON.stringify({
      en_us: { title: '', content: [[{ tag: 'text', text: 'hi' }]] },
    });

    expect(await bodyOf({ messageType: 'post', content })).toEqual({ type: 'text', text: 'hi' });
  });

  it('reads a post of only a picture as a photo', async () => {
    const content = JSON.stringify({ title: '', content: [[{ tag: 'img', image_key: 'img_1' }]] });

    expect(await bodyOf({ messageType: 'post', content })).toEqual({
      type: 'unsupported',
      kind: 'photo',
    });
  });

  it.each([
    ['image', 'photo'],
    ['audio', 'voice'],
    ['media', 'video'],
    ['file', 'file'],
    ['sticker', 'sticker'],
    ['location', 'location'],
    ['share_chat', 'other'],
    ['interactive', 'other'],
  ])('reads a %s message as an unsupported %s', async (messageType, kind) => {
    const body = await bodyOf({ messageType, content: '{"file_key":"file_1"}' });

    expect(body).toEqual({ type: 'unsupported', kind });
  });

  it('rejects text content that is not JSON', async () => {
    const error = await errorOf(() => read(message({ content: '{"text":' })));

    expect(error).toMatchObject({ name: 'InputError', code: 'feishu_event_malformed' });
  });

  it('rejects a text message without text', async () => {
    const error = await errorOf(() => read(message({ content: '{"title":"x"}' })));

    expect(error?.code).toBe('feishu_event_malformed');
  });
});

describe('feishuInboundEvent: what it ignores', () => {
  it.each([
    ['a system message', message({ messageType: 'system', content: '{}' })],
    ['a message from another bot', message({ senderType: 'app', text: 'hi' })],
    ["the bot's own message", message({ openId: BOT_OPEN_ID, text: '@_user_1', mentions: [bot] })],
    ['a group message without mentions', message({ chatType: 'group', text: '大家好' })],
    [
      'a group message for someone else',
      message({ chatType: 'group', text: '@_user_2 看一下', mentions: [wang] }),
    ],
  ])('ignores %s', async (_label, payload) => {
    expect((await read(payload)).kind).toBe('ignored');
  });

  it('ignores an event type it does not handle', async () => {
    const payload = message({ text: 'hi' });
    const header = { ...(payload.header as object), event_type: 'im.message.message_read_v1' };

    expect(await read({ ...payload, header })).toEqual({
      kind: 'ignored',
      reason: 'event type im.message.message_read_v1',
    });
  });

  it('ignores a schema 1.0 event', async () => {
    const payload = { uuid: 'u-1', token: 't', type: 'event_callback', event: {} };

    expect((await read(payload)).kind).toBe('ignored');
  });

  it('rejects a payload that is no event at all', async () => {
    expect((await errorOf(() => read({ hello: 'world' })))?.code).toBe('feishu_event_malformed');
  });

  it('rejects a schema 2.0 event without an event_id', async () => {
    const payload = message({ text: 'hi' });
    const header = { ...(payload.header as object), event_id: undefined };

    const error = await errorOf(() => read({ ...payload, header }));
    expect(error?.message).toContain('header.event_id');
  });
});

describe('feishuInboundEvent: threads', () => {
  const threadIdOf = async (options: Partial<MessageEventOptions>) => {
    const inbound = await read(message({ text: '@_user_1 hi', mentions: [bot], ...options }));
    return inbound.kind === 'event' ? inbound.event.address.threadId : 'ignored';
  };

  it('starts a conversation at a group message', async () => {
    expect(await threadIdOf({ chatType: 'group', messageId: 'om_top' })).toBe('om_top');
  });

  it('continues a group conversation in a reply to its first message', async () => {
    expect(await threadIdOf({ chatType: 'group', messageId: 'om_2', rootId: 'om_top' })).toBe(
      'om_top',
    );
  });

  it('keeps one conversation per one-to-one chat, even in a quoted reply', async () => {
    expect(await threadIdOf({ rootId: 'om_top' })).toBeUndefined();
  });

  it('starts a conversation at a thread in a one-to-one chat', async () => {
    expect(await threadIdOf({ rootId: 'om_top', threadId: 'omt_1' })).toBe('omt_1');
  });
});

describe('feishuInboundEvent: card button presses', () => {
  it('reads a press into an action on the card message', async () => {
    const payload = cardActionEvent({
      eventId: 'evt-press',
      openId: 'ou_rep',
      value: { actionId: 'act-9', decision: 'confirm' },
      chatId: 'oc_sales_team',
      messageId: 'om_card',
    });

    expect(await read(payload)).toMatchObject({
      kind: 'event',
      eventType: 'card.action.trigger',
      event: {
        dedupeKey: 'feishu:evt-press',
        sender: { workspaceId: TENANT_KEY, userId: 'ou_rep' },
        address: { chatId: 'oc_sales_team', messageId: 'om_card' },
        body: { type: 'action', actionId: 'act-9', decision: 'confirm' },
      },
    });
  });

  it.each([
    ['no action id', { decision: 'confirm' }],
    ['an unknown decision', { actionId: 'act-9', decision: 'maybe' }],
  ])('rejects a press with %s', async (_label, value) => {
    const payload = cardActionEvent({ eventId: 'evt-bad', openId: 'ou_rep', value });

    expect((await errorOf(() => read(payload)))?.code).toBe('feishu_event_malformed');
  });
});
