import { describe, expect, it } from 'vitest';
import type { DealwiseError } from '../../lib/errors.ts';
import { parseTelegramUpdate } from './parse-telegram-update.ts';
import {
  buttonUpdate,
  messageUpdate,
  TEST_MESSAGE_DATE,
  textUpdate,
} from './telegram-test-updates.ts';

const BOT = { id: 123456789, username: 'dealwise_bot' };
const NOW = new Date('2025-10-09T09:00:00Z');
const REP = 4242;
const GROUP = { id: -100_200_300, type: 'supergroup' as const };

const parse = (update: unknown) => parseTelegramUpdate(update, { bot: BOT, now: NOW });
const bodyOf = (update: unknown) => parse(update)?.body;

describe('parseTelegramUpdate', () => {
  it('reads a private text message as text for the bot', () => {
    const event = parse(textUpdate({ updateId: 7, from: REP, text: '东浦医院的预算是多少？' }));

    expect(event).toEqual({
      platform: 'telegram',
      dedupeKey: 'telegram:123456789:7',
      sender: { workspaceId: '', userId: '4242', name: 'rep4242' },
      address: {
        workspaceId: '',
        chatId: '4242',
        threadId: undefined,
        direct: true,
        messageId: '7',
      },
      body: { type: 'text', text: '东浦医院的预算是多少？' },
      sentAt: new Date(TEST_MESSAGE_DATE * 1000).toISOString(),
    });
  });

  it('reads /ask, /pitch and /score as the core commands with their argument', () => {
    const command = (text: string) => bodyOf(textUpdate({ updateId: 1, from: REP, text }));

    expect(command('/ask What is new at Dongpu?')).toEqual({
      type: 'command',
      command: 'ask',
      argument: 'What is new at Dongpu?',
    });
    expect(command('/pitch 东浦医院')).toMatchObject({ command: 'pitch', argument: '东浦医院' });
    expect(command('/score Guling Hospital')).toMatchObject({ command: 'score' });
    expect(command('/new')).toEqual({ type: 'command', command: 'new', argument: '' });
  });

  it('reads /start as help, and /start with a deep-link payload as a link code', () => {
    expect(bodyOf(textUpdate({ updateId: 1, from: REP, text: '/start' }))).toEqual({
      type: 'command',
      command: 'help',
      argument: '',
    });
    expect(bodyOf(textUpdate({ updateId: 2, from: REP, text: '/start K7PQ2M9X' }))).toEqual({
      type: 'command',
      command: 'link',
      argument: 'K7PQ2M9X',
    });
  });

  it('answers an unknown command with help', () => {
    expect(bodyOf(textUpdate({ updateId: 1, from: REP, text: '/settings' }))).toMatchObject({
      command: 'help',
    });
  });

  it('takes a path that starts with a slash as text', () => {
    expect(bodyOf(textUpdate({ updateId: 1, from: REP, text: '/usr/bin 是什么' }))).toEqual({
      type: 'text',
      text: '/usr/bin 是什么',
    });
  });

  it('ignores a group message that does not mention the bot', () => {
    expect(parse(textUpdate({ updateId: 1, from: REP, chat: GROUP, text: '今天开会吗' }))).toBe(
      undefined,
    );
  });

  it('answers a group mention with the mention and its comma stripped', () => {
    const update = textUpdate({
      updateId: 1,
      from: REP,
      chat: GROUP,
      text: '@dealwise_bot，东浦医院最近有什么动态？',
    });

    expect(parse(update)).toMatchObject({
      address: { chatId: '-100200300', direct: false, messageId: '1' },
      body: { type: 'text', text: '东浦医院最近有什么动态？' },
    });
  });

  it('strips a mention in the middle of an English question', () => {
    const update = textUpdate({
      updateId: 1,
      from: REP,
      chat: GROUP,
      text: 'Hey @DealWise_Bot what is new at Dongpu?',
    });

    expect(bodyOf(update)).toEqual({ type: 'text', text: 'Hey what is new at Dongpu?' });
  });

  it('does not answer a mention of another bot', () => {
    const update = textUpdate({ updateId: 1, from: REP, chat: GROUP, text: '@other_bot 你好' });

    expect(parse(update)).toBeUndefined();
  });

  it('answers a text mention of the bot by its name', () => {
    const update = messageUpdate({
      updateId: 1,
      from: REP,
      chat: GROUP,
      message: {
        text: 'Dealwise 东浦医院的预算？',
        entities: [
          {
            type: 'text_mention',
            offset: 0,
            length: 8,
            user: { ...BOT, is_bot: true, first_name: 'Dealwise' },
          },
        ],
      },
    });

    expect(bodyOf(update)).toEqual({ type: 'text', text: '东浦医院的预算？' });
  });

  it('answers a bare mention with help', () => {
    const update = textUpdate({ updateId: 1, from: REP, chat: GROUP, text: '@dealwise_bot' });

    expect(bodyOf(update)).toEqual({ type: 'command', command: 'help', argument: '' });
  });

  it('answers a reply to one of its messages in a group', () => {
    const update = messageUpdate({
      updateId: 1,
      from: REP,
      chat: GROUP,
      message: {
        text: 'And their budget?',
        reply_to_message: {
          message_id: 5,
          date: 1,
          chat: GROUP,
          from: { ...BOT, is_bot: true, first_name: 'Dealwise' },
        },
      },
    });

    expect(bodyOf(update)).toEqual({ type: 'text', text: 'And their budget?' });
  });

  it('does not take a forum topic message as a reply to the bot that opened the topic', () => {
    const update = messageUpdate({
      updateId: 1,
      from: REP,
      chat: GROUP,
      message: {
        text: '今天开会吗',
        message_thread_id: 77,
        is_topic_message: true,
        reply_to_message: {
          message_id: 77,
          date: 1,
          chat: GROUP,
          from: { ...BOT, is_bot: true, first_name: 'Dealwise' },
          forum_topic_created: { name: '东浦医院', icon_color: 0 },
        },
      },
    });

    expect(parse(update)).toBeUndefined();
  });

  it('answers commands addressed to it in a group and ignores those for other bots', () => {
    const group = (text: string) =>
      bodyOf(textUpdate({ updateId: 1, from: REP, chat: GROUP, text }));

    expect(group('/ask@dealwise_bot 东浦医院的预算')).toEqual({
      type: 'command',
      command: 'ask',
      argument: '东浦医院的预算',
    });
    expect(group('/pitch 东浦医院')).toMatchObject({ command: 'pitch' });
    expect(group('/ask@other_bot 东浦医院的预算')).toBeUndefined();
    expect(group('/settings')).toBeUndefined();
  });

  it('keeps a forum topic as the thread of the address', () => {
    const update = textUpdate({ updateId: 3, from: REP, chat: GROUP, text: '@dealwise_bot hi' });
    Object.assign(update.message as object, { message_thread_id: 77, is_topic_message: true });

    expect(parse(update)?.address).toEqual({
      workspaceId: '',
      chatId: '-100200300',
      threadId: '77',
      direct: false,
      messageId: '3',
    });
  });

  it('ignores a reply thread id outside forum topics', () => {
    const update = textUpdate({ updateId: 3, from: REP, text: 'hi' });
    Object.assign(update.message as object, { message_thread_id: 12 });

    expect(parse(update)?.address.threadId).toBeUndefined();
  });

  it.each([
    ['sticker', { sticker: { file_id: 's' } }, 'sticker'],
    ['photo', { photo: [{ file_id: 'p' }] }, 'photo'],
    ['voice', { voice: { file_id: 'v' } }, 'voice'],
    ['video note', { video_note: { file_id: 'n' } }, 'video'],
    ['animation', { animation: { file_id: 'a' }, document: { file_id: 'a' } }, 'video'],
    ['document', { document: { file_id: 'd' } }, 'file'],
    ['location', { location: { latitude: 1, longitude: 2 } }, 'location'],
    ['contact', { contact: { phone_number: '1', first_name: 'Wang' } }, 'other'],
  ])('reads a private %s as an unsupported attachment', (_label, message, kind) => {
    expect(bodyOf(messageUpdate({ updateId: 1, from: REP, message }))).toEqual({
      type: 'unsupported',
      kind,
    });
  });

  it("answers a captioned photo's caption, noting the photo was not read", () => {
    const message = { photo: [{ file_id: 'p' }], caption: '这是东浦医院的招标公告，帮我看看预算' };

    expect(bodyOf(messageUpdate({ updateId: 1, from: REP, message }))).toEqual({
      type: 'text',
      text: '这是东浦医院的招标公告，帮我看看预算',
      unreadAttachment: 'photo',
    });
  });

  it('reads a group photo by its caption: a mention of the bot or a command', () => {
    const mention = '@dealwise_bot 预算多少？';
    const captioned = (caption: string, entities: Record<string, unknown>[] = []) =>
      messageUpdate({
        updateId: 1,
        from: REP,
        chat: GROUP,
        message: { photo: [{ file_id: 'p' }], caption, caption_entities: entities },
      });

    expect(bodyOf(captioned(mention, [{ type: 'mention', offset: 0, length: 13 }]))).toEqual({
      type: 'text',
      text: '预算多少？',
      unreadAttachment: 'photo',
    });
    expect(bodyOf(captioned('/score 东浦医院'))).toEqual({
      type: 'command',
      command: 'score',
      argument: '东浦医院',
    });
    expect(parse(captioned('just a photo for the team'))).toBeUndefined();
  });

  it('ignores a sticker in a group unless it replies to the bot', () => {
    const sticker = { sticker: { file_id: 's' } };
    const replying = {
      ...sticker,
      reply_to_message: { message_id: 5, from: { ...BOT, is_bot: true, first_name: 'Dealwise' } },
    };

    expect(parse(messageUpdate({ updateId: 1, from: REP, chat: GROUP, message: sticker }))).toBe(
      undefined,
    );
    expect(
      bodyOf(messageUpdate({ updateId: 2, from: REP, chat: GROUP, message: replying })),
    ).toEqual({ type: 'unsupported', kind: 'sticker' });
  });

  it('ignores messages from bots, service messages, edits and channel posts', () => {
    const fromBot = textUpdate({ updateId: 1, from: REP, text: 'hi' });
    Object.assign((fromBot.message as { from: object }).from, { is_bot: true });
    const joined = messageUpdate({
      updateId: 2,
      from: REP,
      chat: GROUP,
      message: { new_chat_members: [{ id: 1, is_bot: false, first_name: 'New' }] },
    });
    const edited = {
      update_id: 3,
      edited_message: textUpdate({ updateId: 3, from: REP, text: 'x' }).message,
    };
    const post = textUpdate({
      updateId: 4,
      from: REP,
      chat: { id: -100_1, type: 'channel' },
      text: 'x',
    });

    expect([fromBot, joined, edited, post].map(parse)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('reads a button press as an action in the chat of the message it was under', () => {
    const event = parse(
      buttonUpdate({ updateId: 9, from: REP, data: 'b1c2d3e4-0000-4000-8000-000000000001:c' }),
    );

    expect(event).toMatchObject({
      dedupeKey: 'telegram:123456789:9',
      sender: { userId: '4242' },
      address: { chatId: '4242', direct: true, messageId: '9009' },
      body: {
        type: 'action',
        actionId: 'b1c2d3e4-0000-4000-8000-000000000001',
        decision: 'confirm',
      },
      sentAt: NOW.toISOString(),
    });
  });

  it('reads a cancel press, and ignores button data it never sent', () => {
    expect(bodyOf(buttonUpdate({ updateId: 1, from: REP, data: 'a1:x' }))).toMatchObject({
      decision: 'cancel',
    });
    expect(parse(buttonUpdate({ updateId: 2, from: REP, data: 'menu' }))).toBeUndefined();
  });

  it.each([
    ['a message without a chat', { update_id: 1, message: { message_id: 1, date: 1, text: 'x' } }],
    [
      'text that is not a string',
      {
        update_id: 1,
        message: { message_id: 1, date: 1, chat: { id: 1, type: 'private' }, text: 5 },
      },
    ],
    ['a negative update id', { update_id: -1 }],
    ['a press without a sender', { update_id: 1, callback_query: { id: 'q', data: 'a:c' } }],
  ])('rejects %s as malformed', (_label, update) => {
    let error: DealwiseError | undefined;
    try {
      parse(update);
    } catch (caught) {
      error = caught as DealwiseError;
    }

    expect(error).toMatchObject({ name: 'InputError', code: 'telegram_update_invalid' });
  });

  it('lets other update kinds pass', () => {
    expect(parse({ update_id: 5, my_chat_member: { chat: GROUP } })).toBeUndefined();
  });
});
