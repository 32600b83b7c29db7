import { describe, expect, it } from 'vitest';
import { splitSentences } from './chunk-sentences.ts';

function sentences(text: string): string[] {
  return splitSentences(text, { start: 0, end: text.length }).map((span) =>
    text.slice(span.start, span.end),
  );
}

describe('splitSentences', () => {
  it('splits Chinese at 。！？ and ；', () => {
    expect(sentences('先问预算。预算不够怎么办？换方案！分期；或者延期')).toEqual([
      '先问预算。',
      '预算不够怎么办？',
      '换方案！',
      '分期；',
      '或者延期',
    ]);
  });

  it('keeps closing quotes with the sentence they end', () => {
    expect(sentences('他说：“可以。”然后离开了。')).toEqual(['他说：“可以。”', '然后离开了。']);
  });

  it('does not split English inside decimals', () => {
    expect(sentences('The rate is 0.7 in Beijing. It is 0.5 elsewhere.')).toEqual([
      'The rate is 0.7 in Beijing.',
      'It is 0.5 elsewhere.',
    ]);
  });

  it('does not split after e.g. or i.e.', () => {
    expect(sentences('Bring proof, e.g. a contract. Then ask, i.e. Directly.')).toEqual([
      'Bring proof, e.g. a contract.',
      'Then ask, i.e. Directly.',
    ]);
  });

  it('does not split after No. before a number or after an initial', () => {
    expect(sentences('See No. 5 with J. Smith. Done.')).toEqual([
      'See No. 5 with J. Smith.',
      'Done.',
    ]);
  });

  it('splits English only before white space or the end', () => {
    expect(sentences('Visit dealwise.example.com today! Ok?')).toEqual([
      'Visit dealwise.example.com today!',
      'Ok?',
    ]);
  });

  it('splits mixed Chinese and English text', () => {
    expect(sentences('报销比例为70%。The DRG cap applies. 请确认。')).toEqual([
      '报销比例为70%。',
      'The DRG cap applies.',
      '请确认。',
    ]);
  });
});
