import { integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './organization.ts';

/**
 * In how many of a tenant's chunks each search term occurs, kept by ingestion, so that
 * full-text search can leave out terms too common to tell passages apart. The term `*`
 * holds the number of chunks.
 */
export const searchTermStats = pgTable(
  'search_term_stats',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    term: text('term').notNull(),
    chunkCount: integer('chunk_count').notNull(),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.term] })],
);
