import { splitText } from '../split-text.ts';

/** The UTF-8 size of a text: 1 byte per ASCII character, 3 per Chinese character. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * Splits text into pieces of at most `maxBytes` UTF-8 bytes, for platforms that cap messages
 * by bytes (WeCom). Breaks where splitText would; a piece that is too large is split again with
 * a character limit scaled down by its bytes per character, so English keeps long pieces and
 * Chinese gets about a third as many characters.
 */
export function splitTextByBytes(text: string, maxBytes: number): string[] {
  if (maxBytes < 8) throw new RangeError('maxBytes must be at least 8');
  return splitText(text, maxBytes).flatMap((piece) => fitPiece(piece, maxBytes));
}

function fitPiece(piece: string, maxBytes: number): string[] {
  const bytes = utf8Length(piece);
  if (bytes <= maxBytes) return [piece];

  // Strictly fewer characters than the piece has, so every round makes progress.
  const limit = Math.max(2, Math.floor((piece.length * maxBytes) / bytes));
  return splitText(piece, limit).flatMap((smaller) => fitPiece(smaller, maxBytes));
}
