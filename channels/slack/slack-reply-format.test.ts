import { describe, expect, it } from 'vitest';
import type { ReplyMessage } from '../../messaging/reply-message.ts';
import {
  formatSlackReply,
  MESSAGE_TEXT_LIMIT,
  mrkdwnSections,
  SECTION_TEXT_LIMIT,
} from './slack-reply-format.ts';

function reply(text: string, extra: Partial<ReplyMessage> = {}): ReplyMessage {
  return { text, citations: [], actions: [], ...extra };
}

function sectionTexts(blocks: unknown[]): string[] {
  return (blocks as { type: string; text?: { text: string } }[])
    .filter((block) => block.type === 'section')
    .map((block) => block.text?.text ?? '');
}

describe('formatSlackReply', () => {
  it('sends a short answer as one message with one mrkdwn section', () => {
    const [message, ...rest] = formatSlackReply(reply('**东浦医院** budget: 1.2 亿 [1]'));

    expect(rest).toHaveLength(0);
    expect(message?.text).toBe('*东浦医院* budget: 1.2 亿 [1]');
    expect(message?.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: '*东浦医院* budget: 1.2 亿 [1]' } },
    ]);
  });

  it('keeps every section within 3,000 and every message within 40,000 characters', () => {
    const chinese = '东浦医院扩建项目进展顺利，预算已批复。'.repeat(40);
    const english = 'The expansion is on track and the budget is approved. '.repeat(30);
    const messages = formatSlackReply(reply(`${chinese}\n\n${english}\n\n`.repeat(60)));

    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(message.text.length).toBeLessThanOrEqual(MESSAGE_TEXT_LIMIT);
      expect(message.blocks.length).toBeLessThanOrEqual(50);
      for (const text of sectionTexts(message.blocks)) {
        expect(text.length).toBeLessThanOrEqual(SECTION_TEXT_LIMIT);
      }
    }
  });

  it('loses no text when splitting', () => {
    const text = Array.from({ length: 400 }, (_, i) => `第${i}段：Dongpu paragraph ${i}.`).join(
      '\n',
    );
    const sent = formatSlackReply(reply(text)).flatMap((message) => sectionTexts(message.blocks));

    expect(sent.join('\n').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
  });

  it('lists the sources with links under the answer', () => {
    const [message] = formatSlackReply(
      reply('预算 1.2 亿 [1]，交付周期 6 个月 [2]', {
        citations: [
          { n: 1, title: '2024 年报 <Annual report>', locator: 'p. 3', url: 'https://dw.test/d/1' },
          { n: 2, title: 'Tender notice', locator: '2024-05-01' },
        ],
      }),
    );

    expect(message?.blocks.at(-1)).toEqual({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text:
            '*Sources / 来源*\n[1] <https://dw.test/d/1|2024 年报 &lt;Annual report&gt;> · p. 3\n' +
            '[2] Tender notice · 2024-05-01',
        },
      ],
    });
  });

  it('puts confirm and cancel buttons carrying only the write id and decision', () => {
    const [message] = formatSlackReply(
      reply('记录这次通话？', {
        actions: [
          { actionId: 'act-1', decision: 'confirm', label: '确认' },
          { actionId: 'act-1', decision: 'cancel', label: '取消' },
        ],
      }),
    );

    expect(message?.blocks.at(-1)).toEqual({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: 'dealwise_confirm',
          text: { type: 'plain_text', text: '确认', emoji: true },
          value: 'act-1:confirm',
          style: 'primary',
        },
        {
          type: 'button',
          action_id: 'dealwise_cancel',
          text: { type: 'plain_text', text: '取消', emoji: true },
          value: 'act-1:cancel',
        },
      ],
    });
  });

  it('gives each pending write its own actions block, so action ids stay unique', () => {
    const actions = ['a', 'b'].flatMap((id) => [
      { actionId: id, decision: 'confirm' as const, label: 'Confirm' },
      { actionId: id, decision: 'cancel' as const, label: 'Cancel' },
    ]);
    const [message] = formatSlackReply(reply('Log both calls?', { actions }));
    const actionBlocks = message?.blocks.filter((block) => block.type === 'actions');

    expect(actionBlocks).toHaveLength(2);
  });

  it('sends buttons in messages of their own when they would overflow 50 blocks', () => {
    const actions = Array.from({ length: 60 }, (_, i) => ({
      actionId: `act-${i}`,
      decision: 'confirm' as const,
      label: 'Confirm',
    }));
    const messages = formatSlackReply(reply('Log these calls?', { actions }));

    expect(messages.map((message) => message.blocks.length)).toEqual([1, 50, 10]);
    expect(messages[1]?.text).toBe('Confirm');
  });
});

describe('mrkdwnSections', () => {
  it('cuts again where escaping made a piece too long', () => {
    const sections = mrkdwnSections('&'.repeat(2_000));

    expect(sections.length).toBeGreaterThan(1);
    for (const section of sections) expect(section.length).toBeLessThanOrEqual(SECTION_TEXT_LIMIT);
    expect(sections.join('')).toBe('&amp;'.repeat(2_000));
  });
});
