import { describe, expect, it } from 'vitest';
import { InputError } from '../../lib/errors.ts';
import { parseFile } from './parse-file.ts';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('parseFile', () => {
  it('parses a text file into one document of paragraphs', async () => {
    const bytes = encode('第一段。\r\n\r\n  Second   paragraph. \r\n');
    const { documents } = await parseFile({ name: 'notes.txt', bytes });
    expect(documents).toEqual([
      {
        title: 'notes',
        text: '第一段。\n\nSecond paragraph.',
        sections: [
          { start: 0, end: 4, kind: 'prose' },
          { start: 6, end: 23, kind: 'prose' },
        ],
        mimeType: 'text/plain',
        language: 'mixed',
        metadata: {},
      },
    ]);
  });

  it('dispatches on the extension regardless of case', async () => {
    const { documents } = await parseFile({
      name: 'PLAYBOOK.MD',
      bytes: encode('# Title\n\nBody.'),
    });
    expect([documents[0]?.mimeType, documents[0]?.title]).toEqual(['text/markdown', 'Title']);
  });

  it('normalizes to NFC and keeps Chinese punctuation', async () => {
    const bytes = encode('Cafe\u0301：报价，“含税”！');
    const { documents } = await parseFile({ name: 'a.txt', bytes });
    expect(documents[0]?.text).toBe('Café：报价，“含税”！');
  });

  it('reads GB18030 text files', async () => {
    const bytes = new Uint8Array([0xc4, 0xe3, 0xba, 0xc3]);
    const { documents } = await parseFile({ name: 'a.txt', bytes });
    expect(documents[0]?.text).toBe('你好');
  });

  it('detects Chinese and English documents', async () => {
    const chinese = await parseFile({ name: 'a.txt', bytes: encode('医院招标公告，DRG。') });
    const english = await parseFile({ name: 'a.txt', bytes: encode('Hospital tender notice.') });
    expect([chinese.documents[0]?.language, english.documents[0]?.language]).toEqual(['zh', 'en']);
  });

  it('rejects an unsupported extension naming the supported ones', async () => {
    const failure = parseFile({ name: 'deck.pptx', bytes: encode('x') });
    await expect(failure).rejects.toMatchObject({ code: 'unsupported_file_type' });
    await expect(failure).rejects.toThrow(/\.md, .*\.xlsx, \.jsonl/);
  });

  it('takes a file without extension as PDF when its bytes say so', async () => {
    const failure = parseFile({ name: 'download', bytes: encode('%PDF-1.7 broken') });
    await expect(failure).rejects.toMatchObject({ code: 'unreadable_file' });
  });

  it('rejects an empty file', async () => {
    await expect(parseFile({ name: 'a.md', bytes: new Uint8Array() })).rejects.toMatchObject({
      code: 'empty_file',
    });
  });

  it('rejects a file of only white space as empty', async () => {
    await expect(parseFile({ name: 'a.txt', bytes: encode(' \n\n\t ') })).rejects.toMatchObject({
      code: 'empty_file',
    });
  });

  it('rejects a file over the limit and says the limit', async () => {
    const failure = parseFile({
      name: 'big.txt',
      bytes: new Uint8Array(3 * 1024 * 1024),
      maxBytes: 2 * 1024 * 1024,
    });
    await expect(failure).rejects.toBeInstanceOf(InputError);
    await expect(failure).rejects.toMatchObject({ code: 'file_too_large' });
    await expect(failure).rejects.toThrow(/3 MiB, over the limit of 2 MiB/);
  });

  it('rejects bytes that are not text in any known encoding', async () => {
    const failure = parseFile({ name: 'a.txt', bytes: new Uint8Array([0x80, 0xff, 0xff, 0x30]) });
    await expect(failure).rejects.toMatchObject({ code: 'unreadable_file' });
  });
});
