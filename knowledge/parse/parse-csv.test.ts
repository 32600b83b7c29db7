import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFile } from './parse-file.ts';

const gb18030 = new Uint8Array(
  readFileSync(new URL('./__fixtures__/reimbursement-gb18030.csv', import.meta.url)),
);

function rowsOf(text: string): string[] {
  return text.split('\n');
}

describe('parsing CSV', () => {
  it('decodes a GB18030 export and keeps the header with every row', async () => {
    const { documents } = await parseFile({ name: '报销目录.csv', bytes: gb18030 });
    expect(rowsOf(documents[0]?.text ?? '')).toEqual([
      '药品编码: C0310052; 药品名称: 阿莫西林胶囊; 报销比例: 70%; 地区: 北京',
      '药品编码: C0310053; 药品名称: 头孢克肟片; 报销比例: 50%; 地区: 上海',
    ]);
  });

  it('makes each data row a table-row section numbered from 1', async () => {
    const { documents } = await parseFile({ name: '报销目录.csv', bytes: gb18030 });
    expect(documents[0]?.sections.map((section) => [section.kind, section.rowNumber])).toEqual([
      ['table-row', 1],
      ['table-row', 2],
    ]);
  });

  it('reads UTF-8 with a byte order mark', async () => {
    const bytes = new TextEncoder().encode('\ufeffcode,rate\nA1,0.7\n');
    const { documents } = await parseFile({ name: 'rates.csv', bytes });
    expect(documents[0]?.text).toBe('code: A1; rate: 0.7');
  });

  it('keeps quoted cells with commas and line breaks on one line', async () => {
    const bytes = new TextEncoder().encode('name,note\n"Acme, Inc.","first line\nsecond"\n');
    const { documents } = await parseFile({ name: 'accounts.csv', bytes });
    expect(documents[0]?.text).toBe('name: Acme, Inc.; note: first line second');
  });

  it('reads semicolon-separated files', async () => {
    const bytes = new TextEncoder().encode('code;rate\nA1;0,7\n');
    const { documents } = await parseFile({ name: 'rates.csv', bytes });
    expect(documents[0]?.text).toBe('code: A1; rate: 0,7');
  });

  it('titles the document after the file name', async () => {
    const { documents } = await parseFile({ name: 'exports/报销目录.csv', bytes: gb18030 });
    expect(documents[0]?.title).toBe('报销目录');
  });

  it('rejects a CSV with only a header as empty_file', async () => {
    const bytes = new TextEncoder().encode('code,rate\n');
    await expect(parseFile({ name: 'rates.csv', bytes })).rejects.toMatchObject({
      code: 'empty_file',
    });
  });
});
