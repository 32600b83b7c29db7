import { sql } from 'drizzle-orm';
import {
  index,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { platform } from './channel-identities.ts';
import { createdAt, id } from './columns.ts';
import { conversations } from './conversations.ts';
import { tenants, users } from './organization.ts';

export const channelEventStatus = pgEnum('channel_event_status', [
  'received',
  'done',
  'ignored',
  'failed',
]);

/**
 * Every inbound platform event, stored before it is acknowledged. The unique dedupe key
 * (`slack:<event_id>`, `telegram:<update_id>`...) turns a redelivery into a no-op.
 */
export const channelEvents = pgTable(
  'channel_events',
  {
    id: id(),
    platform: platform('platform').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    /** Known once the sender is linked to a Dealwise user. */
    tenantId: uuid('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
    /** The normalized event, as the adapter parsed it. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: channelEventStatus('status').notNull().default('received'),
    /** What became of it: `answered`, `linked`, `link_instructions`, `unsupported`... */
    outcome: text('outcome'),
    error: text('error'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('channel_events_dedupe_unique').on(table.dedupeKey),
    index('channel_events_received_idx').on(table.receivedAt),
  ],
);

/** A one-time code a Dealwise user sends from a chat app to link their account there. */
export const channelLinkCodes = pgTable(
  'channel_link_codes',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** SHA-256 of the code; the code itself is shown once and never stored. */
    codeHash: text('code_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('channel_link_codes_hash_unique').on(table.codeHash)],
);

/**
 * Where a chat thread's turns go: one Dealwise conversation per user and platform thread
 * (a Slack thread, a Telegram chat, a WeCom or Feishu chat).
 */
export const channelThreads = pgTable(
  'channel_threads',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    platform: platform('platform').notNull(),
    /** The chat and thread on the platform, e.g. `C123:1700000000.000100`. */
    threadKey: text('thread_key').notNull(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('channel_threads_unique').on(
      table.tenantId,
      table.userId,
      table.platform,
      table.threadKey,
    ),
  ],
);

/**
 * A button shown in a chat reply (confirm or cancel a prepared write). The button carries
 * only this row's id, so secrets such as confirmation tokens never reach the platform.
 */
export const channelActions = pgTable(
  'channel_actions',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    /** Only this user may press it. */
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    index('channel_actions_open_idx')
      .on(table.tenantId, table.userId)
      .where(sql`${table.usedAt} is null`),
  ],
);
