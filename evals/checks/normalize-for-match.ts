/**
 * Text in the form facts are matched in: full-width letters, digits and punctuation made
 * half-width (NFKC), lower case, thousands separators dropped, whitespace collapsed.
 */
export function normalizeForMatch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/(\d),(?=\d{3}\b)/g, '$1')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when the text contains the fragment once both are normalised; spaces are optional. */
export function containsNormalized(text: string, fragment: string): boolean {
  const haystack = normalizeForMatch(text);
  const needle = normalizeForMatch(fragment);
  if (haystack.includes(needle)) return true;
  return haystack.replace(/ /g, '').includes(needle.replace(/ /g, ''));
}
