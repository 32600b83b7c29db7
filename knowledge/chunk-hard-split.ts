import { type TextSpan, trimSpan } from './chunk-sentences.ts';
import { estimateTokens } from './segment.ts';

const HAN = /\p{Script=Han}/u;
const SOFT_BREAK = /[\s，、,：:;；）)]/u;

/**
 * Cuts a span that is too long for one chunk, such as a sentence without punctuation, into
 * spans of at most `maxTokens`: at a line break or space or comma in the second half of
 * each piece where there is one, else between characters.
 */
export function hardSplit(text: string, span: TextSpan, maxTokens: number): TextSpan[] {
  const pieces: TextSpan[] = [];
  let start = span.start;
  while (start < span.end) {
    const end = cutPoint(text, { start, end: span.end }, maxTokens);
    const piece = trimSpan(text, { start, end });
    if (piece.end > piece.start) pieces.push(piece);
    start = end;
  }
  return pieces;
}

/** Where the first piece of the span ends. */
function cutPoint(text: string, span: TextSpan, maxTokens: number): number {
  if (estimateTokens(text.slice(span.start, span.end)) <= maxTokens) return span.end;

  let han = 0;
  let other = 0;
  let index = span.start;
  let lastBreak = -1;
  while (index < span.end) {
    const character = String.fromCodePoint(text.codePointAt(index) ?? 0);
    if (HAN.test(character)) han += 1;
    else other += 1;
    if (han + Math.ceil(other / 4) > maxTokens) break;

    index += character.length;
    if (SOFT_BREAK.test(character)) lastBreak = index;
  }

  const firstCharacter = String.fromCodePoint(text.codePointAt(span.start) ?? 0).length;
  const halfway = span.start + (index - span.start) / 2;
  if (lastBreak > halfway) return lastBreak;
  return Math.max(index, span.start + firstCharacter);
}
