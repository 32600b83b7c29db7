/**
 * What every file parser produces: the extracted text of one document and the sections
 * (paragraphs, table rows) that point into it, ready for chunking.
 */

/** A run of a document's text that chunking keeps together or splits along its structure. */
export interface ParsedSection {
  /** Offsets into ParsedDocument.text. */
  start: number;
  end: number;
  kind: 'prose' | 'table-row';
  /** Heading path, e.g. '招投标应对 > 资格预审' for Markdown/HTML; the sheet name for XLSX. */
  heading?: string;
  /** 1-based page of a PDF. */
  page?: number;
  /** 1-based data row number of a CSV/XLSX table (header row not counted). */
  rowNumber?: number;
}

/** The language of a document, by the share of Chinese characters among its letters. */
export type DocumentLanguage = 'zh' | 'en' | 'mixed';

/** One document extracted from an uploaded file. */
export interface ParsedDocument {
  /** First H1, <title>, PDF title, JSONL title, or the file name without extension. */
  title: string;
  /** The whole extracted text; sections point into it. */
  text: string;
  /** In order, non-overlapping, together covering the meaningful text. */
  sections: ParsedSection[];
  mimeType: string;
  language: DocumentLanguage;
  /** JSONL id, when the source is a JSONL record. */
  sourceId?: string;
  metadata: Record<string, unknown>;
}

/** A part of a file that was skipped, e.g. a malformed JSONL line. */
export interface ParseProblem {
  /** 1-based line of the file. */
  line: number;
  message: string;
}

/** The documents of a file and the parts of it that could not be used. */
export interface ParseResult {
  documents: ParsedDocument[];
  problems: ParseProblem[];
}
