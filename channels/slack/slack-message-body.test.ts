import { describe, expect, it } from 'vitest';
import { messageBody, plainSlackText, slashCommandBody } from './slack-message-body.ts';

const BOT = 'U0DEALBOT';

function textOf(text: string, options: { botUserId?: string; mention?: boolean } = {}) {
  return messageBody({
    text,
    botUserId: options.botUserId ?? BOT,
    mention: options.mention ?? true,
  });
}

describe('messageBody', () => {
  it('removes the bot mention from a Chinese question', () => {
    expect(textOf(`<@${BOT}> 东浦医院的扩建预算是多少？`)).toEqual({
      type: 'text',
      text: '东浦医院的扩建预算是多少？',
    });
  });

  it('removes a labelled bot mention anywhere in an English question', () => {
    expect(textOf(`What is new at Dongpu, <@${BOT}|dealwise>?`)).toEqual({
      type: 'text',
      text: 'What is new at Dongpu, ?',
    });
  });

  it('removes only the leading mention when the bot id is unknown', () => {
    const body = messageBody({
      text: '<@U0SOMEBOT> ask <@U0ALICE> about 东浦',
      botUserId: undefined,
      mention: true,
    });

    expect(body).toEqual({ type: 'text', text: 'ask @U0ALICE about 东浦' });
  });

  it('reads a leading /command as that command', () => {
    expect(textOf(`<@${BOT}> /pitch 东浦医院`)).toEqual({
      type: 'command',
      command: 'pitch',
      argument: '东浦医院',
    });
    expect(textOf('/link ABCD-2345')).toEqual({
      type: 'command',
      command: 'link',
      argument: 'ABCD-2345',
    });
  });

  it('keeps /new with more words, and unknown commands, as text', () => {
    expect(textOf('/new customers in Shanghai?')).toEqual({
      type: 'text',
      text: '/new customers in Shanghai?',
    });
    expect(textOf('/giphy deal')).toEqual({ type: 'text', text: '/giphy deal' });
  });

  it('asks for help when a mention says nothing else', () => {
    expect(textOf(`<@${BOT}>`)).toEqual({ type: 'command', command: 'help', argument: '' });
  });

  it('answers shared files as attachments it cannot read, by kind', () => {
    const kinds = [
      { mimetype: 'image/jpeg' },
      { mimetype: 'audio/webm', subtype: 'slack_audio' },
      { mimetype: 'video/mp4' },
      { mimetype: 'application/pdf' },
    ].map((file) => messageBody({ text: '', files: [file], botUserId: BOT, mention: false }));

    expect(kinds).toEqual([
      { type: 'unsupported', kind: 'photo' },
      { type: 'unsupported', kind: 'voice' },
      { type: 'unsupported', kind: 'video' },
      { type: 'unsupported', kind: 'file' },
    ]);
  });

  it('answers the text sent with a file, noting the file was not read', () => {
    const file = { mimetype: 'application/pdf' };

    expect(
      messageBody({ text: '看看这份年报的营收', files: [file], botUserId: BOT, mention: false }),
    ).toEqual({ type: 'text', text: '看看这份年报的营收', unreadAttachment: 'file' });
    expect(
      messageBody({ text: `<@${BOT}>`, files: [file], botUserId: BOT, mention: true }),
    ).toEqual({ type: 'unsupported', kind: 'file' });
  });
});

describe('plainSlackText', () => {
  it('shows links, channels, user groups and broadcasts as a reader sees them', () => {
    const text = plainSlackText({
      text: 'See <https://dongpu.cn/report|年报> and <https://example.com> in <#C1|sales>, <!here> <!subteam^S1|@reps>',
      botUserId: BOT,
      mention: false,
    });

    expect(text).toBe(
      'See 年报 (https://dongpu.cn/report) and https://example.com in #sales, @here @reps',
    );
  });

  it('decodes the entities Slack escapes', () => {
    expect(plainSlackText({ text: 'R&amp;D &lt;3 &gt; 5', botUserId: BOT, mention: false })).toBe(
      'R&D <3 > 5',
    );
  });

  it('collapses spaces but keeps line breaks', () => {
    expect(
      plainSlackText({ text: '  第一行  \n\n  second   line ', botUserId: BOT, mention: false }),
    ).toBe('第一行\nsecond line');
  });
});

describe('slashCommandBody', () => {
  it('reads each Dealwise command', () => {
    const bodies = [
      'pitch 东浦医院',
      'score Dongpu Hospital',
      'link ABCD-2345',
      'new',
      'help',
      'ASK what now',
    ].map(slashCommandBody);

    expect(bodies).toEqual([
      { type: 'command', command: 'pitch', argument: '东浦医院' },
      { type: 'command', command: 'score', argument: 'Dongpu Hospital' },
      { type: 'command', command: 'link', argument: 'ABCD-2345' },
      { type: 'command', command: 'new', argument: '' },
      { type: 'command', command: 'help', argument: '' },
      { type: 'command', command: 'ask', argument: 'what now' },
    ]);
  });

  it('asks for help when the command has no text', () => {
    expect(slashCommandBody('   ')).toEqual({ type: 'command', command: 'help', argument: '' });
  });

  it('treats any other text as a question, in Chinese or English', () => {
    expect(slashCommandBody('东浦医院的扩建预算？')).toEqual({
      type: 'command',
      command: 'ask',
      argument: '东浦医院的扩建预算？',
    });
    expect(slashCommandBody('new leads this week?')).toEqual({
      type: 'command',
      command: 'ask',
      argument: 'new leads this week?',
    });
  });

  it('treats "link" followed by a sentence as a question, not a code', () => {
    expect(slashCommandBody('link between Dongpu and Ruijin?')).toMatchObject({ command: 'ask' });
  });
});
