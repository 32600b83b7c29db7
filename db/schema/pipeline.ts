import {
  date,
  index,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { accounts, contacts } from './accounts.ts';
import { createdAt, id, updatedAt } from './columns.ts';
import { tenants, users } from './organization.ts';

export const leadSource = pgEnum('lead_source', [
  'website',
  'trade_show',
  'referral',
  'tender',
  'partner',
  'outbound',
  'import',
]);

export const leadStatus = pgEnum('lead_status', [
  'new',
  'working',
  'qualified',
  'converted',
  'disqualified',
]);

export const dealStage = pgEnum('deal_stage', [
  'prospecting',
  'qualification',
  'proposal',
  'negotiation',
  'closed_won',
  'closed_lost',
]);

/** A potential buyer not yet qualified into a deal. */
export const leads = pgTable(
  'leads',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'set null' }),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    /** The lead's id in the CRM it was imported from, if any. */
    externalId: text('external_id'),
    source: leadSource('source').notNull(),
    status: leadStatus('status').notNull().default('new'),
    productLine: text('product_line'),
    ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    firstContactedAt: timestamp('first_contacted_at', { withTimezone: true }),
    convertedAt: timestamp('converted_at', { withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (table) => [
    unique('leads_tenant_external_unique').on(table.tenantId, table.externalId),
    index('leads_tenant_owner_idx').on(table.tenantId, table.ownerUserId),
    index('leads_tenant_status_idx').on(table.tenantId, table.status),
  ],
);

/** An opportunity being worked towards a signed order. */
export const deals = pgTable(
  'deals',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id').references(() => leads.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    stage: dealStage('stage').notNull().default('prospecting'),
    amount: numeric('amount', { precision: 14, scale: 2 }).notNull(),
    currency: text('currency').notNull().default('CNY'),
    expectedClose: date('expected_close'),
    productLine: text('product_line'),
    ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('deals_tenant_stage_idx').on(table.tenantId, table.stage),
    index('deals_tenant_account_idx').on(table.tenantId, table.accountId),
    index('deals_tenant_owner_idx').on(table.tenantId, table.ownerUserId),
  ],
);

/** One move of a deal from a stage to another: the deal's stage history. */
export const dealStageChanges = pgTable(
  'deal_stage_changes',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    dealId: uuid('deal_id')
      .notNull()
      .references(() => deals.id, { onDelete: 'cascade' }),
    fromStage: dealStage('from_stage'),
    toStage: dealStage('to_stage').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
    changedByUserId: uuid('changed_by_user_id').references(() => users.id, {
      onDelete: 'set null',
    }),
  },
  (table) => [index('deal_stage_changes_deal_idx').on(table.tenantId, table.dealId)],
);
