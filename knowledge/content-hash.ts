import { createHash } from 'node:crypto';

/** A SHA-256 over the parts of a document that change what search returns for it. */
export function contentHash(parts: unknown[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(JSON.stringify(part ?? null)).update('\u0000');
  return hash.digest('hex');
}
