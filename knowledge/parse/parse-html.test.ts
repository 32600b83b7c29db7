import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHtml } from './parse-html.ts';

const notice = readFileSync(new URL('./__fixtures__/tender-notice.html', import.meta.url), 'utf8');
const document = parseHtml({ title: 'tender-notice', text: notice });
const sections = document.sections.map((section) => ({
  text: document.text.slice(section.start, section.end),
  kind: section.kind,
  heading: section.heading,
  rowNumber: section.rowNumber,
}));

describe('parseHtml', () => {
  it('takes the <title> as the title', () => {
    expect(document.title).toBe('某市人民医院设备采购公告');
  });

  it('drops scripts, styles and navigation', () => {
    expect(document.text).not.toMatch(/track|color|首页/);
  });

  it('keeps paragraphs under their heading path', () => {
    expect(sections[0]).toEqual({
      text: '某市人民医院拟采购超声诊断设备一批，欢迎符合条件的供应商参加。',
      kind: 'prose',
      heading: '设备采购公告',
      rowNumber: undefined,
    });
  });

  it('makes each list item a section', () => {
    const items = sections.filter((section) => section.heading === '设备采购公告 > 采购需求');
    expect(items.slice(0, 2).map((item) => item.text)).toEqual([
      '彩色多普勒超声诊断仪 2 台',
      '便携式超声 1 台',
    ]);
  });

  it('renders table rows with the header cells', () => {
    const rows = sections.filter((section) => section.kind === 'table-row');
    expect(rows.map((row) => [row.text, row.rowNumber])).toEqual([
      ['包号: 1; 名称: 彩超; 预算（万元）: 300', 1],
      ['包号: 2; 名称: 便携超声; 预算（万元）: 45', 2],
    ]);
  });

  it('decodes entities and keeps line breaks from <br>', () => {
    expect(sections.at(-1)?.text).toBe(
      'Procurement office & tendering agent,\nphone 010-12345678.',
    );
  });

  it('falls back to the first H1 without a <title>', () => {
    expect(parseHtml({ title: 'file', text: '<h1>Pricing</h1><p>Fixed.</p>' }).title).toBe(
      'Pricing',
    );
  });
});
