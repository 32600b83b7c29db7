import { z } from 'zod';
import { type Caller, isInternal } from '../auth/caller.ts';
import { InputError } from '../lib/errors.ts';
import {
  type ActivitySummary,
  type ContactSummary,
  type DealSummary,
  type DocumentSummary,
  loadAccountDocuments,
  loadContacts,
  loadOpenDeals,
  loadRecentActivities,
  loadRecentSignals,
  readIds,
  type SignalSummary,
  signalCitation,
} from './account-records.ts';
import {
  type AccountRow,
  accountName,
  assertAccountVisible,
  resolveAccount,
} from './resolve-account.ts';
import { type RecordCitation, type ToolCitation, uniqueCitations } from './tool-citation.ts';
import {
  ALL_ROLES,
  type ToolContext,
  type ToolDefinition,
  type ToolResult,
} from './tool-definition.ts';

/** An account's facts; staff get the commercial ones too. */
export interface AccountFacts {
  id: string;
  nameZh: string | null;
  nameEn: string | null;
  industry: string;
  region: string;
  website: string | null;
  /** Staff only. */
  sizeBand?: string;
  employeeCount?: number | null;
  registryId?: string | null;
}

/**
 * What get_account_overview returns. Customers and partners asking about their own
 * account get its basic facts, their colleagues' names and titles, public signals and
 * the documents they may read; deals (stage and amount are the vendor's forecast),
 * activities (the vendor's notes) and contact details are left out for them.
 */
export interface AccountOverview {
  account: AccountFacts;
  contacts: ContactSummary[];
  openDeals: DealSummary[];
  recentActivities: ActivitySummary[];
  recentSignals: SignalSummary[];
  documents: DocumentSummary[];
  /** What was left out because of the caller's role, so the model can say so. */
  withheld: string[];
}

const RECENT_ACTIVITIES = 10;
const RECENT_SIGNALS = 5;

const input = z.object({
  account: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe(
      'Account id, or its name in Chinese or English (partial names work), e.g. 东浦医院; ' +
        "leave out for a customer's own organisation",
    ),
});

/** Words with which a customer means their own organisation: 我们医院, our hospital. */
const OWN_ORGANISATION = /我们|我院|本院|我司|本公司|\b(?:our|my|us)\b/i;

/** Arguments of get_account_overview. */
export type GetAccountOverviewInput = z.infer<typeof input>;

/** An account at a glance: facts, contacts, open deals, recent activity, signals, documents. */
export const getAccountOverviewTool: ToolDefinition<GetAccountOverviewInput, AccountOverview> = {
  name: 'get_account_overview',
  description:
    'Get an overview of one customer account: facts, contacts, open deals, recent ' +
    'activities, recent signals (tenders, registry changes, news) and documents. Name the ' +
    'account by id or by its Chinese or English name; partial names work. If several ' +
    'accounts match, ask the user which one. Customers may only ask about their own account.',
  input,
  roles: ALL_ROLES,
  kind: 'read',
  run: runGetAccountOverview,
};

/**
 * The account the request means. A customer contact or partner who names no account,
 * or says 我们医院 / our hospital, means their own.
 */
async function accountAsked(context: ToolContext, reference: string | undefined) {
  const { db, caller } = context;
  const ownAccount = caller.accountId;
  if (ownAccount && (!reference || OWN_ORGANISATION.test(reference))) {
    return assertAccountVisible(db, caller, ownAccount);
  }
  if (!reference) {
    throw new InputError({
      code: 'account_required',
      message: 'Name the account, by id or by its Chinese or English name.',
      details: { field: 'account' },
    });
  }
  return resolveAccount(db, caller, reference);
}

async function runGetAccountOverview(
  context: ToolContext,
  request: GetAccountOverviewInput,
): Promise<ToolResult<AccountOverview>> {
  const { db, caller, now } = context;
  const account = await accountAsked(context, request.account);

  const contacts = await loadContacts(db, caller, account.id);
  const openDeals = await loadOpenDeals(db, caller, account.id);
  const recentActivities = await loadRecentActivities(db, caller, {
    accountId: account.id,
    now,
    limit: RECENT_ACTIVITIES,
  });
  const recentSignals = await loadRecentSignals(db, caller, {
    accountId: account.id,
    now,
    limit: RECENT_SIGNALS,
  });
  const knowledge = await loadAccountDocuments(db, caller, account.id);

  const overview: AccountOverview = {
    account: accountFacts(account, caller),
    contacts,
    openDeals,
    recentActivities,
    recentSignals,
    documents: knowledge.documents,
    withheld: isInternal(caller) ? [] : ['deals', 'activities', 'contact details'],
  };
  const citations: ToolCitation[] = [
    accountCitation(account),
    ...recentSignals.map(signalCitation),
    ...knowledge.citations,
  ];
  return {
    data: overview,
    citations: uniqueCitations(citations),
    summary:
      `${accountName(account)}: ${contacts.length} contact(s), ${openDeals.length} open deal(s), ` +
      `${recentSignals.length} signal(s)`,
    reads: [
      {
        resourceType: 'account',
        resourceId: account.id,
        details: readIds({ contacts, deals: openDeals, activities: recentActivities }),
      },
    ],
  };
}

function accountFacts(account: AccountRow, caller: Caller): AccountFacts {
  const facts: AccountFacts = {
    id: account.id,
    nameZh: account.nameZh,
    nameEn: account.nameEn,
    industry: account.industry,
    region: account.region,
    website: account.website,
  };
  if (!isInternal(caller)) return facts;

  return {
    ...facts,
    sizeBand: account.sizeBand,
    employeeCount: account.employeeCount,
    registryId: account.registryId,
  };
}

/** The account itself as a citation. */
export function accountCitation(account: AccountRow): RecordCitation {
  return {
    kind: 'record',
    resourceType: 'account',
    id: account.id,
    title: accountName(account),
    sourceUrl: account.website,
    locator: `${account.region}, ${account.industry}`,
  };
}
