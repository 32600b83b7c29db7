import { ForbiddenError } from '../lib/errors.ts';
import type { Caller, Role } from './caller.ts';

/** Throws ForbiddenError unless the caller has one of the roles; `action` says what is refused. */
export function requireRole(caller: Caller, roles: readonly Role[], action: string): void {
  if (roles.includes(caller.role)) return;
  const whom = withArticle(listed(roles));
  throw new ForbiddenError({
    code: 'role_not_allowed',
    message: `Your role (${caller.role}) may not ${action}; ask ${whom}.`,
    details: { requiredRoles: roles },
  });
}

/** "admin", "manager or admin", "rep, manager or admin". */
function listed(roles: readonly Role[]): string {
  return roles.length <= 2
    ? roles.join(' or ')
    : `${roles.slice(0, -1).join(', ')} or ${roles.at(-1)}`;
}

/** "an admin", "a manager or admin". */
function withArticle(noun: string): string {
  return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}
