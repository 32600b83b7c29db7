import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  unique,
  uuid,
  vector,
} from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { createdAt, id, tsvector, updatedAt } from './columns.ts';
import { tenants } from './organization.ts';

/** Width of every stored embedding; embedders are configured to produce it. */
export const EMBEDDING_DIMENSIONS = 512;

export const documentType = pgEnum('document_type', [
  'playbook',
  'talk_track',
  'filing',
  'policy',
  'faq',
  'other',
]);

/** Who may read a document: anyone, the tenant's own staff, or one account's contacts and staff. */
export const audience = pgEnum('audience', ['public', 'internal', 'account']);

/** One version of a knowledge-base document; its text lives in its chunks. */
export const documents = pgTable(
  'documents',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    /** Stable id of the source: a JSONL record id or a file path. */
    sourceId: text('source_id').notNull(),
    title: text('title').notNull(),
    type: documentType('type').notNull(),
    language: text('language', { enum: ['zh', 'en', 'mixed'] }).notNull(),
    audience: audience('audience').notNull(),
    /** The account an `account` document is for, or that another document is about. */
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    version: integer('version').notNull().default(1),
    /** False once a newer version of the same source supersedes this one. */
    isCurrent: boolean('is_current').notNull().default(true),
    effectiveFrom: date('effective_from'),
    effectiveTo: date('effective_to'),
    contentHash: text('content_hash').notNull(),
    mimeType: text('mime_type').notNull(),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    unique('documents_tenant_source_version_unique').on(
      table.tenantId,
      table.sourceId,
      table.version,
    ),
    index('documents_tenant_type_idx').on(table.tenantId, table.type),
    // The account is who may read an `account` document, and what a public or internal
    // one (a filing, say) is about.
    check(
      'documents_account_audience',
      sql`${table.audience} <> 'account' or ${table.accountId} is not null`,
    ),
  ],
);

/**
 * A searchable piece of a document. Access and filter columns are copied from the
 * document so that search filters in one table, before ranking.
 */
export const chunks = pgTable(
  'chunks',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    ordinal: integer('ordinal').notNull(),
    text: text('text').notNull(),
    /** Where the chunk sits, for citations: heading path, page, or table row. */
    heading: text('heading'),
    page: integer('page'),
    rowNumber: integer('row_number'),
    startOffset: integer('start_offset').notNull(),
    endOffset: integer('end_offset').notNull(),
    tokenCount: integer('token_count').notNull(),
    embedding: vector('embedding', { dimensions: EMBEDDING_DIMENSIONS }),
    /** Full-text vector over the word-segmented text (Chinese split by Intl.Segmenter). */
    searchVector: tsvector('search_vector').notNull(),
    audience: audience('audience').notNull(),
    accountId: uuid('account_id'),
    documentType: documentType('document_type').notNull(),
    language: text('language', { enum: ['zh', 'en', 'mixed'] }).notNull(),
    isCurrent: boolean('is_current').notNull().default(true),
    effectiveFrom: date('effective_from'),
    effectiveTo: date('effective_to'),
    createdAt: createdAt(),
  },
  (table) => [
    index('chunks_document_idx').on(table.documentId, table.ordinal),
    index('chunks_tenant_audience_idx').on(table.tenantId, table.audience, table.accountId),
    index('chunks_embedding_hnsw_idx').using('hnsw', table.embedding.op('vector_cosine_ops')),
    index('chunks_search_vector_idx').using('gin', table.searchVector),
  ],
);
