const LINE_END = /\r\n?|\u2028|\u2029/g;
const INVISIBLE = /[\u200b\u2060\ufeff]/g;
const SPACES = /[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;

/**
 * Text in one canonical form for indexing: NFC, `\n` line ends, runs of spaces collapsed
 * to one, no spaces at line ends, at most one blank line in a row. Chinese punctuation and
 * full-width characters are kept as they are.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(LINE_END, '\n')
    .replace(INVISIBLE, '')
    .replace(SPACES, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
