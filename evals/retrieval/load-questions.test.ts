import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../lib/errors.ts';
import { checkSourceIds, loadQuestions, parseQuestions } from './load-questions.ts';

const valid = JSON.stringify({
  id: 'r-001',
  language: 'zh',
  query: '上海吻合器报销比例',
  relevant: ['policy/reimbursement-table'],
});

function errorOf(text: string): InputError {
  try {
    parseQuestions(text, 'questions.jsonl');
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('parseQuestions', () => {
  it('parses one question a line and skips blank lines', () => {
    const second = valid.replace('r-001', 'r-002');
    const questions = parseQuestions(`${valid}\n\n${second}\n`, 'questions.jsonl');
    expect(questions.map((question) => question.id)).toEqual(['r-001', 'r-002']);
    expect(questions[0]?.relevant).toEqual(['policy/reimbursement-table']);
  });

  it('names the file, line and field of a wrong value', () => {
    const wrong = valid.replace('"zh"', '"fr"');
    const error = errorOf(`${valid.replace('r-001', 'r-000')}\n${wrong}`);
    expect(error.message).toMatch(/^questions\.jsonl:2: language must be zh or en/);
    expect(error.details).toEqual({ file: 'questions.jsonl', line: 2, field: 'language' });
  });

  it('names the index of a bad entry in a list', () => {
    const error = errorOf(valid.replace('["policy/reimbursement-table"]', '["a", ""]'));
    expect(error.details).toMatchObject({ line: 1, field: 'relevant[1]' });
  });

  it('rejects an empty list of relevant sources', () => {
    const error = errorOf(valid.replace('["policy/reimbursement-table"]', '[]'));
    expect(error.message).toContain('relevant must name at least one source id');
  });

  it('rejects a line that is not JSON', () => {
    const error = errorOf('{"id": "r-001",');
    expect(error.message).toMatch(/^questions\.jsonl:1: \(line\) is not valid JSON/);
  });

  it('rejects an unknown field', () => {
    const error = errorOf(valid.replace('{', '{"relevnt": [],'));
    expect(error.details).toMatchObject({ line: 1, field: 'relevnt' });
    expect(error.message).toContain('relevnt is not a known field');
  });

  it('rejects a repeated id', () => {
    const error = errorOf(`${valid}\n${valid}`);
    expect(error.message).toContain('questions.jsonl:2: id repeats the id of line 1');
  });
});

describe('loadQuestions', () => {
  it('loads the labelled set, every source id written as type/name', async () => {
    const file = fileURLToPath(new URL('./questions.jsonl', import.meta.url));
    const questions = await loadQuestions(file);
    expect(questions.length).toBeGreaterThanOrEqual(64);
    for (const question of questions) {
      for (const sourceId of question.relevant) expect(sourceId).toMatch(/^[a-z-]+\/[\w-]+$/);
    }
  });
});

describe('checkSourceIds', () => {
  it('names the question that labels an unknown source', () => {
    const questions = parseQuestions(valid, 'questions.jsonl');
    expect(() => checkSourceIds(questions, new Set(['policy/reimbursement-faq']))).toThrow(
      /Question r-001 labels "policy\/reimbursement-table"/,
    );
  });
});
