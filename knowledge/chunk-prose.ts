import { hardSplit } from './chunk-hard-split.ts';
import { type PackLimits, packSpans } from './chunk-pack.ts';
import { splitSentences, type TextSpan, trimSpan } from './chunk-sentences.ts';
import { estimateTokens } from './segment.ts';

/**
 * The chunk spans of consecutive prose sections under one heading and page: small
 * paragraphs merged up to the bound; a paragraph over the bound split at sentence ends,
 * with overlap, and a sentence over the bound cut hard.
 */
export function proseSpans(
  text: string,
  sections: readonly TextSpan[],
  limits: PackLimits,
): TextSpan[] {
  const spans: TextSpan[] = [];
  let smallParagraphs: TextSpan[] = [];
  const mergeSmallParagraphs = (): void => {
    spans.push(...packSpans(text, smallParagraphs, { ...limits, overlapTokens: 0 }));
    smallParagraphs = [];
  };

  for (const paragraph of sections.flatMap((section) => paragraphs(text, section))) {
    if (tokens(text, paragraph) <= limits.maxTokens) {
      smallParagraphs.push(paragraph);
      continue;
    }
    mergeSmallParagraphs();
    spans.push(...packSpans(text, sentenceUnits(text, paragraph, limits.maxTokens), limits));
  }
  mergeSmallParagraphs();
  return spans;
}

function paragraphs(text: string, section: TextSpan): TextSpan[] {
  const spans: TextSpan[] = [];
  const breaks = /\n[^\S\n]*\n\s*/g;
  breaks.lastIndex = section.start;
  let start = section.start;
  for (
    let match = breaks.exec(text);
    match && match.index < section.end;
    match = breaks.exec(text)
  ) {
    spans.push(trimSpan(text, { start, end: match.index }));
    start = match.index + match[0].length;
  }
  spans.push(trimSpan(text, { start, end: section.end }));
  return spans.filter((span) => span.end > span.start);
}

function sentenceUnits(text: string, paragraph: TextSpan, maxTokens: number): TextSpan[] {
  return splitSentences(text, paragraph).flatMap((sentence) =>
    tokens(text, sentence) > maxTokens ? hardSplit(text, sentence, maxTokens) : [sentence],
  );
}

function tokens(text: string, span: TextSpan): number {
  return estimateTokens(text.slice(span.start, span.end));
}
