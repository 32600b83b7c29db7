/**
 * Word segmentation for Chinese and English alike, with the built-in Intl.Segmenter,
 * so that full-text search and the offline embedder work on words on any PostgreSQL,
 * without server extensions such as zhparser.
 */

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

const HAN = /\p{Script=Han}/u;
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/**
 * The words of a text, lower-cased, in order: English words as they are, Chinese split
 * into dictionary words (招标公告 → 招标, 公告). Punctuation and spaces are dropped.
 */
export function segmentWords(text: string): string[] {
  const words: string[] = [];
  for (const { segment, isWordLike } of segmenter.segment(text.normalize('NFKC'))) {
    if (isWordLike || WORD_CHARACTER.test(segment)) words.push(segment.toLowerCase());
  }
  return words;
}

const HAN_RUN = /\p{Script=Han}{2,}/gu;

/**
 * The terms full-text search indexes and looks for: the words, plus every pair of
 * neighbouring Chinese characters. The pairs match where the segmenter split a compound
 * differently (授权书 → 授权 + 书, yet 权书 still singles it out).
 */
export function searchTerms(text: string): string[] {
  const normalized = text.normalize('NFKC');
  return [...segmentWords(normalized), ...hanPairs(normalized)];
}

/** Every pair of neighbouring Chinese characters in the text, in order. */
export function hanPairs(text: string): string[] {
  const pairs: string[] = [];
  for (const run of text.match(HAN_RUN) ?? []) {
    const characters = [...run];
    for (let index = 0; index + 1 < characters.length; index += 1) {
      pairs.push(`${characters[index]}${characters[index + 1]}`);
    }
  }
  return pairs;
}

/** The text's search terms, space-separated: what `to_tsvector('simple', …)` is given. */
export function segmentForSearch(text: string): string {
  return searchTerms(text).join(' ');
}

/** True when the text contains Chinese characters. */
export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/**
 * An estimate of the tokens a model sees for the text: about one per Chinese character,
 * four characters per token elsewhere. Used to bound chunks without a tokenizer.
 */
export function estimateTokens(text: string): number {
  let han = 0;
  let other = 0;
  for (const character of text) {
    if (HAN.test(character)) han += 1;
    else other += 1;
  }
  return han + Math.ceil(other / 4);
}
