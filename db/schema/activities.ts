import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { contacts } from './accounts.ts';
import { createdAt, id } from './columns.ts';
import { tenants, users } from './organization.ts';
import { deals, leads } from './pipeline.ts';

export const activityKind = pgEnum('activity_kind', [
  'call',
  'email',
  'meeting',
  'web_visit',
  'download',
]);

export const replySentiment = pgEnum('reply_sentiment', ['positive', 'neutral', 'negative']);

/** A page seen during a web visit. */
export interface VisitedPage {
  url: string;
  title?: string;
  dwellSeconds: number;
}

/** A call, email, meeting, web visit or download involving a lead, contact or deal. */
export const activities = pgTable(
  'activities',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    kind: activityKind('kind').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    leadId: uuid('lead_id').references(() => leads.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'cascade' }),
    dealId: uuid('deal_id').references(() => deals.id, { onDelete: 'cascade' }),
    /** The tenant's user who did it; empty for what the customer did alone (a visit). */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    subject: text('subject'),
    notes: text('notes'),
    /** Calls and meetings. */
    durationSeconds: integer('duration_seconds'),
    /** Emails: sent by us (outbound) or by the customer (inbound). */
    emailDirection: text('email_direction', { enum: ['outbound', 'inbound'] }),
    emailOpened: boolean('email_opened'),
    replySentiment: replySentiment('reply_sentiment'),
    /** Web visits. */
    pages: jsonb('pages').$type<VisitedPage[]>(),
    dwellSeconds: integer('dwell_seconds'),
    /** Downloads. */
    documentTitle: text('document_title'),
    documentUrl: text('document_url'),
    createdAt: createdAt(),
  },
  (table) => [
    index('activities_tenant_lead_idx').on(table.tenantId, table.leadId, table.occurredAt),
    index('activities_tenant_deal_idx').on(table.tenantId, table.dealId, table.occurredAt),
    index('activities_tenant_contact_idx').on(table.tenantId, table.contactId, table.occurredAt),
    check(
      'activities_has_subject',
      sql`num_nonnulls(${table.leadId}, ${table.contactId}, ${table.dealId}) >= 1`,
    ),
  ],
);
