import { describe, expect, it } from 'vitest';
import { splitTextByBytes, utf8Length } from './split-text-by-bytes.ts';

describe('splitTextByBytes', () => {
  it('keeps text that fits in one piece', () => {
    expect(splitTextByBytes('东浦医院 Dongpu', 100)).toEqual(['东浦医院 Dongpu']);
  });

  it('keeps every Chinese piece within the byte limit', () => {
    const text = '东浦医院扩建项目进展顺利，预算已批复。'.repeat(200);
    const pieces = splitTextByBytes(text, 2048);

    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(utf8Length(piece)).toBeLessThanOrEqual(2048);
    expect(pieces.join('')).toBe(text);
  });

  it('breaks Chinese text after a sentence end', () => {
    const pieces = splitTextByBytes('预算已经批复。下个月开始招标。', 30);
    expect(pieces).toEqual(['预算已经批复。', '下个月开始招标。']);
  });

  it('gives English text pieces as long as the byte limit', () => {
    const text = 'The budget was approved. '.repeat(200);
    const pieces = splitTextByBytes(text, 2048);

    expect(pieces.length).toBe(3);
    expect(utf8Length(pieces[0] ?? '')).toBeGreaterThan(2000);
  });

  it('keeps emoji whole and within the limit', () => {
    const pieces = splitTextByBytes('👍'.repeat(40), 30);

    for (const piece of pieces) expect(utf8Length(piece)).toBeLessThanOrEqual(30);
    expect(pieces.join('')).toBe('👍'.repeat(40));
  });
});
