import type { TextSpan } from './chunk-sentences.ts';
import { estimateTokens } from './segment.ts';

/** Bounds of a chunk in estimated tokens. */
export interface PackLimits {
  maxTokens: number;
  /** Whole units repeated from the end of one chunk at the start of the next; 0 for none. */
  overlapTokens: number;
}

/**
 * Groups consecutive units (sentences, paragraphs) of a text into as few spans as fit
 * `maxTokens` each, measured on the text the span covers. Each unit must fit on its own.
 * With an overlap, a span starts with the last whole units of the one before that fit in
 * `overlapTokens`.
 */
export function packSpans(
  text: string,
  units: readonly TextSpan[],
  limits: PackLimits,
): TextSpan[] {
  const tokensOf = (first: number, last: number): number =>
    estimateTokens(text.slice(units[first]?.start ?? 0, units[last]?.end ?? 0));

  const spans: TextSpan[] = [];
  let first = 0;
  while (first < units.length) {
    let last = first;
    while (last + 1 < units.length && tokensOf(first, last + 1) <= limits.maxTokens) last += 1;
    spans.push({ start: units[first]?.start ?? 0, end: units[last]?.end ?? 0 });
    if (last === units.length - 1) break;

    first = overlapStart({ first, last, limits, tokensOf });
  }
  return spans;
}

/** The first unit of the next span: after `last`, or earlier to repeat units as overlap. */
function overlapStart(options: {
  first: number;
  last: number;
  limits: PackLimits;
  tokensOf: (first: number, last: number) => number;
}): number {
  const { first, last, limits, tokensOf } = options;
  let start = last + 1;
  while (
    start - 1 > first &&
    tokensOf(start - 1, last) <= limits.overlapTokens &&
    tokensOf(start - 1, last + 1) <= limits.maxTokens
  ) {
    start -= 1;
  }
  return start;
}
