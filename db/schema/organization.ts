import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  index,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { createdAt, id } from './columns.ts';

/** What a user may do; the caller's role bounds every tool and query. */
export const userRole = pgEnum('user_role', [
  'rep',
  'manager',
  'admin',
  'customer_contact',
  'partner',
]);

/** A customer of Dealwise: one selling organisation, isolated from every other. */
export const tenants = pgTable('tenants', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  defaultLocale: text('default_locale').notNull().default('zh-CN'),
  createdAt: createdAt(),
});

/** A sales team inside a tenant, usually one region or product line. */
export const teams = pgTable(
  'teams',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    region: text('region'),
    createdAt: createdAt(),
  },
  (table) => [unique('teams_tenant_name_unique').on(table.tenantId, table.name)],
);

/**
 * A person who talks to Dealwise. Customer contacts and partners are tied to the
 * account they belong to; everyone else to a team.
 */
export const users = pgTable(
  'users',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    role: userRole('role').notNull(),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    accountId: uuid('account_id').references((): AnyPgColumn => accounts.id, {
      onDelete: 'cascade',
    }),
    locale: text('locale').notNull().default('zh-CN'),
    timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
    createdAt: createdAt(),
  },
  (table) => [
    unique('users_tenant_email_unique').on(table.tenantId, table.email),
    index('users_tenant_team_idx').on(table.tenantId, table.teamId),
    check(
      'users_external_role_has_account',
      sql`${table.role} not in ('customer_contact', 'partner') or ${table.accountId} is not null`,
    ),
  ],
);

/** An API key; only its SHA-256 hash is stored, the prefix identifies it in lists. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [index('api_keys_tenant_user_idx').on(table.tenantId, table.userId)],
);
