const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Characters a streamed piece grows to before it is sent. */
const PIECE_LENGTH = 8;

/**
 * A text cut into small pieces at word boundaries, as a model would stream it; joined,
 * the pieces are the text again.
 */
export function streamPieces(text: string): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const { segment } of segmenter.segment(text)) {
    piece += segment;
    if (piece.length >= PIECE_LENGTH) {
      pieces.push(piece);
      piece = '';
    }
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}
