import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from './parse-markdown.ts';

const playbook = readFileSync(new URL('./__fixtures__/playbook.md', import.meta.url), 'utf8');

function sectionTexts(text: string): { text: string; heading?: string; kind: string }[] {
  const document = parseMarkdown({ title: 'playbook', text });
  return document.sections.map((section) => ({
    text: document.text.slice(section.start, section.end),
    kind: section.kind,
    ...(section.heading && { heading: section.heading }),
  }));
}

describe('parseMarkdown', () => {
  it('takes the first H1 as the title', () => {
    expect(parseMarkdown({ title: 'playbook', text: playbook }).title).toBe('医院销售手册');
  });

  it('falls back to the given title without an H1', () => {
    expect(parseMarkdown({ title: 'notes', text: 'Just a line.' }).title).toBe('notes');
  });

  it('skips front matter', () => {
    expect(parseMarkdown({ title: 'playbook', text: playbook }).text).not.toContain('owner');
  });

  it('keeps the heading path of each paragraph', () => {
    const sections = sectionTexts(playbook);
    expect(sections).toContainEqual({
      text: '报价不得低于成本价。',
      kind: 'prose',
      heading: '医院销售手册 > 招投标应对 > 报价策略',
    });
  });

  it('strips inline markup from paragraphs', () => {
    const sections = sectionTexts(playbook);
    expect(sections).toContainEqual({
      text: '准备营业执照、医疗器械经营许可证和近三年业绩。\nSee the checklist for details.',
      kind: 'prose',
      heading: '医院销售手册 > 招投标应对 > 资格预审',
    });
  });

  it('renders each table row with its header', () => {
    const rows = sectionTexts(playbook).filter((section) => section.kind === 'table-row');
    expect(rows.map((row) => row.text)).toEqual([
      '材料: 营业执照; 负责人: 法务; 截止: 开标前 5 天',
      '材料: 业绩证明; 负责人: 销售; 截止: 开标前 3 天',
    ]);
  });

  it('numbers table rows from 1 without the header', () => {
    const document = parseMarkdown({ title: 'playbook', text: playbook });
    const rows = document.sections.filter((section) => section.kind === 'table-row');
    expect(rows.map((row) => row.rowNumber)).toEqual([1, 2]);
  });

  it('keeps a fenced code block as one section without reading headings in it', () => {
    const sections = sectionTexts('# Doc\n\n```\n# not a heading\nx = 1\n```');
    expect(sections).toEqual([{ text: '# not a heading\nx = 1', kind: 'prose', heading: 'Doc' }]);
  });

  it('keeps a list as one section under its heading', () => {
    const sections = sectionTexts(playbook);
    expect(sections.at(-1)).toEqual({
      text:
        '- Price too high: show the DRG savings.\n' +
        '- No budget: ask when the next budget cycle starts.',
      kind: 'prose',
      heading: '医院销售手册 > Objection handling',
    });
  });

  it('reads setext headings', () => {
    expect(sectionTexts('Pricing\n-------\n\nList price is fixed.')).toEqual([
      { text: 'List price is fixed.', kind: 'prose', heading: 'Pricing' },
    ]);
  });

  it('detects a mixed-language document', () => {
    expect(parseMarkdown({ title: 'playbook', text: playbook }).language).toBe('mixed');
  });
});
