import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../lib/errors.ts';
import { parsePdf } from './parse-pdf.ts';

// Limitation: no Chinese PDF fixture; pdf-lib needs an embedded CJK font, which the repo lacks.

async function buildPdf(pages: string[][], title?: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  if (title) pdf.setTitle(title);
  for (const lines of pages) {
    const page = pdf.addPage();
    lines.forEach((line, index) => {
      page.drawText(line, { x: 50, y: 700 - index * 20, font, size: 12 });
    });
  }
  return pdf.save();
}

describe('parsePdf', () => {
  it('extracts the text of each page with its page number', async () => {
    const bytes = await buildPdf([['Discount policy.'], ['Approval needs a VP.']]);
    const document = await parsePdf({ name: 'policy.pdf', title: 'policy', bytes });
    const pages = document.sections.map((section) => [
      document.text.slice(section.start, section.end),
      section.page,
    ]);
    expect(pages).toEqual([
      ['Discount policy.', 1],
      ['Approval needs a VP.', 2],
    ]);
  });

  it('takes the title from the PDF metadata', async () => {
    const bytes = await buildPdf([['Body text.']], 'Annual Report 2024');
    const document = await parsePdf({ name: 'report.pdf', title: 'report', bytes });
    expect(document.title).toBe('Annual Report 2024');
  });

  it('skips pages without text', async () => {
    const bytes = await buildPdf([['First page.'], [], ['Third page.']]);
    const document = await parsePdf({ name: 'a.pdf', title: 'a', bytes });
    expect(document.sections.map((section) => section.page)).toEqual([1, 3]);
  });

  it('rejects a PDF without a text layer as pdf_without_text', async () => {
    const bytes = await buildPdf([[], []]);
    const failure = parsePdf({ name: 'scan.pdf', title: 'scan', bytes });
    await expect(failure).rejects.toMatchObject({ code: 'pdf_without_text' });
    await expect(failure).rejects.toThrow(/OCR is not supported/);
  });

  it('rejects a corrupt PDF as unreadable_file', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.7\nthis is not a pdf');
    const failure = parsePdf({ name: 'broken.pdf', title: 'broken', bytes });
    await expect(failure).rejects.toBeInstanceOf(InputError);
    await expect(failure).rejects.toMatchObject({ code: 'unreadable_file' });
  });
});
