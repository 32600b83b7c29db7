import {
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';
import { documents } from './knowledge.ts';
import { tenants } from './organization.ts';

/** A product the tenant sells, identified by its catalogue and insurance code. */
export const products = pgTable(
  'products',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    /** The medical-insurance consumable or drug code (医保耗材/药品编码). */
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    productLine: text('product_line').notNull(),
    listPrice: numeric('list_price', { precision: 14, scale: 2 }),
    currency: text('currency').notNull().default('CNY'),
    createdAt: createdAt(),
  },
  (table) => [unique('products_tenant_code_unique').on(table.tenantId, table.code)],
);

/** A reimbursement rule: how much of a product's cost insurance pays in one region. */
export const reimbursementPolicies = pgTable(
  'reimbursement_policies',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    productCode: text('product_code').notNull(),
    region: text('region').notNull(),
    /** Share of the cost that insurance reimburses, 0 to 1. */
    reimbursementRatio: numeric('reimbursement_ratio', { precision: 5, scale: 4 }).notNull(),
    /** Payment category, e.g. 甲类 / 乙类 (class A / class B). */
    category: text('category'),
    conditions: text('conditions').notNull(),
    requiredMaterials: jsonb('required_materials').$type<string[]>().notNull().default([]),
    effectiveFrom: date('effective_from').notNull(),
    effectiveTo: date('effective_to'),
    version: integer('version').notNull().default(1),
    sourceDocumentId: uuid('source_document_id').references(() => documents.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAt(),
  },
  (table) => [
    unique('reimbursement_policies_rule_unique').on(
      table.tenantId,
      table.productCode,
      table.region,
      table.effectiveFrom,
    ),
    index('reimbursement_policies_lookup_idx').on(table.tenantId, table.productCode, table.region),
  ],
);
