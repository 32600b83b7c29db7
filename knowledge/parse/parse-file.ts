import { InputError } from '../../lib/errors.ts';
import { decodeText } from './decode-text.ts';
import { detectFileFormat, type FileFormat } from './file-format.ts';
import { titleFromFileName } from './file-title.ts';
import { parseCsv } from './parse-csv.ts';
import { emptyFileError } from './parse-errors.ts';
import { parseHtml } from './parse-html.ts';
import { parseJsonl } from './parse-jsonl.ts';
import { parseMarkdown } from './parse-markdown.ts';
import { parsePdf } from './parse-pdf.ts';
import { parsePlainText } from './parse-plain-text.ts';
import { parseXlsx } from './parse-xlsx.ts';
import type { ParseResult } from './parsed-document.ts';

/** The largest file parseFile accepts unless told otherwise: 20 MiB. */
export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;

/** An uploaded file to parse. */
export interface ParseFileInput {
  /** The file name; its extension decides the format. */
  name: string;
  bytes: Uint8Array;
  /** Defaults to DEFAULT_MAX_FILE_BYTES. */
  maxBytes?: number;
}

/**
 * Extracts the documents of an uploaded file: one for most formats, one per record for
 * JSONL. Unusable JSONL lines are skipped and reported in `problems`; every other failure
 * (empty, too large, unsupported, unreadable, scanned PDF) throws an InputError.
 */
export async function parseFile(input: ParseFileInput): Promise<ParseResult> {
  checkSize(input);
  const format = detectFileFormat(input.name, input.bytes);

  const result = await parseByFormat(format, input);
  const documents = result.documents.filter((document) => document.sections.length > 0);
  if (documents.length === 0) throw emptyFileError(input.name);
  return { documents, problems: result.problems };
}

function checkSize(input: ParseFileInput): void {
  const maxBytes = input.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (input.bytes.length === 0) throw emptyFileError(input.name);
  if (input.bytes.length <= maxBytes) return;

  throw new InputError({
    code: 'file_too_large',
    message:
      `"${input.name}" is ${mebibytes(input.bytes.length)}, over the limit of ` +
      `${mebibytes(maxBytes)}; split it into smaller files and upload them one by one`,
    details: { name: input.name, bytes: input.bytes.length, maxBytes },
  });
}

async function parseByFormat(format: FileFormat, input: ParseFileInput): Promise<ParseResult> {
  const { name, bytes } = input;
  const title = titleFromFileName(name);
  const single = (document: Awaited<ReturnType<typeof parsePdf>>): ParseResult => ({
    documents: [document],
    problems: [],
  });

  switch (format) {
    case 'pdf':
      return single(await parsePdf({ name, title, bytes }));
    case 'xlsx':
      return single(await parseXlsx({ name, title, bytes }));
    case 'jsonl':
      return parseJsonl({ name, text: decodeText({ name, bytes, format: 'JSONL' }) });
    case 'csv':
      return single(parseCsv({ name, title, text: decodeText({ name, bytes, format: 'CSV' }) }));
    case 'html':
      return single(parseHtml({ title, text: decodeText({ name, bytes, format: 'HTML' }) }));
    case 'markdown':
      return single(
        parseMarkdown({ title, text: decodeText({ name, bytes, format: 'Markdown' }) }),
      );
    case 'text':
      return single(parsePlainText({ title, text: decodeText({ name, bytes, format: 'text' }) }));
  }
}

function mebibytes(bytes: number): string {
  const value = bytes / (1024 * 1024);
  return `${Number.isInteger(value) ? value : value.toFixed(1)} MiB`;
}
