import { and, count, desc, eq } from 'drizzle-orm';
import { recordAudit } from '../auth/audit.ts';
import type { Caller } from '../auth/caller.ts';
import { requireRole } from '../auth/require-role.ts';
import { readableKnowledge } from '../auth/scope.ts';
import type { Database } from '../db/client.ts';
import { chunks, documents } from '../db/schema/index.ts';
import { NotFoundError } from '../lib/errors.ts';
import { chunkCount } from './chunk-count.ts';
import type { Audience, DocumentType } from './ingest-document.ts';
import { uncountDocument } from './term-stats.ts';

/** Roles that may add and remove knowledge-base documents. */
export const KNOWLEDGE_EDITORS = ['admin', 'manager'] as const;

/** A document as listed: its attributes, not its text. */
export interface DocumentSummary {
  id: string;
  sourceId: string;
  title: string;
  type: DocumentType;
  language: string;
  audience: Audience;
  accountId: string | null;
  version: number;
  isCurrent: boolean;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  chunks: number;
  updatedAt: Date;
}

export interface ListDocumentsOptions {
  type?: DocumentType;
  accountId?: string;
  includeSuperseded?: boolean;
  limit?: number;
  offset?: number;
}

/** The documents the caller may read, newest first. */
export async function listDocuments(
  db: Database,
  caller: Caller,
  options: ListDocumentsOptions = {},
): Promise<{ documents: DocumentSummary[]; total: number }> {
  const conditions = [readableKnowledge(documents, caller)];
  if (!options.includeSuperseded) conditions.push(eq(documents.isCurrent, true));
  if (options.type) conditions.push(eq(documents.type, options.type));
  if (options.accountId) conditions.push(eq(documents.accountId, options.accountId));
  const where = and(...conditions);

  const rows = await db
    .select({
      id: documents.id,
      sourceId: documents.sourceId,
      title: documents.title,
      type: documents.type,
      language: documents.language,
      audience: documents.audience,
      accountId: documents.accountId,
      version: documents.version,
      isCurrent: documents.isCurrent,
      effectiveFrom: documents.effectiveFrom,
      effectiveTo: documents.effectiveTo,
      chunks: chunkCount(),
      updatedAt: documents.updatedAt,
    })
    .from(documents)
    .where(where)
    .orderBy(desc(documents.updatedAt), documents.id)
    .limit(options.limit ?? 50)
    .offset(options.offset ?? 0);
  const [total] = await db.select({ n: count() }).from(documents).where(where);
  return { documents: rows, total: total?.n ?? 0 };
}

/**
 * Deletes one version of a document with its chunks and embeddings. When it was the
 * current version, the newest remaining version becomes current again.
 */
export async function deleteDocument(
  db: Database,
  caller: Caller,
  documentId: string,
  via: { endpoint: string; requestId?: string },
): Promise<void> {
  requireRole(caller, KNOWLEDGE_EDITORS, 'delete knowledge-base documents');

  await db.transaction(async (tx) => {
    const store = tx as unknown as Database;
    await uncountDocument(store, { tenantId: caller.tenantId, documentId });
    const [deleted] = await tx
      .delete(documents)
      .where(and(eq(documents.tenantId, caller.tenantId), eq(documents.id, documentId)))
      .returning({
        sourceId: documents.sourceId,
        version: documents.version,
        isCurrent: documents.isCurrent,
      });
    if (!deleted) {
      throw new NotFoundError({
        code: 'document_not_found',
        message: `No document ${documentId} in your tenant; list documents to find its id.`,
      });
    }
    if (deleted.isCurrent)
      await promoteLatestVersion(tx as unknown as Database, caller.tenantId, deleted.sourceId);
    await recordAudit(tx as unknown as Database, caller, {
      action: 'delete',
      resourceType: 'document',
      resourceId: documentId,
      via: via.endpoint,
      requestId: via.requestId ?? null,
      details: { sourceId: deleted.sourceId, version: deleted.version },
    });
  });
}

async function promoteLatestVersion(
  db: Database,
  tenantId: string,
  sourceId: string,
): Promise<void> {
  const [latest] = await db
    .select({ id: documents.id })
    .from(documents)
    .where(and(eq(documents.tenantId, tenantId), eq(documents.sourceId, sourceId)))
    .orderBy(desc(documents.version))
    .limit(1);
  if (!latest) return;
  await db.update(documents).set({ isCurrent: true }).where(eq(documents.id, latest.id));
  await db.update(chunks).set({ isCurrent: true }).where(eq(chunks.documentId, latest.id));
}
