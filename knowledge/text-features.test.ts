import { describe, expect, it } from 'vitest';
import { analyseText, foldPlural } from './text-features.ts';

describe('analyseText', () => {
  it('splits Chinese into words and keeps its character runs', () => {
    const features = analyseText('医院发布了招标公告');
    expect(features.contentWords).toEqual(['医院', '发布', '招标', '公告']);
    expect(features.hanRuns).toEqual(['医院发布了招标公告']);
  });

  it('drops stop words from content words but keeps them for phrase matching', () => {
    const features = analyseText('The letter of intent');
    expect(features.allWords).toEqual(['the', 'letter', 'of', 'intent']);
    expect(features.contentWords).toEqual(['letter', 'intent']);
  });

  it('separates codes and Chinese written without a space', () => {
    expect(analyseText('产品C0310052报销').contentWords).toEqual(['产品', 'c0310052', '报销']);
  });

  it('folds full-width letters to their ordinary form', () => {
    expect(analyseText('ＤＲＧ').contentWords).toEqual(['drg']);
  });
});

describe('foldPlural', () => {
  it('folds regular English plurals', () => {
    expect(['policies', 'prices', 'boxes', 'pumps'].map(foldPlural)).toEqual([
      'policy',
      'price',
      'box',
      'pump',
    ]);
  });

  it('leaves words that only look plural alone', () => {
    expect(['process', 'status', 'analysis', 'bus', '招标'].map(foldPlural)).toEqual([
      'process',
      'status',
      'analysis',
      'bus',
      '招标',
    ]);
  });
});
