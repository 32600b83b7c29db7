import { detectLanguage } from './detect-language.ts';
import { normalizeText } from './normalize-text.ts';
import type { ParsedDocument, ParsedSection } from './parsed-document.ts';

/** Where a section sits in its document, apart from its offsets. */
export type SectionPlace = Omit<ParsedSection, 'start' | 'end'>;

/**
 * Assembles a document's text block by block and records a section for each block, so
 * that every section's offsets point at its normalized text. Blocks are separated by a
 * blank line; consecutive table rows by a line break.
 */
export class DocumentBuilder {
  #text = '';
  #sections: ParsedSection[] = [];
  #lastWasRow = false;

  /** Appends a block as a section; blank blocks are skipped. */
  addSection(text: string, place: SectionPlace): void {
    const isRow = place.kind === 'table-row';
    const start = this.#append(text, isRow && this.#lastWasRow ? '\n' : '\n\n');
    if (start === undefined) return;

    this.#sections.push({ start, end: this.#text.length, ...definedOnly(place) });
    this.#lastWasRow = isRow;
  }

  /** Appends text that belongs to no section, such as a heading line or a sheet name. */
  addText(text: string): void {
    if (this.#append(text, '\n\n') !== undefined) this.#lastWasRow = false;
  }

  /** True when no section has been added. */
  get isEmpty(): boolean {
    return this.#sections.length === 0;
  }

  /** The finished document. */
  build(options: {
    title: string;
    mimeType: string;
    sourceId?: string;
    metadata?: Record<string, unknown>;
  }): ParsedDocument {
    const document: ParsedDocument = {
      title: normalizeText(options.title).replace(/\n/g, ' '),
      text: this.#text,
      sections: this.#sections,
      mimeType: options.mimeType,
      language: detectLanguage(this.#text),
      metadata: options.metadata ?? {},
    };
    if (options.sourceId !== undefined) document.sourceId = options.sourceId;
    return document;
  }

  #append(text: string, separator: string): number | undefined {
    const normalized = normalizeText(text);
    if (normalized === '') return undefined;

    if (this.#text !== '') this.#text += separator;
    const start = this.#text.length;
    this.#text += normalized;
    return start;
  }
}

function definedOnly(place: SectionPlace): SectionPlace {
  const result: SectionPlace = { kind: place.kind };
  if (place.heading) result.heading = place.heading;
  if (place.page !== undefined) result.page = place.page;
  if (place.rowNumber !== undefined) result.rowNumber = place.rowNumber;
  return result;
}
