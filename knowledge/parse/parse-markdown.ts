import { DocumentBuilder } from './document-builder.ts';
import { stripInlineMarkdown } from './markdown-inline.ts';
import type { ParsedDocument } from './parsed-document.ts';
import { renderTableRow } from './render-table-row.ts';

/** The MIME type of Markdown documents. */
export const MARKDOWN_MIME_TYPE = 'text/markdown';

const ATX_HEADING = /^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
const FENCE = /^ {0,3}(```|~~~)/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(\s*\1){2,}\s*$/;

// Limitation: a light line reader: no nested quotes or reference links; a list is one section.
/**
 * Parses Markdown into one document: a prose section per paragraph, list or code block, a
 * table-row section per table row (header kept in each row), each under its heading path.
 */
export function parseMarkdown(options: { title: string; text: string }): ParsedDocument {
  const reader = new MarkdownReader(options.text.replace(/\r\n?/g, '\n').split('\n'));
  reader.read();
  return reader.builder.build({
    title: reader.firstHeading ?? options.title,
    mimeType: MARKDOWN_MIME_TYPE,
  });
}

class MarkdownReader {
  readonly builder = new DocumentBuilder();
  firstHeading: string | undefined;
  #lines: string[];
  #index = 0;
  #paragraph: string[] = [];
  #headings: { level: number; text: string }[] = [];

  constructor(lines: string[]) {
    this.#lines = lines;
  }

  read(): void {
    this.#skipFrontMatter();
    while (this.#index < this.#lines.length) {
      const line = this.#lines[this.#index] ?? '';
      this.#index += 1;
      this.#readLine(line);
    }
    this.#flush();
  }

  #readLine(line: string): void {
    const heading = ATX_HEADING.exec(line);
    const setextLevel = this.#setextLevel(line);
    if (heading) this.#heading((heading[1] ?? '#').length, heading[2] ?? '');
    else if (setextLevel !== undefined) this.#heading(setextLevel, this.#paragraph.pop() ?? '');
    else if (FENCE.test(line)) this.#fencedCode(line);
    else if (this.#startsTable(line)) this.#table(line);
    else if (line.trim() === '' || THEMATIC_BREAK.test(line)) this.#flush();
    else this.#paragraph.push(stripInlineMarkdown(line));
  }

  #skipFrontMatter(): void {
    if (this.#lines[0]?.trim() !== '---') return;
    const end = this.#lines.findIndex((line, index) => index > 0 && /^(---|\.\.\.)\s*$/.test(line));
    if (end > 0) this.#index = end + 1;
  }

  #setextLevel(line: string): number | undefined {
    if (this.#paragraph.length !== 1) return undefined;
    if (/^ {0,3}=+\s*$/.test(line)) return 1;
    if (/^ {0,3}-+\s*$/.test(line)) return 2;
    return undefined;
  }

  #heading(level: number, rawText: string): void {
    this.#flush();
    const text = stripInlineMarkdown(rawText).trim();
    if (text === '') return;

    if (level === 1 && this.firstHeading === undefined) this.firstHeading = text;
    this.#headings = [
      ...this.#headings.filter((heading) => heading.level < level),
      { level, text },
    ];
    this.builder.addText(text);
  }

  #fencedCode(openingLine: string): void {
    this.#flush();
    const marker = FENCE.exec(openingLine)?.[1] ?? '```';
    const code: string[] = [];
    while (this.#index < this.#lines.length) {
      const line = this.#lines[this.#index] ?? '';
      this.#index += 1;
      if (line.trimStart().startsWith(marker)) break;
      code.push(line);
    }
    this.builder.addSection(code.join('\n'), { kind: 'prose', heading: this.#headingPath() });
  }

  #startsTable(line: string): boolean {
    const next = this.#lines[this.#index];
    return line.includes('|') && next !== undefined && TABLE_SEPARATOR.test(next);
  }

  #table(headerLine: string): void {
    this.#flush();
    const headers = splitTableRow(headerLine);
    this.#index += 1;

    let rowNumber = 0;
    while (this.#index < this.#lines.length) {
      const line = this.#lines[this.#index] ?? '';
      if (line.trim() === '' || !line.includes('|')) break;
      this.#index += 1;
      rowNumber += 1;
      this.builder.addSection(renderTableRow(headers, splitTableRow(line)), {
        kind: 'table-row',
        heading: this.#headingPath(),
        rowNumber,
      });
    }
  }

  #flush(): void {
    if (this.#paragraph.length === 0) return;
    this.builder.addSection(this.#paragraph.join('\n'), {
      kind: 'prose',
      heading: this.#headingPath(),
    });
    this.#paragraph = [];
  }

  #headingPath(): string | undefined {
    if (this.#headings.length === 0) return undefined;
    return this.#headings.map((heading) => heading.text).join(' > ');
  }
}

function splitTableRow(line: string): string[] {
  const trimmed = line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  return trimmed.split(/(?<!\\)\|/).map((cell) => stripInlineMarkdown(cell.replace(/\\\|/g, '|')));
}
