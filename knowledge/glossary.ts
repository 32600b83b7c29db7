import { GLOSSARY_TERMS } from './glossary-terms.ts';
import { analyseText } from './text-features.ts';

/**
 * The cross-lingual bridge of the offline embedder: a hand-written glossary of about
 * 250 sales, procurement, medical-device, insurance and company-filing concepts, each
 * with its Chinese and English forms. A text that mentions a form gets the concept,
 * so 'reimbursement ratio' and '报销比例' share a feature and an English query can
 * find a Chinese passage.
 *
 * What it can do: match listed forms exactly, Chinese as substrings (so it does not
 * depend on how the segmenter splits), English word by word with plurals folded.
 * What it cannot: know any term that is not listed, paraphrases, abbreviations it was
 * not given, or word sense — a Chinese form inside an unrelated longer word still
 * matches (领导管理 contains 导管, catheter), and English forms that are common words
 * were left out or kept only in longer phrases. It bridges domain vocabulary, not
 * language: two texts that share no listed concept stay unrelated across languages.
 */

/** One concept with its forms in both languages. */
export interface GlossaryEntry {
  /** The concept's name: its first English form. */
  concept: string;
  chinese: readonly string[];
  english: readonly string[];
}

/** A text already split by `analyseText`: what concepts are looked up in. */
export interface GlossaryInput {
  allWords: readonly string[];
  hanRuns: readonly string[];
}

interface EnglishForm {
  concept: string;
  words: readonly string[];
}

/** Every glossary concept, parsed from the term table. */
export const GLOSSARY: readonly GlossaryEntry[] = GLOSSARY_TERMS.map(([chinese, english]) => {
  const englishForms = english.split('|');
  return {
    concept: englishForms[0] ?? english,
    chinese: chinese.split('|'),
    english: englishForms,
  };
});

/** Chinese forms by their first two characters, so a scan looks up one key per position. */
const chineseIndex = new Map<string, { form: string; concept: string }[]>();
/** English forms by their first word. */
const englishIndex = new Map<string, EnglishForm[]>();

for (const entry of GLOSSARY) {
  for (const form of entry.chinese) {
    appendTo(chineseIndex, form.slice(0, 2), { form, concept: entry.concept });
  }
  for (const form of entry.english) {
    const words = analyseText(form).allWords;
    const first = words[0];
    if (first !== undefined) appendTo(englishIndex, first, { concept: entry.concept, words });
  }
}

/**
 * The glossary concepts a text mentions, once per form found. Overlapping forms all
 * count: 异议处理 gives both 'objection' and 'objection handling'.
 */
export function findConcepts(input: GlossaryInput): string[] {
  const concepts: string[] = [];
  for (const run of input.hanRuns) findChineseConcepts(run, concepts);
  findEnglishConcepts(input.allWords, concepts);
  return concepts;
}

function findChineseConcepts(run: string, concepts: string[]): void {
  for (let start = 0; start + 2 <= run.length; start += 1) {
    const candidates = chineseIndex.get(run.slice(start, start + 2));
    if (candidates === undefined) continue;
    for (const { form, concept } of candidates) {
      if (run.startsWith(form, start)) concepts.push(concept);
    }
  }
}

function findEnglishConcepts(words: readonly string[], concepts: string[]): void {
  for (let start = 0; start < words.length; start += 1) {
    const candidates = englishIndex.get(words[start] ?? '');
    if (candidates === undefined) continue;
    for (const candidate of candidates) {
      if (matchesAt(words, start, candidate.words)) concepts.push(candidate.concept);
    }
  }
}

function matchesAt(words: readonly string[], start: number, phrase: readonly string[]): boolean {
  if (start + phrase.length > words.length) return false;
  return phrase.every((word, offset) => words[start + offset] === word);
}

function appendTo<T>(index: Map<string, T[]>, key: string, value: T): void {
  const list = index.get(key);
  if (list === undefined) index.set(key, [value]);
  else list.push(value);
}
