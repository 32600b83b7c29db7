import { index, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns.ts';
import { tenants, users } from './organization.ts';

/** A customer company the tenant sells to: a hospital, a distributor, a group. */
export const accounts = pgTable(
  'accounts',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    nameZh: text('name_zh'),
    nameEn: text('name_en'),
    industry: text('industry').notNull(),
    region: text('region').notNull(),
    sizeBand: text('size_band', { enum: ['small', 'medium', 'large', 'enterprise'] }).notNull(),
    employeeCount: integer('employee_count'),
    /** Unified social credit code (统一社会信用代码) or another registry id. */
    registryId: text('registry_id'),
    website: text('website'),
    ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    unique('accounts_tenant_registry_unique').on(table.tenantId, table.registryId),
    index('accounts_tenant_region_idx').on(table.tenantId, table.region),
    index('accounts_tenant_owner_idx').on(table.tenantId, table.ownerUserId),
  ],
);

/** A person at an account. */
export const contacts = pgTable(
  'contacts',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    title: text('title'),
    email: text('email'),
    phone: text('phone'),
    locale: text('locale').notNull().default('zh-CN'),
    createdAt: createdAt(),
  },
  (table) => [index('contacts_tenant_account_idx').on(table.tenantId, table.accountId)],
);
