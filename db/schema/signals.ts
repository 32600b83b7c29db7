import { index, jsonb, pgEnum, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { createdAt, id } from './columns.ts';
import { tenants } from './organization.ts';

export const signalKind = pgEnum('signal_kind', [
  'tender_notice',
  'registry_change',
  'funding_news',
  'patent_filing',
  'press_release',
]);

/** An external event about an account: a tender, a registry change, funding news. */
export const signals = pgTable(
  'signals',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    kind: signalKind('kind').notNull(),
    title: text('title').notNull(),
    summary: text('summary'),
    sourceUrl: text('source_url').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    /** Kind-specific facts: a tender's budget and deadline, a registry field's before and after. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (table) => [
    unique('signals_tenant_source_unique').on(table.tenantId, table.sourceUrl),
    index('signals_tenant_account_idx').on(table.tenantId, table.accountId, table.publishedAt),
  ],
);
