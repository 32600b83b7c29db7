import { describe, expect, it } from 'vitest';
import { mrkdwnLink, toMrkdwn } from './slack-mrkdwn.ts';

describe('toMrkdwn', () => {
  it('turns markdown bold and italic into Slack bold and italic', () => {
    expect(toMrkdwn('**预算** is *approved* [1]')).toBe('*预算* is _approved_ [1]');
  });

  it('escapes &, < and > everywhere, code included', () => {
    expect(toMrkdwn('R&D <budget> `a<b`')).toBe('R&amp;D &lt;budget&gt; `a&lt;b`');
  });

  it('keeps citation markers and leaves code spans alone', () => {
    expect(toMrkdwn('东浦医院扩建 [1][2] `**raw**`')).toBe('东浦医院扩建 [1][2] `**raw**`');
  });

  it('turns markdown links into Slack links', () => {
    expect(toMrkdwn('见 [年报 2024](https://dongpu.cn/a?x=1&y=2) 第 3 页')).toBe(
      '见 <https://dongpu.cn/a?x=1&amp;y=2|年报 2024> 第 3 页',
    );
  });

  it('does not touch underscores inside a link', () => {
    expect(toMrkdwn('[doc](https://example.com/a__b__c)')).toBe(
      '<https://example.com/a__b__c|doc>',
    );
  });

  it('shows headings bold and list items as bullets', () => {
    expect(toMrkdwn('## Next steps\n- call 王主任\n* send the quote')).toBe(
      '*Next steps*\n• call 王主任\n• send the quote',
    );
  });

  it('turns ~~struck~~ text into Slack strikethrough', () => {
    expect(toMrkdwn('~~old price~~ new price')).toBe('~old price~ new price');
  });
});

describe('mrkdwnLink', () => {
  it('keeps a pipe in the label from ending the link early', () => {
    expect(mrkdwnLink('https://example.com/r', 'Annual | 年报')).toBe(
      '<https://example.com/r|Annual ｜ 年报>',
    );
  });

  it('shows a label without a link for a URL that is not http(s)', () => {
    expect(mrkdwnLink('javascript:alert(1)', 'click')).toBe('click');
  });
});
