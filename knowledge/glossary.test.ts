import { describe, expect, it } from 'vitest';
import { findConcepts, GLOSSARY } from './glossary.ts';
import { analyseText } from './text-features.ts';

function conceptsOf(text: string): string[] {
  return findConcepts(analyseText(text));
}

describe('GLOSSARY', () => {
  it('holds between 150 and 300 concepts, each with both languages', () => {
    expect(GLOSSARY.length).toBeGreaterThanOrEqual(150);
    expect(GLOSSARY.length).toBeLessThanOrEqual(300);
    for (const entry of GLOSSARY) {
      expect(entry.chinese.length, entry.concept).toBeGreaterThan(0);
      expect(entry.english.length, entry.concept).toBeGreaterThan(0);
    }
  });

  it('writes Chinese forms as two or more Chinese characters only', () => {
    const malformed = GLOSSARY.flatMap((entry) => entry.chinese).filter(
      (form) => !/^\p{Script=Han}{2,}$/u.test(form),
    );
    expect(malformed).toEqual([]);
  });

  it('gives every form to one concept only', () => {
    const forms = GLOSSARY.flatMap((entry) => [
      ...entry.chinese,
      ...entry.english.map((form) => analyseText(form).allWords.join(' ')),
    ]);
    const repeated = forms.filter((form, index) => forms.indexOf(form) !== index);
    expect(repeated).toEqual([]);
  });
});

describe('findConcepts', () => {
  it('maps Chinese and English forms of a term to the same concept', () => {
    expect(conceptsOf('报销比例')).toContain('reimbursement ratio');
    expect(conceptsOf('What is the reimbursement ratio?')).toContain('reimbursement ratio');
  });

  it('finds Chinese forms inside longer runs, whatever the segmenter does', () => {
    expect(conceptsOf('设备科发布了输液泵招标公告')).toEqual(
      expect.arrayContaining(['equipment department', 'infusion pump', 'tender', 'tender notice']),
    );
  });

  it('matches English forms in the plural and in any case', () => {
    expect(conceptsOf('Infusion Pumps and CONSUMABLES')).toEqual(['infusion pump', 'consumable']);
  });

  it('finds listed acronyms inside Chinese text', () => {
    expect(conceptsOf('DRG改革后的报价策略')).toEqual(expect.arrayContaining(['drg', 'quotation']));
  });

  it('finds nothing in text without listed terms', () => {
    expect(conceptsOf('今天天气很好 the weather is nice')).toEqual([]);
  });
});
