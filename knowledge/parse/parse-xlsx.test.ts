import { describe, expect, it } from 'vitest';
import { buildXlsx } from './__fixtures__/build-xlsx.ts';
import { parseFile } from './parse-file.ts';

const workbook = buildXlsx({
  北京: [
    ['药品编码', '药品名称', '报销比例'],
    ['C0310052', '阿莫西林胶囊', 0.7],
    ['C0310053', null, 0.5],
  ],
  Shanghai: [
    ['code', 'rate'],
    ['C0310052', 0.6],
  ],
});

describe('parsing XLSX', () => {
  it('renders the rows of every sheet with their header', async () => {
    const { documents } = await parseFile({ name: 'policy.xlsx', bytes: workbook });
    const document = documents[0];
    const rows = document?.sections.map((section) =>
      document.text.slice(section.start, section.end),
    );
    expect(rows).toEqual([
      '药品编码: C0310052; 药品名称: 阿莫西林胶囊; 报销比例: 0.7',
      '药品编码: C0310053; 报销比例: 0.5',
      'code: C0310052; rate: 0.6',
    ]);
  });

  it('puts each row under its sheet name with its row number', async () => {
    const { documents } = await parseFile({ name: 'policy.xlsx', bytes: workbook });
    expect(documents[0]?.sections.map((section) => [section.heading, section.rowNumber])).toEqual([
      ['北京', 1],
      ['北京', 2],
      ['Shanghai', 1],
    ]);
  });

  it('lists the sheets in the metadata', async () => {
    const { documents } = await parseFile({ name: 'policy.xlsx', bytes: workbook });
    expect(documents[0]?.metadata).toEqual({ sheets: ['北京', 'Shanghai'] });
  });

  it('rejects a corrupt workbook as unreadable_file', async () => {
    const bytes = workbook.slice(0, 200);
    await expect(parseFile({ name: 'policy.xlsx', bytes })).rejects.toMatchObject({
      code: 'unreadable_file',
    });
  });
});
