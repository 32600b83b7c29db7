const CITATION_MARKER = /\[\d+\]/g;

/** The answer's text without its [n] citation markers, so they do not count as numbers. */
export function answerText(text: string): string {
  return text.replace(CITATION_MARKER, ' ');
}
