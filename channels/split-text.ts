/** Where a break is least disruptive, best first: paragraph, line, sentence, word. */
const BREAKS: readonly RegExp[] = [/\n\s*\n/g, /\n/g, /(?<=[。！？；.!?;])\s*/g, /\s+/g];

/**
 * Splits text into pieces of at most `maxLength` UTF-16 units for platforms that cap a
 * message's length, breaking at the last paragraph, line, sentence (Chinese or English) or
 * space that fits, and only mid-word when nothing else does; never inside a surrogate pair.
 */
export function splitText(text: string, maxLength: number): string[] {
  if (maxLength < 2) throw new RangeError('maxLength must be at least 2');
  const pieces: string[] = [];
  let rest = text.trim();

  while (rest.length > maxLength) {
    const cut = breakBefore(rest, maxLength);
    const piece = rest.slice(0, cut).trimEnd();
    if (piece.length > 0) pieces.push(piece);
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

function breakBefore(text: string, maxLength: number): number {
  const window = text.slice(0, maxLength + 1);
  for (const pattern of BREAKS) {
    const cut = lastMatchEnd(window, pattern, maxLength);
    // A break in the first fifth would leave a tiny piece; try a finer kind of break.
    if (cut !== undefined && cut > maxLength / 5) return cut;
  }
  return safeCut(text, maxLength);
}

function lastMatchEnd(window: string, pattern: RegExp, maxLength: number): number | undefined {
  let best: number | undefined;
  for (const match of window.matchAll(pattern)) {
    const end = match.index + match[0].length;
    if (match.index > 0 && match.index <= maxLength) best = Math.min(end, maxLength);
  }
  return best;
}

function safeCut(text: string, maxLength: number): number {
  const code = text.charCodeAt(maxLength - 1);
  const isHighSurrogate = code >= 0xd800 && code <= 0xdbff;
  return isHighSurrogate ? maxLength - 1 : maxLength;
}
