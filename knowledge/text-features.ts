/**
 * Turns a text into the words and Chinese character runs the offline embedder hashes.
 * Words follow `segmentWords` (NFKC, lower case, Intl.Segmenter for Chinese), but only
 * Chinese runs go through the segmenter: it is slow on Latin text, where a regular
 * expression gives the same words.
 */

import { isStopWord } from './stop-words.ts';

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** A run of Chinese characters, or a run of other letters and digits. */
const TOKEN = /(\p{Script=Han}+)|(?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}])+/gu;
const LATIN_WORD = /^[a-z]+$/;

/** What the offline embedder hashes from one text. */
export interface TextFeatures {
  /** Every word in order, lower-cased, English plurals folded: what glossary phrases match. */
  allWords: string[];
  /** The same words without stop words: what word unigrams and bigrams are made of. */
  contentWords: string[];
  /** Runs of Chinese characters, for character bigrams and glossary matching. */
  hanRuns: string[];
}

/** Splits a text into words and Chinese runs, the same way for passages and queries. */
export function analyseText(text: string): TextFeatures {
  const features: TextFeatures = { allWords: [], contentWords: [], hanRuns: [] };
  const normalized = text.normalize('NFKC').toLowerCase();

  for (const match of normalized.matchAll(TOKEN)) {
    const han = match[1];
    if (han === undefined) {
      addWord(features, match[0]);
      continue;
    }
    features.hanRuns.push(han);
    for (const { segment, isWordLike } of segmenter.segment(han)) {
      if (isWordLike) addWord(features, segment);
    }
  }
  return features;
}

/**
 * Folds common English plural endings (policies → policy, prices → price,
 * boxes → box); other words are returned unchanged.
 */
export function foldPlural(word: string): string {
  if (word.length < 4 || !LATIN_WORD.test(word)) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:sses|ches|shes|xes)$/.test(word)) return word.slice(0, -2);
  if (/(?:ss|us|is)$/.test(word) || !word.endsWith('s')) return word;
  return word.slice(0, -1);
}

function addWord(features: TextFeatures, word: string): void {
  const folded = foldPlural(word);
  features.allWords.push(folded);
  if (!isStopWord(word)) features.contentWords.push(folded);
}
