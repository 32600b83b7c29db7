import { and, desc, eq } from 'drizzle-orm';
import type { Database, Transaction } from '../db/client.ts';
import {
  accounts,
  type audience,
  chunks,
  documents,
  type documentType,
} from '../db/schema/index.ts';
import { InputError } from '../lib/errors.ts';
import { chunkDocument, type DocumentChunk } from './chunk.ts';
import { chunkCount } from './chunk-count.ts';
import { contentHash } from './content-hash.ts';
import type { Embedder } from './embedder.ts';
import type { ParsedDocument } from './parse/parsed-document.ts';
import { chunkSearchVector } from './search-vector.ts';
import { countTerms, uncountDocument } from './term-stats.ts';

export type DocumentType = (typeof documentType.enumValues)[number];
export type Audience = (typeof audience.enumValues)[number];

/** What a document is and who may read it; given by whoever ingests it. */
export interface DocumentAttributes {
  /** Stable id of the source: a JSONL record id or a file path. */
  sourceId: string;
  type: DocumentType;
  audience: Audience;
  /** Required when the audience is one account; the account's id in this tenant. */
  accountId?: string | null;
  /** A newer version supersedes the older ones in search. Default: the current version. */
  version?: number;
  effectiveFrom?: string | null;
  effectiveTo?: string | null;
  /** Overrides the title found in the file. */
  title?: string;
  metadata?: Record<string, unknown>;
}

/** Where and with what to ingest: the tenant's database and the embedder. */
export interface IngestContext {
  db: Database;
  embedder: Embedder;
  tenantId: string;
}

/** What ingesting one document did. */
export interface IngestOutcome {
  status: 'created' | 'replaced' | 'new_version' | 'unchanged';
  documentId: string;
  version: number;
  chunks: number;
}

const INSERT_BATCH = 200;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Stores one parsed document with its chunks, embeddings and full-text vectors.
 * Unchanged content does nothing; changed content replaces the chunks of the same
 * version in one transaction; a higher version supersedes the older ones.
 */
export async function ingestDocument(
  context: IngestContext,
  parsed: ParsedDocument,
  attributes: DocumentAttributes,
): Promise<IngestOutcome> {
  validateAttributes(attributes);
  await requireAccountInTenant(context, attributes.accountId);

  const current = await findCurrentVersion(context, attributes.sourceId);
  const version = attributes.version ?? current?.version ?? 1;
  const title = attributes.title?.trim() || parsed.title;
  const hash = contentHash([
    parsed.text,
    title,
    attributes.type,
    attributes.audience,
    attributes.accountId ?? null,
    attributes.effectiveFrom ?? null,
    attributes.effectiveTo ?? null,
    attributes.metadata ?? {},
  ]);

  const existing = await findVersion(context, attributes.sourceId, version);
  if (existing?.contentHash === hash) {
    return { status: 'unchanged', documentId: existing.id, version, chunks: existing.chunks };
  }

  const pieces = chunkDocument(parsed);
  const vectors = await context.embedder.embed(pieces.map((piece) => embeddingInput(title, piece)));
  const isCurrent = !current || version >= current.version;
  const row = {
    tenantId: context.tenantId,
    sourceId: attributes.sourceId,
    title,
    type: attributes.type,
    language: parsed.language,
    audience: attributes.audience,
    accountId: attributes.accountId ?? null,
    version,
    isCurrent,
    effectiveFrom: attributes.effectiveFrom ?? null,
    effectiveTo: attributes.effectiveTo ?? null,
    contentHash: hash,
    mimeType: parsed.mimeType,
    metadata: { ...parsed.metadata, ...attributes.metadata },
    updatedAt: new Date(),
  };

  const documentId = await context.db.transaction(async (tx) => {
    if (isCurrent && current && current.version !== version) {
      await retireVersions(tx, context.tenantId, attributes.sourceId);
    }
    const [saved] = await tx
      .insert(documents)
      .values(row)
      .onConflictDoUpdate({
        target: [documents.tenantId, documents.sourceId, documents.version],
        set: row,
      })
      .returning({ id: documents.id });
    const id = (saved as { id: string }).id;
    const store = tx as unknown as Database;
    await uncountDocument(store, { tenantId: context.tenantId, documentId: id });
    await tx
      .delete(chunks)
      .where(and(eq(chunks.tenantId, context.tenantId), eq(chunks.documentId, id)));
    await insertChunks(tx, { ...row, documentId: id }, pieces, vectors);
    await countTerms(store, {
      tenantId: context.tenantId,
      chunks: pieces.map((piece) => ({ ...piece, title })),
      sign: 1,
    });
    return id;
  });

  const status = !existing ? (current ? 'new_version' : 'created') : 'replaced';
  return { status, documentId, version, chunks: pieces.length };
}

/** The text an embedding is computed from: the chunk with its document title and heading. */
function embeddingInput(title: string, piece: DocumentChunk): string {
  return [title, piece.heading, piece.text].filter(Boolean).join('\n');
}

function validateAttributes(attributes: DocumentAttributes): void {
  const problem = (field: string, message: string) =>
    new InputError({ code: 'invalid_document_attributes', message, details: { field } });

  if (!attributes.sourceId.trim())
    throw problem('sourceId', 'The source id is empty; give the file path or record id.');
  if (attributes.audience === 'account' && !attributes.accountId) {
    throw problem(
      'accountId',
      'A document for one account needs the account id; or choose the public or internal audience.',
    );
  }
  if (
    attributes.version !== undefined &&
    (!Number.isInteger(attributes.version) || attributes.version < 1)
  ) {
    throw problem('version', 'The version must be a whole number of 1 or more.');
  }
  for (const field of ['effectiveFrom', 'effectiveTo'] as const) {
    const value = attributes[field];
    if (value && (!DATE.test(value) || Number.isNaN(Date.parse(value)))) {
      throw problem(field, `${field} must be a date as YYYY-MM-DD.`);
    }
  }
  if (
    attributes.effectiveFrom &&
    attributes.effectiveTo &&
    attributes.effectiveTo < attributes.effectiveFrom
  ) {
    throw problem('effectiveTo', 'effectiveTo is before effectiveFrom.');
  }
}

async function requireAccountInTenant(
  context: IngestContext,
  accountId: string | null | undefined,
) {
  if (!accountId) return;
  const [account] = await context.db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.tenantId, context.tenantId), eq(accounts.id, accountId)))
    .limit(1);
  if (!account) {
    throw new InputError({
      code: 'unknown_account',
      message: `No account ${accountId} in this tenant; pass the id of one of your accounts.`,
      details: { field: 'accountId' },
    });
  }
}

async function findCurrentVersion(context: IngestContext, sourceId: string) {
  const [row] = await context.db
    .select({ id: documents.id, version: documents.version })
    .from(documents)
    .where(
      and(
        eq(documents.tenantId, context.tenantId),
        eq(documents.sourceId, sourceId),
        eq(documents.isCurrent, true),
      ),
    )
    .orderBy(desc(documents.version))
    .limit(1);
  return row;
}

async function findVersion(context: IngestContext, sourceId: string, version: number) {
  const [row] = await context.db
    .select({
      id: documents.id,
      contentHash: documents.contentHash,
      chunks: chunkCount(),
    })
    .from(documents)
    .where(
      and(
        eq(documents.tenantId, context.tenantId),
        eq(documents.sourceId, sourceId),
        eq(documents.version, version),
      ),
    )
    .limit(1);
  return row;
}

/** Marks every version of a source, and their chunks, as superseded. */
async function retireVersions(tx: Transaction, tenantId: string, sourceId: string): Promise<void> {
  const retired = await tx
    .update(documents)
    .set({ isCurrent: false, updatedAt: new Date() })
    .where(and(eq(documents.tenantId, tenantId), eq(documents.sourceId, sourceId)))
    .returning({ id: documents.id });
  for (const { id } of retired) {
    await tx
      .update(chunks)
      .set({ isCurrent: false })
      .where(and(eq(chunks.tenantId, tenantId), eq(chunks.documentId, id)));
  }
}

async function insertChunks(
  tx: Transaction,
  document: {
    tenantId: string;
    documentId: string;
    title: string;
    type: DocumentType;
    language: 'zh' | 'en' | 'mixed';
    audience: Audience;
    accountId: string | null;
    isCurrent: boolean;
    effectiveFrom: string | null;
    effectiveTo: string | null;
  },
  pieces: DocumentChunk[],
  vectors: number[][],
): Promise<void> {
  const rows = pieces.map((piece, index) => ({
    tenantId: document.tenantId,
    documentId: document.documentId,
    ordinal: piece.ordinal,
    text: piece.text,
    heading: piece.heading ?? null,
    page: piece.page ?? null,
    rowNumber: piece.rowNumber ?? null,
    startOffset: piece.startOffset,
    endOffset: piece.endOffset,
    tokenCount: piece.tokenCount,
    embedding: vectors[index] ?? null,
    searchVector: chunkSearchVector({ ...piece, title: document.title }) as unknown as string,
    audience: document.audience,
    accountId: document.accountId,
    documentType: document.type,
    language: document.language,
    isCurrent: document.isCurrent,
    effectiveFrom: document.effectiveFrom,
    effectiveTo: document.effectiveTo,
  }));
  for (let start = 0; start < rows.length; start += INSERT_BATCH) {
    await tx.insert(chunks).values(rows.slice(start, start + INSERT_BATCH));
  }
}
