import { and, eq, ilike, or, type SQL } from 'drizzle-orm';
import { type Caller, isInternal } from '../auth/caller.ts';
import { visibleAccounts } from '../auth/scope.ts';
import type { Database } from '../db/client.ts';
import { accounts } from '../db/schema/index.ts';
import { ForbiddenError, InputError, NotFoundError } from '../lib/errors.ts';

/** An account as the tools see it. */
export type AccountRow = typeof accounts.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_CANDIDATES = 10;

/**
 * Finds the one account the caller means by an id or a name (Chinese or English,
 * partial), among the accounts the caller may see. A customer or partner naming any
 * account but their own is refused, whether or not it exists, so the refusal reveals
 * nothing about the tenant's other customers.
 */
export async function resolveAccount(
  db: Database,
  caller: Caller,
  reference: string,
): Promise<AccountRow> {
  const wanted = reference.trim();
  const matches = await db
    .select()
    .from(accounts)
    .where(and(visibleAccounts(accounts, caller), matchCondition(wanted)))
    .limit(MAX_CANDIDATES + 1);

  if (matches.length === 0) throw notVisible(caller, wanted);
  if (matches.length === 1) return matches[0] as AccountRow;
  return exactMatch(matches, wanted) ?? throwAmbiguous(matches, wanted);
}

/** Throws unless the caller may see the account with this id. */
export async function assertAccountVisible(
  db: Database,
  caller: Caller,
  accountId: string,
): Promise<AccountRow> {
  const [row] = UUID.test(accountId)
    ? await db
        .select()
        .from(accounts)
        .where(and(visibleAccounts(accounts, caller), eq(accounts.id, accountId)))
    : [];
  if (!row) throw notVisible(caller, accountId);
  return row;
}

/** The account's name for people: Chinese first when there is one, then English. */
export function accountName(account: Pick<AccountRow, 'nameZh' | 'nameEn' | 'id'>): string {
  return account.nameZh ?? account.nameEn ?? account.id;
}

// Limitation: names match as literal substrings; no pinyin, abbreviations or typo tolerance.
function matchCondition(wanted: string): SQL {
  if (UUID.test(wanted)) return eq(accounts.id, wanted);

  const pattern = `%${escapeLike(wanted)}%`;
  return or(ilike(accounts.nameZh, pattern), ilike(accounts.nameEn, pattern)) as SQL;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** A candidate whose whole name is what was asked, when several names contain it. */
function exactMatch(matches: AccountRow[], wanted: string): AccountRow | undefined {
  const lower = wanted.toLowerCase();
  const exact = matches.filter(
    (row) => row.nameZh?.toLowerCase() === lower || row.nameEn?.toLowerCase() === lower,
  );
  return exact.length === 1 ? exact[0] : undefined;
}

function throwAmbiguous(matches: AccountRow[], wanted: string): never {
  const candidates = matches.slice(0, MAX_CANDIDATES).map((row) => ({
    id: row.id,
    nameZh: row.nameZh,
    nameEn: row.nameEn,
  }));
  const listed = candidates.map((row) => `${accountName(row)} (${row.id})`).join('; ');
  const more = matches.length > MAX_CANDIDATES ? ' and more' : '';
  throw new InputError({
    code: 'ambiguous_account',
    message:
      `"${wanted}" matches several accounts: ${listed}${more}. ` +
      'Name one of them or pass its id.',
    details: { field: 'account', candidates },
  });
}

function notVisible(caller: Caller, wanted: string): Error {
  if (!isInternal(caller)) {
    return new ForbiddenError({
      code: 'account_out_of_scope',
      message:
        'You can only ask about your own organisation; ask about your own account, ' +
        'or contact your account manager for anything else.',
      details: { field: 'account' },
    });
  }
  return new NotFoundError({
    code: 'account_not_found',
    message: `No account matches "${wanted}"; check the spelling or try its other-language name.`,
    details: { field: 'account' },
  });
}
