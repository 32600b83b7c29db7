import { describe, expect, it } from 'vitest';
import { renderTelegramHtml, visibleText } from './telegram-html.ts';

describe('renderTelegramHtml', () => {
  it('escapes &, < and > in Chinese and English text', () => {
    expect(renderTelegramHtml('预算 <500万> & R&D > 10%')).toBe(
      '预算 &lt;500万&gt; &amp; R&amp;D &gt; 10%',
    );
  });

  it('renders bold, code and links', () => {
    expect(
      renderTelegramHtml('**东浦医院** uses `HIS-3` [年报](https://example.com/r?a=1&b=2)'),
    ).toBe(
      '<b>东浦医院</b> uses <code>HIS-3</code> <a href="https://example.com/r?a=1&amp;b=2">年报</a>',
    );
  });

  it('escapes markup inside bold and code instead of rendering it', () => {
    expect(renderTelegramHtml('**<i>x</i>** `<b>`')).toBe(
      '<b>&lt;i&gt;x&lt;/i&gt;</b> <code>&lt;b&gt;</code>',
    );
  });

  it('keeps citation markers and leaves unmatched markers as typed', () => {
    expect(renderTelegramHtml('预算 1.2 亿元 [1]，**未闭合')).toBe('预算 1.2 亿元 [1]，**未闭合');
  });

  it('turns headings bold and list items into bullets', () => {
    expect(renderTelegramHtml('## 要点 **Key** points\n- 预算已批复\n  * next step')).toBe(
      '<b>要点 Key points</b>\n• 预算已批复\n  • next step',
    );
  });

  it('does not link javascript: or relative URLs', () => {
    expect(renderTelegramHtml('[x](javascript:alert(1)) [y](/documents/1)')).toBe(
      '[x](javascript:alert(1)) [y](/documents/1)',
    );
  });

  it('never shows a reader more characters than the markdown has', () => {
    const markdown =
      '# 标题\n**粗体** and `code` & [link](https://example.com) <tag> - item\n- 列表 [2]';

    expect(visibleText(renderTelegramHtml(markdown)).length).toBeLessThanOrEqual(markdown.length);
  });
});

describe('visibleText', () => {
  it('drops tags and decodes the entities Telegram supports', () => {
    expect(
      visibleText('<b>A &amp; B</b> &lt;1&gt; <a href="https://x.test/?q=&quot;">链接</a>'),
    ).toBe('A & B <1> 链接');
  });
});
