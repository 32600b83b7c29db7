import { and, eq, isNotNull } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { accounts, leads, products } from '../db/schema/index.ts';
import type { AdjustmentVocabulary } from './score-adjustments.ts';

/** The regions, segments and product lines a tenant's adjustments may name. */
export async function adjustmentVocabulary(
  db: Database,
  tenantId: string,
): Promise<AdjustmentVocabulary> {
  const regions = await db
    .selectDistinct({ value: accounts.region })
    .from(accounts)
    .where(eq(accounts.tenantId, tenantId));
  const leadLines = await db
    .selectDistinct({ value: leads.productLine })
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), isNotNull(leads.productLine)));
  const productLines = await db
    .selectDistinct({ value: products.productLine })
    .from(products)
    .where(eq(products.tenantId, tenantId));

  return {
    regions: regions.map((row) => row.value).sort(),
    segments: [...accounts.sizeBand.enumValues],
    productLines: [
      ...new Set([...leadLines, ...productLines].map((row) => row.value as string)),
    ].sort(),
  };
}
