import { describe, expect, it } from 'vitest';
import type { ReplyMessage } from '../../messaging/reply-message.ts';
import { FEISHU_CARD_TEXT_LIMIT, type FeishuCard, feishuCards } from './feishu-card.ts';
import { cardText } from './testing/feishu-mock-api.ts';

const citation = {
  n: 1,
  title: '东浦医院 2024 年报 Annual report',
  locator: 'p. 3',
  url: 'https://example.com/reports/dongpu',
};

function reply(overrides: Partial<ReplyMessage>): ReplyMessage {
  return { text: '', citations: [], actions: [], ...overrides };
}

function textOf(card: FeishuCard): string {
  return cardText(JSON.stringify(card));
}

describe('feishuCards', () => {
  it('puts Chinese and English text in a lark_md block, bold kept', () => {
    const [card] = feishuCards(reply({ text: '**预算**：3.2 亿元 [1]. Budget approved.' }));

    expect(card).toEqual({
      config: { wide_screen_mode: true, update_multi: true },
      elements: [
        {
          tag: 'div',
          text: { tag: 'lark_md', content: '**预算**：3.2 亿元 [1]. Budget approved.' },
        },
      ],
    });
  });

  it('escapes markup a quoted document could smuggle in', () => {
    const [card] = feishuCards(reply({ text: 'R&D <at id=all></at> 1 < 2' }));

    expect(JSON.stringify(card)).toContain('R&amp;D &lt;at id=all&gt;&lt;/at&gt; 1 &lt; 2');
  });

  it('lists the sources under a divider with links and locators', () => {
    const citations = [citation, { n: 2, title: '招标公告 Tender notice', locator: '2025-03-01' }];
    const [card] = feishuCards(reply({ text: '预算 3.2 亿元 [1][2]', citations }));

    expect(card?.elements.map((element) => element.tag)).toEqual(['div', 'hr', 'div']);
    expect(textOf(card as FeishuCard)).toBe(
      '预算 3.2 亿元 [1][2]\n**来源 / Sources**\n' +
        '[1] [东浦医院 2024 年报 Annual report](https://example.com/reports/dongpu) · p. 3\n' +
        '[2] 招标公告 Tender notice · 2025-03-01',
    );
  });

  it('keeps brackets in a title and parentheses in a URL from breaking the link', () => {
    const odd = { ...citation, title: '[草稿] Draft', url: 'https://example.com/a (1).pdf' };
    const [card] = feishuCards(reply({ text: 'x [1]', citations: [odd] }));

    expect(textOf(card as FeishuCard)).toContain(
      '[1] [(草稿) Draft](https://example.com/a%20%281%29.pdf) · p. 3',
    );
  });

  it('shows a citation whose URL is not http(s) without a link', () => {
    const unsafe = { ...citation, url: 'javascript:alert(1)' };
    const [card] = feishuCards(reply({ text: 'x [1]', citations: [unsafe] }));

    expect(textOf(card as FeishuCard)).toContain('[1] 东浦医院 2024 年报 Annual report · p. 3');
  });

  it('adds confirm and cancel buttons carrying only the action id and decision', () => {
    const actions = [
      { actionId: 'act-1', decision: 'confirm' as const, label: '确认' },
      { actionId: 'act-1', decision: 'cancel' as const, label: '取消' },
    ];
    const [card] = feishuCards(reply({ text: '要记录这次通话吗？', actions }));

    expect(card?.elements.at(-1)).toEqual({
      tag: 'action',
      actions: [
        {
          tag: 'button',
          text: { tag: 'plain_text', content: '确认' },
          type: 'primary',
          value: { actionId: 'act-1', decision: 'confirm' },
        },
        {
          tag: 'button',
          text: { tag: 'plain_text', content: '取消' },
          type: 'default',
          value: { actionId: 'act-1', decision: 'cancel' },
        },
      ],
    });
  });

  it('splits a long answer into cards within the limit, sources and buttons on the last', () => {
    const paragraph = `${'东浦医院扩建项目进展顺利，预算已批复。'.repeat(30)}\n\n`;
    const actions = [{ actionId: 'act-2', decision: 'confirm' as const, label: 'Confirm' }];
    const cards = feishuCards(
      reply({ text: paragraph.repeat(25), citations: [citation], actions }),
    );

    expect(cards.length).toBeGreaterThan(1);
    for (const card of cards)
      expect(textOf(card).length).toBeLessThanOrEqual(FEISHU_CARD_TEXT_LIMIT);
    expect(cards.slice(0, -1).every((card) => card.elements.length === 1)).toBe(true);
    expect(cards.at(-1)?.elements.map((element) => element.tag)).toEqual([
      'div',
      'hr',
      'div',
      'action',
    ]);
  });

  it('puts the sources on a card of their own when the last piece is full', () => {
    const text = 'a'.repeat(FEISHU_CARD_TEXT_LIMIT);
    const cards = feishuCards(reply({ text, citations: [citation] }));

    expect(cards).toHaveLength(2);
    expect(textOf(cards[1] as FeishuCard)).toMatch(/^\*\*来源 \/ Sources\*\*/);
  });

  it('keeps the worst case, every character escaped, under 30 KB of card JSON', () => {
    const [card] = feishuCards(reply({ text: '<'.repeat(FEISHU_CARD_TEXT_LIMIT) }));
    const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');

    expect(bytes).toBeLessThan(30 * 1024);
  });

  it('gives no card for an empty reply, and a card of buttons for buttons alone', () => {
    const actions = [{ actionId: 'act-3', decision: 'cancel' as const, label: 'Cancel' }];

    expect(feishuCards(reply({}))).toEqual([]);
    expect(feishuCards(reply({ actions }))[0]?.elements.map((element) => element.tag)).toEqual([
      'action',
    ]);
  });
});
