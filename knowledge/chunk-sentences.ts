/** A span of a text, by offsets. */
export interface TextSpan {
  start: number;
  end: number;
}

const CHINESE_END = /[。！？；!?…]+[”’」』）)】"']*/gu;
const LATIN_END = /[.!?]+["')\]’”]*(?=\s|$)/g;
const ALWAYS_ABBREVIATION = new Set([
  'e.g',
  'i.e',
  'vs',
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'cf',
  'al',
]);
const ABBREVIATION_BEFORE_NUMBER = new Set(['no', 'fig', 'p', 'pp', 'vol', 'art', 'sec', 'approx']);

/**
 * The sentences of `text[span.start, span.end)`, as trimmed spans. Sentences end at 。！？；
 * (with closing quotes), and at . ! ? followed by a space or the end — not inside numbers
 * such as 0.7, nor after abbreviations (e.g., No. 5, J. Smith) or before a lower-case word.
 * Text after the last sentence end is a sentence too.
 */
// Limitation: English sentence ends are found by heuristics; unlisted abbreviations split.
export function splitSentences(text: string, span: TextSpan): TextSpan[] {
  const ends = sentenceEnds(text.slice(span.start, span.end)).map((end) => end + span.start);
  const sentences: TextSpan[] = [];
  let start = span.start;
  for (const end of [...ends, span.end]) {
    const sentence = trimSpan(text, { start, end });
    if (sentence.end > sentence.start) sentences.push(sentence);
    start = end;
  }
  return sentences;
}

/** The span without the white space at its ends. */
export function trimSpan(text: string, span: TextSpan): TextSpan {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start] ?? '')) start += 1;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end -= 1;
  return { start, end };
}

function sentenceEnds(text: string): number[] {
  const ends = new Set<number>();
  for (const match of text.matchAll(CHINESE_END)) ends.add(match.index + match[0].length);
  for (const match of text.matchAll(LATIN_END)) {
    if (!isAbbreviation(text, match.index)) ends.add(match.index + match[0].length);
  }
  return [...ends].sort((left, right) => left - right);
}

/** True when the full stop at `index` ends an abbreviation or initial, not a sentence. */
function isAbbreviation(text: string, index: number): boolean {
  if (text[index] !== '.') return false;

  const word = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, index - 12), index))?.[1] ?? '';
  const lower = word.toLowerCase();
  const next = /^\s*(\S)/u.exec(text.slice(index + 1))?.[1] ?? '';
  if (ALWAYS_ABBREVIATION.has(lower)) return true;
  if (ABBREVIATION_BEFORE_NUMBER.has(lower) && /\d/.test(next)) return true;
  if (/^\p{Lu}$/u.test(word) && /\p{Lu}/u.test(next)) return true;
  return /\p{Ll}/u.test(next);
}
