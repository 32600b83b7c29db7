import { extractText, getDocumentProxy, getMeta } from 'unpdf';
import { InputError } from '../../lib/errors.ts';
import { DocumentBuilder } from './document-builder.ts';
import { unreadableFileError } from './parse-errors.ts';
import type { ParsedDocument } from './parsed-document.ts';

/** The MIME type of PDF documents. */
export const PDF_MIME_TYPE = 'application/pdf';

type PdfProxy = Awaited<ReturnType<typeof getDocumentProxy>>;

/**
 * Parses the text layer of a PDF into one document: a prose section per paragraph of each
 * page (or per page when the page has no blank lines), with its 1-based page number.
 */
export async function parsePdf(options: {
  name: string;
  title: string;
  bytes: Uint8Array;
}): Promise<ParsedDocument> {
  const pdf = await openPdf(options.name, options.bytes);
  try {
    const pages = await readPages(options.name, pdf);
    const builder = new DocumentBuilder();
    pages.forEach((pageText, index) => {
      for (const paragraph of pageText.split(/\n\s*\n/)) {
        builder.addSection(paragraph, { kind: 'prose', page: index + 1 });
      }
    });
    if (builder.isEmpty) throw pdfWithoutTextError(options.name);

    const title = (await readTitle(pdf)) || options.title;
    return builder.build({ title, mimeType: PDF_MIME_TYPE, metadata: { pageCount: pages.length } });
  } finally {
    await pdf.destroy();
  }
}

async function openPdf(name: string, bytes: Uint8Array): Promise<PdfProxy> {
  try {
    // pdf.js takes ownership of the buffer it is given, so it gets a copy.
    return await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  } catch (error) {
    const reason =
      error instanceof Error && error.name === 'PasswordException'
        ? 'it is password-protected; remove the password first'
        : 'the PDF structure is damaged';
    throw unreadableFileError({ name, format: 'PDF', reason, cause: error });
  }
}

async function readPages(name: string, pdf: PdfProxy): Promise<string[]> {
  try {
    const { text } = await extractText(pdf, { mergePages: false });
    return text;
  } catch (error) {
    throw unreadableFileError({
      name,
      format: 'PDF',
      reason: 'its text layer is damaged',
      cause: error,
    });
  }
}

async function readTitle(pdf: PdfProxy): Promise<string> {
  try {
    const { info } = await getMeta(pdf);
    const title = (info as Record<string, unknown> | undefined)?.Title;
    return typeof title === 'string' ? title.trim() : '';
  } catch {
    return '';
  }
}

function pdfWithoutTextError(name: string): InputError {
  return new InputError({
    code: 'pdf_without_text',
    message:
      `"${name}" has no text layer (it is probably scanned); OCR is not supported, so ` +
      'upload a PDF with selectable text or the document it was made from',
    details: { name },
  });
}
