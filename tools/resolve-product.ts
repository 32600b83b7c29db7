import { and, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { Caller } from '../auth/caller.ts';
import { inTenant } from '../auth/scope.ts';
import type { Database } from '../db/client.ts';
import { products } from '../db/schema/index.ts';
import { InputError, NotFoundError } from '../lib/errors.ts';

/** A product as the tools see it. */
export type ProductRow = typeof products.$inferSelect;

/** A medical-insurance consumable or drug code: a letter and 19 digits. */
export const PRODUCT_CODE = /\b[A-Z]\d{19}\b/;

const MAX_CANDIDATES = 10;

/** Finds the one product meant by a code or a name (Chinese or English, partial). */
export async function resolveProduct(
  db: Database,
  caller: Caller,
  reference: string,
): Promise<ProductRow> {
  const wanted = reference.trim();
  const matches = await db
    .select()
    .from(products)
    .where(and(inTenant(products, caller), productMatch(wanted)))
    .limit(MAX_CANDIDATES + 1);

  if (matches.length === 1) return matches[0] as ProductRow;
  const exact = matches.filter((row) => hasAlias(row, wanted));
  if (exact.length === 1) return exact[0] as ProductRow;
  if (matches.length === 0) {
    throw new NotFoundError({
      code: 'product_not_found',
      message:
        `No product matches "${wanted}"; ` +
        'pass its insurance code (e.g. C0212040010000910017) or its name.',
      details: { field: 'product' },
    });
  }
  const listed = matches
    .slice(0, MAX_CANDIDATES)
    .map((row) => `${row.nameZh} / ${row.nameEn} (${row.code})`)
    .join('; ');
  throw new InputError({
    code: 'ambiguous_product',
    message: `"${wanted}" matches several products: ${listed}. Pass the code of the one you mean.`,
    details: { field: 'product', candidates: matches.map((row) => row.code) },
  });
}

/** The tenant's products, each with the names a text may call it by. */
export async function productAliases(
  db: Database,
  caller: Caller,
): Promise<{ product: ProductRow; aliases: string[] }[]> {
  const rows = await db.select().from(products).where(inTenant(products, caller));
  return rows.map((product) => ({ product, aliases: aliasesOf(product) }));
}

/**
 * Names a product goes by: its code, both names, the Chinese name without the
 * "一次性使用" prefix, and a model number such as HK-M8.
 */
function aliasesOf(product: ProductRow): string[] {
  const aliases = [product.code, product.nameZh, product.nameEn];
  const shortZh = product.nameZh.replace(/^一次性使用/, '').trim();
  if (shortZh !== product.nameZh) aliases.push(shortZh);
  const model = /\bHK-[A-Z0-9]+\b/.exec(product.nameEn)?.[0];
  if (model) aliases.push(model);
  return [...new Set(aliases.filter((alias) => alias.length >= 3))];
}

function hasAlias(product: ProductRow, wanted: string): boolean {
  const lower = wanted.toLowerCase();
  return aliasesOf(product).some((alias) => alias.toLowerCase() === lower);
}

function productMatch(wanted: string): SQL {
  if (PRODUCT_CODE.test(wanted)) return eq(products.code, wanted);

  const pattern = `%${wanted.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
  return or(ilike(products.nameZh, pattern), ilike(products.nameEn, pattern)) as SQL;
}
