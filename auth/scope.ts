import { and, eq, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { users } from '../db/schema/index.ts';
import { type Caller, isInternal } from './caller.ts';

/** A table with a tenant column: every tenant-owned table. */
interface TenantOwned {
  tenantId: AnyPgColumn;
}

/** The caller's tenant; the first condition of every query on tenant data. */
export function inTenant(table: TenantOwned, caller: Caller): SQL {
  return eq(table.tenantId, caller.tenantId);
}

/**
 * Accounts the caller may see: all of the tenant's for its staff, only their own
 * account for a customer contact or partner.
 */
export function visibleAccounts(table: TenantOwned & { id: AnyPgColumn }, caller: Caller): SQL {
  if (caller.role === 'customer_contact' || caller.role === 'partner') {
    return and(inTenant(table, caller), eq(table.id, caller.accountId ?? NO_ID)) as SQL;
  }
  return inTenant(table, caller);
}

/**
 * Pipeline records (leads, deals) the caller may see: a rep its own, a manager its
 * team's, an admin all of the tenant's; customers and partners none.
 */
export function visiblePipeline(
  table: TenantOwned & { ownerUserId: AnyPgColumn },
  caller: Caller,
): SQL {
  switch (caller.role) {
    case 'admin':
      return inTenant(table, caller);
    case 'manager':
      return and(inTenant(table, caller), ownedByTeam(table.ownerUserId, caller)) as SQL;
    case 'rep':
      return and(inTenant(table, caller), eq(table.ownerUserId, caller.userId)) as SQL;
    default:
      return sql`false`;
  }
}

/** The owner is on the caller's team (never true when the caller has no team). */
function ownedByTeam(ownerColumn: AnyPgColumn, caller: Caller): SQL {
  const team = caller.teamId ?? NO_ID;
  return sql`${ownerColumn} in (select ${users.id} from ${users}
    where ${users.tenantId} = ${caller.tenantId} and ${users.teamId} = ${team})`;
}

/** A UUID that matches nothing, for callers that lack the id a condition needs. */
const NO_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Knowledge the caller may read: everything in the tenant for its staff; public
 * documents and their own account's for a customer contact or partner.
 */
export function readableKnowledge(
  table: TenantOwned & { audience: AnyPgColumn; accountId: AnyPgColumn },
  caller: Caller,
): SQL {
  if (isInternal(caller)) return inTenant(table, caller);
  return and(
    inTenant(table, caller),
    or(
      eq(table.audience, 'public'),
      and(eq(table.audience, 'account'), eq(table.accountId, caller.accountId ?? NO_ID)),
    ),
  ) as SQL;
}
