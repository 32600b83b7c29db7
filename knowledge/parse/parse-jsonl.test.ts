import { describe, expect, it } from 'vitest';
import { parseFile } from './parse-file.ts';

function jsonl(lines: string[]): Uint8Array {
  return new TextEncoder().encode(lines.join('\n'));
}

const good = JSON.stringify({
  id: 'kb-1',
  title: '价格异议',
  text: '先问预算。\n\nThen show the DRG savings.',
  metadata: { region: '北京' },
});

describe('parsing JSONL', () => {
  it('makes one document per record with its id, title and metadata', async () => {
    const { documents } = await parseFile({ name: 'kb.jsonl', bytes: jsonl([good]) });
    expect(
      documents.map(({ sourceId, title, metadata }) => ({ sourceId, title, metadata })),
    ).toEqual([{ sourceId: 'kb-1', title: '价格异议', metadata: { region: '北京' } }]);
  });

  it('splits the text of a record into paragraphs', async () => {
    const { documents } = await parseFile({ name: 'kb.jsonl', bytes: jsonl([good]) });
    const document = documents[0];
    expect(
      document?.sections.map((section) => document.text.slice(section.start, section.end)),
    ).toEqual(['先问预算。', 'Then show the DRG savings.']);
  });

  it('returns the good records and reports bad lines by number', async () => {
    const bytes = jsonl([good, '{"id": "kb-2", "title": "x"', '', '{"id": "kb-3", "title": "y"}']);
    const { documents, problems } = await parseFile({ name: 'kb.jsonl', bytes });
    expect(documents.map((document) => document.sourceId)).toEqual(['kb-1']);
    expect(problems.map((problem) => problem.line)).toEqual([2, 4]);
  });

  it('says what is wrong with a bad line', async () => {
    const bytes = jsonl([good, '{"id": "kb-3", "title": "y"}']);
    const { problems } = await parseFile({ name: 'kb.jsonl', bytes });
    expect(problems).toEqual([{ line: 2, message: 'line 2: "text" must be a string' }]);
  });

  it('reports a repeated id', async () => {
    const { problems } = await parseFile({ name: 'kb.jsonl', bytes: jsonl([good, good]) });
    expect(problems[0]?.message).toBe('line 2: "id" "kb-1" appears on an earlier line');
  });

  it('rejects a file without any usable record as invalid_jsonl', async () => {
    const failure = parseFile({ name: 'kb.jsonl', bytes: jsonl(['not json', '[1, 2]']) });
    await expect(failure).rejects.toMatchObject({
      code: 'invalid_jsonl',
      details: {
        problems: [expect.objectContaining({ line: 1 }), expect.objectContaining({ line: 2 })],
      },
    });
  });

  it('uses the id as the title when the title is missing', async () => {
    const bytes = jsonl([JSON.stringify({ id: 7, text: 'Body.' })]);
    const { documents } = await parseFile({ name: 'kb.jsonl', bytes });
    expect([documents[0]?.sourceId, documents[0]?.title]).toEqual(['7', '7']);
  });
});
