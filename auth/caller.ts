import { type userRole, users } from '../db/schema/index.ts';

/** A user's role: rep, manager, admin, customer contact or partner. */
export type Role = (typeof userRole.enumValues)[number];

/**
 * Who is asking. Every call into the core carries one, and every query that touches
 * tenant data checks it in code.
 */
export interface Caller {
  tenantId: string;
  userId: string;
  role: Role;
  /** The team of a rep or manager. */
  teamId: string | null;
  /** The account a customer contact or partner belongs to. */
  accountId: string | null;
  locale: string;
  timeZone: string;
}

/** Roles that work for the tenant itself, as opposed to its customers and partners. */
export const INTERNAL_ROLES: readonly Role[] = ['rep', 'manager', 'admin'];

/** True for the tenant's own staff; false for customer contacts and partners. */
export function isInternal(caller: Caller): boolean {
  return INTERNAL_ROLES.includes(caller.role);
}

/** The columns of `users` a Caller is made of, for queries that resolve one. */
export const CALLER_COLUMNS = {
  tenantId: users.tenantId,
  userId: users.id,
  role: users.role,
  teamId: users.teamId,
  accountId: users.accountId,
  locale: users.locale,
  timeZone: users.timeZone,
} as const;
