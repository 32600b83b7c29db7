import type { StoredCitation } from '../db/schema/index.ts';

/**
 * Where a chat reader can open a cited source: the record's own source URL (a tender
 * notice's page, say), else the document in the portal at `<base>/documents/<id>#<chunk>`
 * when a citation base URL is configured. Undefined when there is no such place.
 */
export function citationUrl(
  citation: StoredCitation,
  baseUrl: string | undefined,
): string | undefined {
  const sourceUrl = citation.sourceUrl;
  if (typeof sourceUrl === 'string' && /^https?:\/\//.test(sourceUrl)) return sourceUrl;
  if (baseUrl === undefined || typeof citation.documentId !== 'string') return undefined;

  const chunk =
    typeof citation.chunkId === 'string' ? `#${encodeURIComponent(citation.chunkId)}` : '';
  return `${baseUrl.replace(/\/+$/, '')}/documents/${encodeURIComponent(citation.documentId)}${chunk}`;
}
