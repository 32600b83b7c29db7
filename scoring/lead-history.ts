import { and, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { accounts, activities, leads, signals } from '../db/schema/index.ts';

/** A lead with its account, its activities and its account's signals: what a score rests on. */
export interface LeadHistory {
  lead: typeof leads.$inferSelect;
  account: typeof accounts.$inferSelect | null;
  activities: (typeof activities.$inferSelect)[];
  signals: (typeof signals.$inferSelect)[];
}

export interface LoadLeadHistoriesOptions {
  tenantId: string;
  /** Only these leads (already checked against the caller's scope). */
  leadIds?: readonly string[];
  /** Only leads created in [from, to). */
  createdFrom?: Date;
  createdTo?: Date;
}

/** Loads lead histories of one tenant in three queries, every one filtered by tenant. */
export async function loadLeadHistories(
  db: Database,
  options: LoadLeadHistoriesOptions,
): Promise<LeadHistory[]> {
  const conditions: SQL[] = [eq(leads.tenantId, options.tenantId)];
  if (options.leadIds) conditions.push(inArray(leads.id, [...options.leadIds]));
  if (options.createdFrom) conditions.push(gte(leads.createdAt, options.createdFrom));
  if (options.createdTo) conditions.push(lt(leads.createdAt, options.createdTo));

  const rows = await db
    .select({ lead: leads, account: accounts })
    .from(leads)
    .leftJoin(
      accounts,
      and(eq(accounts.id, leads.accountId), eq(accounts.tenantId, leads.tenantId)),
    )
    .where(and(...conditions));
  if (rows.length === 0) return [];

  // Limitation: ids go into one `in (...)` list; very large tenants should page through leads.
  const leadIds = rows.map((row) => row.lead.id);
  const accountIds = [...new Set(rows.flatMap((row) => (row.account ? [row.account.id] : [])))];
  const activityRows = await db
    .select()
    .from(activities)
    .where(and(eq(activities.tenantId, options.tenantId), inArray(activities.leadId, leadIds)));
  const signalRows =
    accountIds.length === 0
      ? []
      : await db
          .select()
          .from(signals)
          .where(
            and(eq(signals.tenantId, options.tenantId), inArray(signals.accountId, accountIds)),
          );

  const activitiesByLead = groupBy(activityRows, (activity) => activity.leadId ?? '');
  const signalsByAccount = groupBy(signalRows, (signal) => signal.accountId);
  return rows.map(({ lead, account }) => ({
    lead,
    account,
    activities: activitiesByLead.get(lead.id) ?? [],
    signals: account ? (signalsByAccount.get(account.id) ?? []) : [],
  }));
}

function groupBy<T>(values: T[], key: (value: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const value of values) {
    const group = groups.get(key(value));
    if (group) group.push(value);
    else groups.set(key(value), [value]);
  }
  return groups;
}
