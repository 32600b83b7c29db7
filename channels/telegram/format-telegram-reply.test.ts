import { describe, expect, it } from 'vitest';
import type { ReplyMessage } from '../../messaging/reply-message.ts';
import { formatTelegramReply } from './format-telegram-reply.ts';
import { visibleText } from './telegram-html.ts';

const ACTION_ID = 'b1c2d3e4-0000-4000-8000-000000000001';

function reply(fields: Partial<ReplyMessage>): ReplyMessage {
  return { text: '', citations: [], actions: [], ...fields };
}

describe('formatTelegramReply', () => {
  it('sends a short answer as one HTML message with a numbered source list', () => {
    const messages = formatTelegramReply(
      reply({
        text: '东浦医院扩建预算为 **1.2 亿元** [1]。The tender closes in May [2].',
        citations: [
          { n: 2, title: 'Tender notice', locator: '2025-03-01', url: undefined },
          { n: 1, title: '年报 <2024>', locator: 'p. 3', url: 'https://example.com/r?a=1&b=2' },
        ],
      }),
    );

    expect(messages).toEqual([
      {
        html:
          '东浦医院扩建预算为 <b>1.2 亿元</b> [1]。The tender closes in May [2].\n\n' +
          '<b>来源 / Sources</b>\n' +
          '[1] <a href="https://example.com/r?a=1&amp;b=2">年报 &lt;2024&gt;</a> · p. 3\n' +
          '[2] Tender notice · 2025-03-01',
        keyboard: undefined,
      },
    ]);
  });

  it('puts confirm and cancel buttons for each write in one row under the last message', () => {
    const messages = formatTelegramReply(
      reply({
        text: '要记录这次通话吗？',
        actions: [
          { actionId: ACTION_ID, decision: 'confirm', label: '确认' },
          { actionId: ACTION_ID, decision: 'cancel', label: '取消' },
        ],
      }),
    );

    expect(messages.at(-1)?.keyboard).toEqual([
      [
        { text: '确认', callback_data: `${ACTION_ID}:c` },
        { text: '取消', callback_data: `${ACTION_ID}:x` },
      ],
    ]);
  });

  it('splits a long answer at paragraphs so every message is within the limit', () => {
    const paragraph = `${'东浦医院扩建项目进展顺利，**预算**已批复。'.repeat(12)}\n\n`;
    const messages = formatTelegramReply(
      reply({
        text: paragraph.repeat(8),
        citations: [
          { n: 1, title: 'Annual report', locator: 'p. 3', url: 'https://example.com/r' },
        ],
        actions: [{ actionId: ACTION_ID, decision: 'confirm', label: 'Confirm' }],
      }),
      1000,
    );

    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(visibleText(message.html).length).toBeLessThanOrEqual(1000);
      // Every piece is rendered whole: its tags open and close inside it.
      expect(message.html.match(/<b>/g)?.length).toBe(message.html.match(/<\/b>/g)?.length);
    }
    expect(messages.at(-1)?.html).toContain('<a href="https://example.com/r">');
    expect(messages.slice(0, -1).every((message) => message.keyboard === undefined)).toBe(true);
  });

  it('moves the sources to a new message when they do not fit after the text', () => {
    const text = 'A'.repeat(95);
    const citations = [{ n: 1, title: '年报', locator: 'p. 3', url: 'https://example.com/r' }];

    const messages = formatTelegramReply(reply({ text, citations }), 100);

    expect(messages.map((message) => visibleText(message.html))).toEqual([
      text,
      '来源 / Sources\n[1] 年报 · p. 3',
    ]);
  });

  it('splits a long source list over several messages within the limit', () => {
    const citations = Array.from({ length: 30 }, (_, index) => ({
      n: index + 1,
      title: `政策文件 Policy document ${index + 1}`,
      locator: '第 3 条',
      url: `https://example.com/p/${index + 1}`,
    }));

    const messages = formatTelegramReply(reply({ text: '见来源。', citations }), 300);

    expect(messages.length).toBeGreaterThan(2);
    for (const message of messages)
      expect(visibleText(message.html).length).toBeLessThanOrEqual(300);
    expect(messages.map((message) => message.html).join('\n')).toContain(
      'https://example.com/p/30',
    );
  });

  it('sends a placeholder text when a reply has only buttons', () => {
    const messages = formatTelegramReply(
      reply({ actions: [{ actionId: ACTION_ID, decision: 'confirm', label: 'Confirm' }] }),
    );

    expect(messages).toHaveLength(1);
    expect(messages[0]?.html).toBe('…');
    expect(messages[0]?.keyboard).toHaveLength(1);
  });

  it('refuses an action id too long for 64 bytes of button data', () => {
    const actions = [{ actionId: '动'.repeat(30), decision: 'confirm' as const, label: '确认' }];

    expect(() => formatTelegramReply(reply({ text: 'x', actions }))).toThrow(/64-byte/);
  });
});
