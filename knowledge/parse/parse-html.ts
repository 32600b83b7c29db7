import { type HTMLElement, type Node, NodeType, parse } from 'node-html-parser';
import { DocumentBuilder } from './document-builder.ts';
import type { ParsedDocument } from './parsed-document.ts';
import { renderTableRow } from './render-table-row.ts';

/** The MIME type of HTML documents. */
export const HTML_MIME_TYPE = 'text/html';

const DROPPED = new Set([
  'script',
  'style',
  'nav',
  'noscript',
  'template',
  'svg',
  'iframe',
  'head',
]);
const BLOCKS = new Set([
  ...['p', 'div', 'section', 'article', 'main', 'aside', 'header', 'footer', 'li', 'ul', 'ol'],
  ...['dl', 'dt', 'dd', 'blockquote', 'figure', 'figcaption', 'form', 'fieldset', 'address'],
  ...['hr', 'body', 'html', 'caption', 'details', 'summary'],
]);
const HEADING = /^h([1-6])$/;
const DECLARATIONS = /<![a-z][^>]*>|<\?[^>]*\?>/gi;

/**
 * Parses HTML into one document: headings give the heading path, paragraphs and list items
 * become prose sections, table rows table-row sections; scripts, styles and navigation
 * are dropped.
 */
export function parseHtml(options: { title: string; text: string }): ParsedDocument {
  const root = parse(options.text.replace(DECLARATIONS, ''), { comment: false });
  const pageTitle = collapse(root.querySelector('title')?.text ?? '');

  const walker = new HtmlWalker();
  walker.walk(root);
  walker.flush();

  return walker.builder.build({
    title: pageTitle || walker.firstHeading || options.title,
    mimeType: HTML_MIME_TYPE,
  });
}

class HtmlWalker {
  readonly builder = new DocumentBuilder();
  firstHeading: string | undefined;
  #inline: string[] = [];
  #headings: { level: number; text: string }[] = [];

  walk(node: Node): void {
    if (node.nodeType === NodeType.TEXT_NODE) {
      this.#inline.push(collapse(node.text, false));
      return;
    }
    if (node.nodeType !== NodeType.ELEMENT_NODE) return;
    this.#element(node as HTMLElement);
  }

  flush(): void {
    const text = this.#inline.join('');
    this.#inline = [];
    this.builder.addSection(text, { kind: 'prose', heading: this.#headingPath() });
  }

  #element(element: HTMLElement): void {
    const tag = element.rawTagName?.toLowerCase() ?? '';
    if (DROPPED.has(tag)) return;

    const heading = HEADING.exec(tag);
    if (heading) this.#heading(Number(heading[1]), collapse(element.text));
    else if (tag === 'br') this.#inline.push('\n');
    else if (tag === 'table') this.#table(element);
    else if (tag === 'pre') this.#preformatted(element.text);
    else this.#container(element, BLOCKS.has(tag));
  }

  #container(element: HTMLElement, isBlock: boolean): void {
    if (isBlock) this.flush();
    for (const child of element.childNodes) this.walk(child);
    if (isBlock) this.flush();
  }

  #preformatted(text: string): void {
    this.flush();
    this.#inline.push(text);
    this.flush();
  }

  #heading(level: number, text: string): void {
    this.flush();
    if (text === '') return;

    if (level === 1 && this.firstHeading === undefined) this.firstHeading = text;
    this.#headings = [
      ...this.#headings.filter((heading) => heading.level < level),
      { level, text },
    ];
    this.builder.addText(text);
  }

  #table(table: HTMLElement): void {
    this.flush();
    const rows = table
      .querySelectorAll('tr')
      .map((row) => row.querySelectorAll('th, td').map((cell) => collapse(cell.text)))
      .filter((cells) => cells.some((cell) => cell !== ''));
    const [headers = [], ...dataRows] = rows;

    dataRows.forEach((cells, index) => {
      this.builder.addSection(renderTableRow(headers, cells), {
        kind: 'table-row',
        heading: this.#headingPath(),
        rowNumber: index + 1,
      });
    });
  }

  #headingPath(): string | undefined {
    if (this.#headings.length === 0) return undefined;
    return this.#headings.map((heading) => heading.text).join(' > ');
  }
}

function collapse(text: string, trim = true): string {
  const collapsed = text.replace(/[ \t\n\r\f]+/g, ' ');
  return trim ? collapsed.trim() : collapsed;
}
