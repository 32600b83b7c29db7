import { InputError } from '../../lib/errors.ts';

/** The file formats the knowledge base can ingest. */
export type FileFormat = 'markdown' | 'text' | 'html' | 'pdf' | 'csv' | 'xlsx' | 'jsonl';

const FORMAT_BY_EXTENSION: Record<string, FileFormat> = {
  md: 'markdown',
  markdown: 'markdown',
  txt: 'text',
  html: 'html',
  htm: 'html',
  pdf: 'pdf',
  csv: 'csv',
  xlsx: 'xlsx',
  jsonl: 'jsonl',
};

/** The extensions parseFile accepts, with their dot. */
export const SUPPORTED_EXTENSIONS: readonly string[] = Object.keys(FORMAT_BY_EXTENSION).map(
  (extension) => `.${extension}`,
);

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/**
 * The format of a file by its extension; a file without a known extension is still taken
 * as a PDF when its bytes start like one.
 */
export function detectFileFormat(name: string, bytes: Uint8Array): FileFormat {
  const extension = /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  const format = FORMAT_BY_EXTENSION[extension];
  if (format) return format;
  if (PDF_MAGIC.every((byte, index) => bytes[index] === byte)) return 'pdf';

  throw new InputError({
    code: 'unsupported_file_type',
    message:
      `"${name}" is not a supported file type; upload one of ${SUPPORTED_EXTENSIONS.join(', ')} ` +
      '(save Word, PowerPoint and .xls files as PDF or .xlsx first)',
    details: { name, supportedExtensions: SUPPORTED_EXTENSIONS },
  });
}
