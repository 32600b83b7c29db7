import { ConfigurationError } from '../lib/errors.ts';
import { proseSpans } from './chunk-prose.ts';
import { type SectionRun, sectionRuns } from './chunk-runs.ts';
import { rowGroups } from './chunk-table.ts';
import type { ParsedDocument } from './parse/parsed-document.ts';
import { estimateTokens } from './segment.ts';

/**
 * A piece of a document small enough to embed and cite. For prose, `text` is exactly
 * `document.text.slice(startOffset, endOffset)`. For a table, `text` is its rows' lines
 * joined by line breaks and the offsets give the span of those rows in `document.text`.
 */
export interface DocumentChunk {
  /** 0-based position of the chunk in its document. */
  ordinal: number;
  text: string;
  heading?: string;
  page?: number;
  /** The data row number of the first row of a table chunk. */
  rowNumber?: number;
  startOffset: number;
  endOffset: number;
  /** Estimated with estimateTokens. */
  tokenCount: number;
}

/** How large chunks are, in estimated tokens. */
export interface ChunkOptions {
  /** Upper bound of a chunk. Default 350. */
  maxTokens?: number;
  /**
   * Whole sentences repeated between consecutive chunks of one paragraph. Default 40, or a
   * quarter of a smaller maxTokens.
   */
  overlapTokens?: number;
}

/** The default upper bound of a chunk, in estimated tokens. */
export const DEFAULT_MAX_TOKENS = 350;
/** The default overlap between consecutive chunks of one paragraph, in estimated tokens. */
export const DEFAULT_OVERLAP_TOKENS = 40;

type ChunkDraft = Omit<DocumentChunk, 'ordinal' | 'tokenCount'>;

/**
 * Splits a parsed document into chunks along its structure: never across a heading, page
 * or table boundary; prose at paragraph then sentence ends (Chinese and English), small
 * paragraphs merged up to `maxTokens`; table rows grouped up to `maxTokens`.
 */
export function chunkDocument(
  document: ParsedDocument,
  options: ChunkOptions = {},
): DocumentChunk[] {
  const limits = chunkLimits(options);
  const drafts = sectionRuns(document).flatMap((run) =>
    run.kind === 'table-row'
      ? tableDrafts(document.text, run, limits.maxTokens)
      : proseDrafts(document.text, run, limits),
  );
  return drafts.map((draft, ordinal) => ({
    ordinal,
    ...draft,
    tokenCount: estimateTokens(draft.text),
  }));
}

function chunkLimits(options: ChunkOptions): { maxTokens: number; overlapTokens: number } {
  const maxTokens = options.maxTokens ?? DEFAULT_MAX_TOKENS;
  const overlapTokens =
    options.overlapTokens ?? Math.min(DEFAULT_OVERLAP_TOKENS, Math.floor(maxTokens / 4));
  if (!Number.isInteger(maxTokens) || maxTokens < 1) {
    throw new ConfigurationError({
      code: 'invalid_chunk_options',
      message: `maxTokens is ${maxTokens}; set it to a whole number of 1 or more (default 350)`,
    });
  }
  if (!Number.isInteger(overlapTokens) || overlapTokens < 0 || overlapTokens >= maxTokens) {
    throw new ConfigurationError({
      code: 'invalid_chunk_options',
      message:
        `overlapTokens is ${overlapTokens}; ` +
        'set it to a whole number from 0 to below maxTokens',
    });
  }
  return { maxTokens, overlapTokens };
}

function proseDrafts(
  text: string,
  run: SectionRun,
  limits: { maxTokens: number; overlapTokens: number },
): ChunkDraft[] {
  return proseSpans(text, run.sections, limits).map((span) => ({
    text: text.slice(span.start, span.end),
    ...place(run),
    startOffset: span.start,
    endOffset: span.end,
  }));
}

function tableDrafts(text: string, run: SectionRun, maxTokens: number): ChunkDraft[] {
  return rowGroups(text, run.sections, maxTokens).map((group) => ({
    text: group.text,
    ...place(run),
    ...(group.rowNumber !== undefined && { rowNumber: group.rowNumber }),
    startOffset: group.start,
    endOffset: group.end,
  }));
}

function place(run: SectionRun): Pick<DocumentChunk, 'heading' | 'page'> {
  const result: Pick<DocumentChunk, 'heading' | 'page'> = {};
  if (run.heading !== undefined) result.heading = run.heading;
  if (run.page !== undefined) result.page = run.page;
  return result;
}
