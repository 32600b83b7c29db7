import { z } from 'zod';
import { audience, documentType } from '../db/schema/index.ts';
import { type DocumentAttributes, type IngestContext, ingestDocument } from './ingest-document.ts';
import { DEFAULT_MAX_FILE_BYTES, parseFile } from './parse/parse-file.ts';
import type { ParsedDocument, ParseProblem } from './parse/parsed-document.ts';

/** The largest file accepted for ingestion. */
export const MAX_UPLOAD_BYTES = DEFAULT_MAX_FILE_BYTES;

/** Attributes for every document of a file; JSONL records may set their own in `metadata`. */
export type FileAttributes = Omit<DocumentAttributes, 'sourceId'> & { sourceId?: string };

/** What ingesting one file did, document by document. */
export interface UploadOutcome {
  documents: {
    documentId: string;
    sourceId: string;
    title: string;
    status: 'created' | 'replaced' | 'new_version' | 'unchanged';
    version: number;
    chunks: number;
  }[];
  /** Parts of the file that were skipped, e.g. malformed JSONL lines. */
  problems: ParseProblem[];
}

/** Per-record attributes a JSONL line may carry in its metadata. */
const recordAttributesSchema = z.object({
  type: z.enum(documentType.enumValues).optional(),
  audience: z.enum(audience.enumValues).optional(),
  accountId: z.uuid().optional(),
  version: z.number().int().min(1).optional(),
  effectiveFrom: z.string().optional(),
  effectiveTo: z.string().optional(),
});

/**
 * Parses a file and ingests each of its documents. A file-level problem (empty,
 * unsupported, unreadable) throws an InputError and writes nothing.
 */
export async function ingestUpload(
  context: IngestContext,
  file: { name: string; bytes: Uint8Array },
  attributes: FileAttributes,
): Promise<UploadOutcome> {
  const parsed = await parseFile({
    name: file.name,
    bytes: file.bytes,
    maxBytes: MAX_UPLOAD_BYTES,
  });
  const outcome: UploadOutcome = { documents: [], problems: parsed.problems };

  for (const document of parsed.documents) {
    const documentAttributes = attributesFor(document, file.name, attributes);
    const result = await ingestDocument(context, document, documentAttributes);
    outcome.documents.push({
      ...result,
      sourceId: documentAttributes.sourceId,
      title: documentAttributes.title ?? document.title,
    });
  }
  return outcome;
}

function attributesFor(
  document: ParsedDocument,
  fileName: string,
  attributes: FileAttributes,
): DocumentAttributes {
  if (!document.sourceId) return { ...attributes, sourceId: attributes.sourceId ?? fileName };

  const own = recordAttributesSchema.safeParse(document.metadata);
  const fromRecord = own.success ? own.data : {};
  const { title: _title, sourceId: _sourceId, ...shared } = attributes;
  const merged = { ...shared, ...fromRecord, sourceId: document.sourceId };
  return merged;
}
