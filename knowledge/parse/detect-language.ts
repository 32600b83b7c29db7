import type { DocumentLanguage } from './parsed-document.ts';

const HAN = /\p{Script=Han}/u;
const LETTER = /\p{L}/u;

/**
 * The language of a text by the share of Chinese characters among its letters: over 60%
 * is Chinese, under 10% English, anything between mixed. A text without letters is English.
 */
export function detectLanguage(text: string): DocumentLanguage {
  let han = 0;
  let letters = 0;
  for (const character of text) {
    if (HAN.test(character)) han += 1;
    if (LETTER.test(character)) letters += 1;
  }
  if (letters === 0) return 'en';

  const share = han / letters;
  if (share > 0.6) return 'zh';
  if (share < 0.1) return 'en';
  return 'mixed';
}
