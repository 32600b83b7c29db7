import { pgEnum, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';
import { tenants, users } from './organization.ts';

export const platform = pgEnum('platform', ['slack', 'telegram', 'wecom', 'feishu']);

/** A chat-platform account (a Slack or WeCom user, say) linked to a Dealwise user. */
export const channelIdentities = pgTable(
  'channel_identities',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    platform: platform('platform').notNull(),
    /** The workspace, corp or bot the user belongs to on that platform; '' where none. */
    externalWorkspaceId: text('external_workspace_id').notNull().default(''),
    externalUserId: text('external_user_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    linkedAt: createdAt(),
  },
  (table) => [
    unique('channel_identities_external_unique').on(
      table.platform,
      table.externalWorkspaceId,
      table.externalUserId,
    ),
  ],
);
