/** Request headers as a web `Headers` object or a plain record, as Node and Hono hand them over. */
export type HeaderSource = Headers | Readonly<Record<string, string | string[] | undefined>>;

/**
 * Reads one header by case-insensitive name; a repeated header gives its first value, and an
 * empty or absent header gives `undefined`.
 */
export function readHeader(headers: HeaderSource, name: string): string | undefined {
  const value = headers instanceof Headers ? headers.get(name) : findInRecord(headers, name);
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === null || first === '' ? undefined : first;
}

function findInRecord(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  name: string,
): string | string[] | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}
