import { describe, expect, it } from 'vitest';
import { chunkDocument } from './chunk.ts';
import { DocumentBuilder } from './parse/document-builder.ts';
import { parseMarkdown } from './parse/parse-markdown.ts';
import { parsePlainText } from './parse/parse-plain-text.ts';
import type { ParsedDocument } from './parse/parsed-document.ts';
import { estimateTokens } from './segment.ts';

const chineseSentence = (index: number): string =>
  `第${index}条规定要求供应商按时提交材料并签字确认。`;
const englishSentence = (index: number): string =>
  `Clause ${index} sets the rebate at 0.7 percent of the list price for every order.`;

function plain(text: string): ParsedDocument {
  return parsePlainText({ title: 'doc', text });
}

describe('chunkDocument', () => {
  it('keeps a short document as one chunk equal to its text', () => {
    const text = '先问预算。\n\nThen show the savings.';
    expect(chunkDocument(plain(text))).toEqual([
      {
        ordinal: 0,
        text,
        startOffset: 0,
        endOffset: text.length,
        tokenCount: estimateTokens(text),
      },
    ]);
  });

  it('splits a long Chinese paragraph at sentence ends', () => {
    const document = plain(
      Array.from({ length: 20 }, (_, index) => chineseSentence(index)).join(''),
    );
    const chunks = chunkDocument(document, { maxTokens: 60, overlapTokens: 0 });
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((chunk) => chunk.text.startsWith('第') && chunk.text.endsWith('。'))).toBe(
      true,
    );
  });

  it('splits English at sentence ends but not inside decimals', () => {
    const document = plain(
      Array.from({ length: 20 }, (_, index) => englishSentence(index)).join(' '),
    );
    const chunks = chunkDocument(document, { maxTokens: 50, overlapTokens: 0 });
    expect(chunks.flatMap((chunk) => chunk.text.split(/(?<=\.) /))).toEqual(
      Array.from({ length: 20 }, (_, index) => englishSentence(index)),
    );
  });

  it('respects the token bound', () => {
    const text = Array.from({ length: 40 }, (_, index) =>
      index % 2 ? chineseSentence(index) : englishSentence(index),
    ).join(' ');
    const chunks = chunkDocument(plain(text), { maxTokens: 80, overlapTokens: 20 });
    expect(Math.max(...chunks.map((chunk) => chunk.tokenCount))).toBeLessThanOrEqual(80);
  });

  it('repeats the last sentence of a chunk at the start of the next', () => {
    const document = plain(
      Array.from({ length: 12 }, (_, index) => chineseSentence(index)).join(''),
    );
    const [first, second] = chunkDocument(document, { maxTokens: 60, overlapTokens: 25 });
    const lastSentence = first?.text.match(/第\d+条[^。]*。$/)?.[0];
    expect(second?.text.startsWith(lastSentence ?? '?')).toBe(true);
  });

  it('gives offsets that slice the chunk text out of the document', () => {
    const sentences = Array.from({ length: 30 }, (_, index) => chineseSentence(index)).join('');
    const markdown = `# 手册\n\n${sentences}\n\nShort note.`;
    const document = parseMarkdown({ title: 'doc', text: markdown });
    const chunks = chunkDocument(document, { maxTokens: 70 });
    expect(
      chunks.every(
        (chunk) => document.text.slice(chunk.startOffset, chunk.endOffset) === chunk.text,
      ),
    ).toBe(true);
  });

  it('merges small paragraphs under one heading but not across headings', () => {
    const document = parseMarkdown({
      title: 'doc',
      text: '# A\n\nOne.\n\nTwo.\n\n## B\n\nThree.',
    });
    expect(chunkDocument(document).map((chunk) => [chunk.heading, chunk.text])).toEqual([
      ['A', 'One.\n\nTwo.'],
      ['A > B', 'Three.'],
    ]);
  });

  it('never merges across pages', () => {
    const builder = new DocumentBuilder();
    builder.addSection('Page one.', { kind: 'prose', page: 1 });
    builder.addSection('Page two.', { kind: 'prose', page: 2 });
    const chunks = chunkDocument(builder.build({ title: 'doc', mimeType: 'application/pdf' }));
    expect(chunks.map((chunk) => [chunk.page, chunk.text])).toEqual([
      [1, 'Page one.'],
      [2, 'Page two.'],
    ]);
  });

  it('hard-splits a sentence longer than the bound', () => {
    const document = plain('长'.repeat(250));
    const chunks = chunkDocument(document, { maxTokens: 100, overlapTokens: 0 });
    expect(chunks.map((chunk) => chunk.tokenCount)).toEqual([100, 100, 50]);
  });

  it('groups table rows with their headers and numbers each group by its first row', () => {
    const rows = Array.from(
      { length: 6 },
      (_, index) => `| C03100${index} | 药品${index} | 70% |`,
    ).join('\n');
    const document = parseMarkdown({
      title: 'doc',
      text: `# 目录\n\n| 编码 | 名称 | 比例 |\n| --- | --- | --- |\n${rows}`,
    });
    const chunks = chunkDocument(document, { maxTokens: 40 });
    expect(chunks.map((chunk) => [chunk.rowNumber, chunk.text])).toEqual([
      [1, '编码: C031000; 名称: 药品0; 比例: 70%\n编码: C031001; 名称: 药品1; 比例: 70%'],
      [3, '编码: C031002; 名称: 药品2; 比例: 70%\n编码: C031003; 名称: 药品3; 比例: 70%'],
      [5, '编码: C031004; 名称: 药品4; 比例: 70%\n编码: C031005; 名称: 药品5; 比例: 70%'],
    ]);
  });

  it('keeps table rows and prose in separate chunks', () => {
    const document = parseMarkdown({
      title: 'doc',
      text: 'Intro.\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\nOutro.',
    });
    expect(chunkDocument(document).map((chunk) => chunk.text)).toEqual([
      'Intro.',
      'a: 1; b: 2',
      'Outro.',
    ]);
  });

  it('numbers chunks in order', () => {
    const document = plain(
      Array.from({ length: 20 }, (_, index) => chineseSentence(index)).join(''),
    );
    const chunks = chunkDocument(document, { maxTokens: 60 });
    expect(chunks.map((chunk) => chunk.ordinal)).toEqual(chunks.map((_, index) => index));
  });

  it('rejects an overlap as large as the bound', () => {
    expect(() => chunkDocument(plain('x'), { maxTokens: 40, overlapTokens: 40 })).toThrow(
      /overlapTokens is 40/,
    );
  });
});
