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

/** The text as space-separated words: what `to_tsvector('simple', …)` is given. */
export function segmentForSearch(text: string): string {
  return segmentWords(text).join(' ');
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
