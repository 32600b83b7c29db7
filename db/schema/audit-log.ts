import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants, users } from './organization.ts';

/** Who read or changed what, when, and through which tool or endpoint. Append-only. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action', { enum: ['read', 'create', 'update', 'delete'] }).notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id'),
    /** The tool or endpoint that did it, e.g. `tool:get_account_overview` or `POST /v1/chat`. */
    via: text('via').notNull(),
    requestId: text('request_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('audit_log_tenant_time_idx').on(table.tenantId, table.occurredAt)],
);
