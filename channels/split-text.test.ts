import { describe, expect, it } from 'vitest';
import { splitText } from './split-text.ts';

describe('splitText', () => {
  it('keeps text that fits in one piece', () => {
    expect(splitText('  short answer  ', 100)).toEqual(['short answer']);
  });

  it('breaks at the last paragraph that fits', () => {
    const text = `${'a'.repeat(30)}\n\n${'b'.repeat(30)}\n\n${'c'.repeat(30)}`;
    expect(splitText(text, 70)).toEqual([`${'a'.repeat(30)}\n\n${'b'.repeat(30)}`, 'c'.repeat(30)]);
  });

  it('breaks Chinese text after a sentence end', () => {
    const text = '东浦医院今年扩建了两栋楼。预算已经批复！下个月开始招标。';
    expect(splitText(text, 20)).toEqual([
      '东浦医院今年扩建了两栋楼。预算已经批复！',
      '下个月开始招标。',
    ]);
  });

  it('breaks English text between words when no sentence ends in reach', () => {
    const pieces = splitText('one two three four five six seven eight nine ten', 16);
    expect(pieces).toEqual(['one two three', 'four five six', 'seven eight nine', 'ten']);
  });

  it('cuts a long word only where nothing else fits, never inside a surrogate pair', () => {
    const pieces = splitText(`${'x'.repeat(9)}😀yyy`, 10);
    expect(pieces).toEqual(['x'.repeat(9), '😀yyy']);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(10);
  });

  it('never returns a piece over the limit', () => {
    const text = Array.from({ length: 200 }, (_, i) => (i % 7 === 0 ? '。\n' : '字词 word')).join(
      '',
    );
    for (const piece of splitText(text, 50)) expect(piece.length).toBeLessThanOrEqual(50);
    expect(splitText(text, 50).join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
  });
});
