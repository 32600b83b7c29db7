import type { Citation } from '../knowledge/citation.ts';

/** A passage of the knowledge base, as hybrid search cites it. */
export type KnowledgeCitation = Citation & { kind: 'knowledge' };

/** A CRM or policy record a tool's answer rests on: an account, a signal, a policy rule. */
export interface RecordCitation {
  kind: 'record';
  resourceType: 'account' | 'contact' | 'deal' | 'lead' | 'activity' | 'signal' | 'policy';
  id: string;
  title: string;
  /** Where the record came from outside Dealwise, e.g. a tender notice's URL. */
  sourceUrl: string | null;
  /** Human-readable place or date, e.g. `published 2026-11-15`. */
  locator: string;
}

/** Where a tool's claim comes from: a knowledge passage or a record. */
export type ToolCitation = KnowledgeCitation | RecordCitation;

/** A knowledge citation marked as such. */
export function knowledgeCitation(citation: Citation): KnowledgeCitation {
  return { kind: 'knowledge', ...citation };
}

/** A stable key of a citation, for de-duplicating and for claims to point at. */
export function citationKey(citation: ToolCitation): string {
  return citation.kind === 'knowledge'
    ? `knowledge:${citation.chunkId}`
    : `${citation.resourceType}:${citation.id}`;
}

/** The citations without repeats, first occurrence kept. */
export function uniqueCitations(citations: readonly ToolCitation[]): ToolCitation[] {
  const seen = new Map<string, ToolCitation>();
  for (const citation of citations) {
    const key = citationKey(citation);
    if (!seen.has(key)) seen.set(key, citation);
  }
  return [...seen.values()];
}
