import { sql } from 'drizzle-orm';
import { check, index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';
import { tenants, users } from './organization.ts';
import { deals, leads } from './pipeline.ts';

export const followUpStatus = pgEnum('follow_up_status', ['open', 'done', 'cancelled']);

/**
 * A planned touch on a lead or deal: a reminder, not an activity. Kept apart from
 * activities so that scoring and nudges never count a planned call as made.
 */
export const followUps = pgTable(
  'follow_ups',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id').references(() => leads.id, { onDelete: 'cascade' }),
    dealId: uuid('deal_id').references(() => deals.id, { onDelete: 'cascade' }),
    ownerUserId: uuid('owner_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdByUserId: uuid('created_by_user_id').references(() => users.id, {
      onDelete: 'set null',
    }),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    note: text('note').notNull(),
    status: followUpStatus('status').notNull().default('open'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    index('follow_ups_owner_due_idx').on(
      table.tenantId,
      table.ownerUserId,
      table.status,
      table.dueAt,
    ),
    check('follow_ups_has_subject', sql`num_nonnulls(${table.leadId}, ${table.dealId}) >= 1`),
  ],
);
