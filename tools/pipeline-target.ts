import { and, eq, exists, or, type SQL, sql } from 'drizzle-orm';
import type { Caller } from '../auth/caller.ts';
import { inTenant, visiblePipeline } from '../auth/scope.ts';
import type { Database } from '../db/client.ts';
import { accounts, contacts, deals, leads } from '../db/schema/index.ts';
import { InputError, NotFoundError } from '../lib/errors.ts';

/** The lead, deal or contact a write is about, checked against the caller's pipeline. */
export interface PipelineTarget {
  leadId: string | null;
  dealId: string | null;
  contactId: string | null;
  /** The account they belong to, when known. */
  accountId: string | null;
  /** How the target reads in a preview, e.g. `deal 东浦医院新住院楼ICU监护设备项目`. */
  label: string;
}

/**
 * Resolves the ids a write names into one target the caller may write to: a lead or
 * deal of the caller's pipeline (visiblePipeline), and a contact at the same account.
 * Ids the caller may not see are reported as not found.
 */
export async function resolvePipelineTarget(
  db: Database,
  caller: Caller,
  ids: { leadId?: string | undefined; dealId?: string | undefined; contactId?: string | undefined },
): Promise<PipelineTarget> {
  const lead = ids.leadId ? await visibleLead(db, caller, ids.leadId) : undefined;
  const deal = ids.dealId ? await visibleDeal(db, caller, ids.dealId) : undefined;
  const accountId = deal?.accountId ?? lead?.accountId ?? null;
  if (lead && deal && lead.accountId && lead.accountId !== deal.accountId) {
    throw mismatch(
      'dealId',
      'The lead and the deal belong to different accounts; name one of them.',
    );
  }

  const contact = ids.contactId ? await contactInScope(db, caller, ids.contactId) : undefined;
  if (contact && accountId && contact.accountId !== accountId) {
    throw mismatch(
      'contactId',
      'The contact works at another account than the lead or deal; check the contact.',
    );
  }

  const parts = [
    deal ? `deal ${deal.name}` : null,
    lead ? `lead ${lead.id}` : null,
    contact ? `contact ${contact.name}` : null,
  ].filter(Boolean);
  return {
    leadId: lead?.id ?? null,
    dealId: deal?.id ?? null,
    contactId: contact?.id ?? null,
    accountId: accountId ?? contact?.accountId ?? null,
    label: parts.join(', '),
  };
}

async function visibleLead(db: Database, caller: Caller, leadId: string) {
  const [lead] = await db
    .select({ id: leads.id, accountId: leads.accountId })
    .from(leads)
    .where(and(eq(leads.id, leadId), visiblePipeline(leads, caller)));
  if (lead) return lead;
  throw new NotFoundError({
    code: 'lead_not_found',
    message: `No lead ${leadId} among the leads you can see; check the id or ask its owner.`,
    details: { field: 'leadId' },
  });
}

async function visibleDeal(db: Database, caller: Caller, dealId: string) {
  const [deal] = await db
    .select({ id: deals.id, accountId: deals.accountId, name: deals.name })
    .from(deals)
    .where(and(eq(deals.id, dealId), visiblePipeline(deals, caller)));
  if (deal) return deal;
  throw new NotFoundError({
    code: 'deal_not_found',
    message: `No deal ${dealId} among the deals you can see; check the id or ask its owner.`,
    details: { field: 'dealId' },
  });
}

/**
 * A contact the caller may log against: at an account where the caller has a visible
 * lead or deal, or that the caller owns.
 */
async function contactInScope(db: Database, caller: Caller, contactId: string) {
  const [contact] = await db
    .select({ id: contacts.id, accountId: contacts.accountId, name: contacts.name })
    .from(contacts)
    .where(and(inTenant(contacts, caller), eq(contacts.id, contactId), workedByCaller(db, caller)));
  if (contact) return contact;
  throw new NotFoundError({
    code: 'contact_not_found',
    message: `No contact ${contactId} at the accounts you work on; check the id.`,
    details: { field: 'contactId' },
  });
}

function workedByCaller(db: Database, caller: Caller): SQL {
  const pipelineAt = (table: typeof leads | typeof deals) =>
    exists(
      db
        .select({ one: sql`1` })
        .from(table)
        .where(and(eq(table.accountId, contacts.accountId), visiblePipeline(table, caller))),
    );
  const ownedAccount = exists(
    db
      .select({ one: sql`1` })
      .from(accounts)
      .where(
        and(
          inTenant(accounts, caller),
          eq(accounts.id, contacts.accountId),
          eq(accounts.ownerUserId, caller.userId),
        ),
      ),
  );
  return or(pipelineAt(leads), pipelineAt(deals), ownedAccount) as SQL;
}

function mismatch(field: string, message: string): InputError {
  return new InputError({ code: 'target_mismatch', message, details: { field } });
}
