import { describe, expect, it } from 'vitest';
import { estimateTokens, segmentForSearch, segmentWords } from './segment.ts';

describe('segmentWords', () => {
  it('splits Chinese into words without spaces', () => {
    expect(segmentWords('医院发布了招标公告')).toEqual(['医院', '发布', '了', '招标', '公告']);
  });

  it('lower-cases English and drops punctuation', () => {
    expect(segmentWords('Handle the DRG objection, then ask.')).toEqual([
      'handle',
      'the',
      'drg',
      'objection',
      'then',
      'ask',
    ]);
  });

  it('keeps product codes and numbers whole in mixed text', () => {
    expect(segmentWords('产品C0310052 报销比例70%')).toEqual(
      expect.arrayContaining(['c0310052', '70']),
    );
  });

  it('folds full-width characters to their ordinary form', () => {
    expect(segmentWords('ＤＲＧ改革')).toContain('drg');
  });
});

describe('segmentForSearch', () => {
  it('joins the words and the Chinese character pairs with spaces for to_tsvector', () => {
    expect(segmentForSearch('招标公告 tender')).toBe('招标 公告 tender 招标 标公 公告');
  });
});

describe('estimateTokens', () => {
  it('counts a Chinese character as a token and four other characters as one', () => {
    expect(estimateTokens('招标')).toBe(2);
    expect(estimateTokens('abcdefgh')).toBe(2);
  });
});
