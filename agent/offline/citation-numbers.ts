import { citationKey, type ToolCitation } from '../../tools/tool-citation.ts';

/**
 * The numbers of a turn's citations: the n-th distinct citation across the tool results,
 * in the order the results and their citations came, is [n].
 */
export class CitationNumbers {
  readonly #numbers = new Map<string, number>();
  readonly #citations: ToolCitation[] = [];

  constructor(citations: readonly ToolCitation[]) {
    for (const citation of citations) {
      const key = citationKey(citation);
      if (this.#numbers.has(key)) continue;
      this.#citations.push(citation);
      this.#numbers.set(key, this.#citations.length);
    }
  }

  /** `[n]` for a citation, or '' when the tool results did not cite it. */
  marker(citation: ToolCitation | undefined): string {
    return citation === undefined ? '' : this.markerOfKey(citationKey(citation));
  }

  /** `[n]` for a citation key such as `signal:<id>`, or '' when unknown. */
  markerOfKey(key: string): string {
    const number = this.#numbers.get(key);
    return number === undefined ? '' : `[${number}]`;
  }

  /** The markers of several keys, each once, in number order. */
  markersOfKeys(keys: readonly string[]): string {
    const markers = new Set(keys.map((key) => this.markerOfKey(key)).filter(Boolean));
    return [...markers].sort((left, right) => numberOf(left) - numberOf(right)).join('');
  }

  /** Every citation, numbered from 1 in order. */
  get all(): readonly ToolCitation[] {
    return this.#citations;
  }
}

function numberOf(marker: string): number {
  return Number(marker.slice(1, -1));
}
