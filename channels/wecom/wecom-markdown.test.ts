import { describe, expect, it } from 'vitest';
import { utf8Length } from './split-text-by-bytes.ts';
import { formatWecomMarkdown } from './wecom-markdown.ts';

const CITATION = {
  n: 1,
  title: '东浦医院 2024 年报 Annual report',
  locator: 'p. 3',
  url: 'https://example.com/r',
};

describe('formatWecomMarkdown', () => {
  it('renders a short Chinese answer with a 来源 list of links', () => {
    const [piece, ...rest] = formatWecomMarkdown({
      text: '东浦医院扩建项目预算为 **3.2 亿元** [1]。',
      citations: [CITATION],
    });

    expect(rest).toEqual([]);
    expect(piece).toBe(
      '东浦医院扩建项目预算为 **3.2 亿元** [1]。\n\n**来源**\n' +
        '> [1] [东浦医院 2024 年报 Annual report](https://example.com/r) · p. 3',
    );
  });

  it('heads the list Sources for an English answer', () => {
    const [piece] = formatWecomMarkdown({
      text: 'The budget is CNY 320m [1].',
      citations: [CITATION],
    });

    expect(piece).toContain('**Sources**\n> [1] [');
  });

  it('shows a source without a URL as plain text', () => {
    const [piece] = formatWecomMarkdown({
      text: 'See the playbook [2].',
      citations: [{ n: 2, title: 'Playbook [v2]', locator: '' }],
    });

    expect(piece).toContain('> [2] Playbook 【v2】');
    expect(piece).not.toContain('](');
  });

  it('leaves out links that are not http(s) and encodes parentheses in those that are', () => {
    const [piece] = formatWecomMarkdown({
      text: 'Two sources [1] [2].',
      citations: [
        { n: 1, title: 'Script', locator: '', url: 'javascript:alert(1)' },
        { n: 2, title: 'Wiki', locator: '', url: 'https://example.com/a_(b)' },
      ],
    });

    expect(piece).toContain('> [1] Script');
    expect(piece).toContain('[Wiki](https://example.com/a_%28b%29)');
  });

  it('splits a long Chinese answer into pieces of at most 2048 bytes, sources intact', () => {
    const text = `${'东浦医院扩建项目进展顺利，预算已批复。'.repeat(20)}\n\n`.repeat(12);
    const pieces = formatWecomMarkdown({ text, citations: [CITATION] });

    expect(pieces.length).toBeGreaterThan(3);
    for (const piece of pieces) expect(utf8Length(piece)).toBeLessThanOrEqual(2048);
    expect(pieces.at(-1)).toContain('[东浦医院 2024 年报 Annual report](https://example.com/r)');
  });

  it('splits to a larger limit when asked, as the group robot allows', () => {
    const text = 'The budget was approved. '.repeat(300);
    const pieces = formatWecomMarkdown({ text, citations: [] }, 4096);

    expect(pieces).toHaveLength(2);
    for (const piece of pieces) expect(utf8Length(piece)).toBeLessThanOrEqual(4096);
  });
});
