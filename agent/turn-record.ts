import type { StoredCitation, StoredToolCall } from '../db/schema/index.ts';
import { citationKey, type ToolCitation } from '../tools/tool-citation.ts';
import type { PendingConfirmation } from '../tools/tool-definition.ts';

/** A write a tool prepared in this turn, waiting for the user's confirmation. */
export interface PendingWrite extends PendingConfirmation {
  tool: string;
}

/**
 * What a turn's tools did: their calls and results, the sources they cited (numbered
 * for the answer's [n] markers, across all tools of the turn) and writes awaiting
 * confirmation.
 */
export class TurnRecord {
  readonly toolCalls: StoredToolCall[] = [];
  readonly pendingWrites: PendingWrite[] = [];
  readonly #citations = new Map<string, StoredCitation>();

  /** Numbers a tool's citations, reusing the number of a source cited before. */
  cite(citations: readonly ToolCitation[]): StoredCitation[] {
    return citations.map((citation) => {
      const key = citationKey(citation);
      const known = this.#citations.get(key);
      if (known) return known;
      const numbered: StoredCitation = { ...citation, n: this.#citations.size + 1 };
      this.#citations.set(key, numbered);
      return numbered;
    });
  }

  /** Every numbered source of the turn, in order. */
  citations(): StoredCitation[] {
    return [...this.#citations.values()];
  }

  /** The sources an answer cites by [n], or all of them when it cites none by number. */
  citedIn(answer: string): StoredCitation[] {
    const cited = new Set([...answer.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1])));
    const all = this.citations();
    if (cited.size === 0) return all;
    return all.filter((citation) => cited.has(citation.n));
  }
}
