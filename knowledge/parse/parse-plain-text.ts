import { DocumentBuilder } from './document-builder.ts';
import type { ParsedDocument } from './parsed-document.ts';

/** The MIME type of plain text documents. */
export const PLAIN_TEXT_MIME_TYPE = 'text/plain';

/** Adds a plain text as prose sections, one per paragraph (blocks between blank lines). */
export function addParagraphs(builder: DocumentBuilder, text: string): void {
  for (const paragraph of text.split(/\n[ \t\u3000]*\n/)) {
    builder.addSection(paragraph, { kind: 'prose' });
  }
}

/** Parses a plain text file into one document with a section per paragraph. */
export function parsePlainText(options: { title: string; text: string }): ParsedDocument {
  const builder = new DocumentBuilder();
  addParagraphs(builder, options.text.replace(/\r\n?/g, '\n'));
  return builder.build({ title: options.title, mimeType: PLAIN_TEXT_MIME_TYPE });
}
