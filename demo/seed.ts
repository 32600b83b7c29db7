import { readFile } from 'node:fs/promises';
import { count } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { hashApiKey } from '../auth/api-keys.ts';
import type { Database, Transaction } from '../db/client.ts';
import {
  accounts,
  activities,
  apiKeys,
  contacts,
  dealStageChanges,
  deals,
  leads,
  products,
  reimbursementPolicies,
  signals,
  teams,
  tenants,
  users,
} from '../db/schema/index.ts';
import type { Embedder } from '../knowledge/embedder.ts';
import { createOfflineEmbedder } from '../knowledge/offline-embedder.ts';
import type {
  DemoAccount,
  DemoActivity,
  DemoContact,
  DemoDeal,
  DemoDocument,
  DemoLead,
  DemoPolicyRule,
  DemoSignal,
  DemoTenantFile,
} from './data-format.ts';
import { seedDemoKnowledge } from './seed-knowledge.ts';
import { stableId } from './stable-id.ts';

/** Rows inserted per table by one seed run; all zero when the demo was already there. */
export type SeedCounts = Record<string, number>;

export interface SeedOptions {
  /** The moment the relative times in the data files count back from. */
  now?: Date;
  /** Embeds the knowledge base. Default: the offline embedder. */
  embedder?: Embedder;
}

const DAY_MS = 86_400_000;
const BATCH_SIZE = 500;

/** The demo tenant's data files, parsed. */
export interface DemoData {
  tenant: DemoTenantFile;
  accounts: DemoAccount[];
  contacts: DemoContact[];
  leads: DemoLead[];
  deals: DemoDeal[];
  activities: DemoActivity[];
  signals: DemoSignal[];
  policies: DemoPolicyRule[];
  documents: DemoDocument[];
}

/** Reads the demo data files from `demo/data/`. */
export async function loadDemoData(): Promise<DemoData> {
  const read = async <T>(name: string): Promise<T> =>
    JSON.parse(await readFile(new URL(`./data/${name}.json`, import.meta.url), 'utf8')) as T;
  return {
    tenant: await read('tenant'),
    accounts: await read('accounts'),
    contacts: await read('contacts'),
    leads: await read('leads'),
    deals: await read('deals'),
    activities: await read('activities'),
    signals: await read('signals'),
    policies: await read('policies'),
    documents: await read('documents'),
  };
}

/** Loads the demo tenant when the database has no tenant at all; returns what it inserted. */
export async function seedDemoIfEmpty(
  db: Database,
  options: SeedOptions = {},
): Promise<SeedCounts | null> {
  const [row] = await db.select({ tenants: count() }).from(tenants);
  if ((row?.tenants ?? 0) > 0) return null;
  return seedDemoTenant(db, options);
}

/**
 * Loads the demo tenant in one transaction. Ids derive from the records' keys and
 * existing rows are left alone, so running it again inserts nothing.
 */
export async function seedDemoTenant(db: Database, options: SeedOptions = {}): Promise<SeedCounts> {
  const data = await loadDemoData();
  const rows = demoRows(data, options.now ?? new Date());
  const counts: SeedCounts = {};
  await db.transaction(async (tx) => {
    for (const [name, table, values] of rows) {
      counts[name] = await insertNew(tx, table, values);
    }
  });

  const knowledge = await seedDemoKnowledge({
    db,
    embedder: options.embedder ?? createOfflineEmbedder(),
    tenantId: demoId(data.tenant, 'tenant'),
    documents: data.documents,
    accountId: (key) => demoId(data.tenant, 'account', key),
  });
  counts.documents = knowledge.documents;
  counts.chunks = knowledge.chunks;
  return counts;
}

async function insertNew(tx: Transaction, table: PgTable, values: object[]): Promise<number> {
  let inserted = 0;
  for (let start = 0; start < values.length; start += BATCH_SIZE) {
    const batch = values.slice(start, start + BATCH_SIZE);
    const result = await tx.insert(table).values(batch).onConflictDoNothing().returning();
    inserted += result.length;
  }
  return inserted;
}

/** Every demo row, table by table, in an order that satisfies the foreign keys. */
function demoRows(data: DemoData, now: Date): [string, PgTable, object[]][] {
  const { tenant: file } = data;
  const tenantId = demoId(file, 'tenant');
  const id = (kind: string, key: string) => demoId(file, kind, key);
  const optionalId = (kind: string, key: string | undefined) => (key ? id(kind, key) : null);
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const dateDaysAgo = (days: number) => daysAgo(days).toISOString().slice(0, 10);
  const owned = { tenantId };

  const staff = file.users.filter((user) => !user.accountKey);
  const external = file.users.filter((user) => user.accountKey);
  const userRow = (user: DemoTenantFile['users'][number]) => ({
    ...owned,
    id: id('user', user.key),
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    teamId: optionalId('team', user.teamKey),
    accountId: optionalId('account', user.accountKey),
    locale: user.locale,
    timeZone: user.timeZone,
  });

  return [
    [
      'tenants',
      tenants,
      [
        {
          id: tenantId,
          slug: file.tenant.slug,
          name: file.tenant.name,
          defaultLocale: file.tenant.defaultLocale,
        },
      ],
    ],
    [
      'teams',
      teams,
      file.teams.map((team) => ({
        ...owned,
        id: id('team', team.key),
        name: team.name,
        region: team.region,
      })),
    ],
    ['staff', users, staff.map(userRow)],
    [
      'accounts',
      accounts,
      data.accounts.map(({ key, ownerKey, ...account }) => ({
        ...owned,
        ...account,
        id: id('account', key),
        ownerUserId: id('user', ownerKey),
      })),
    ],
    ['external users', users, external.map(userRow)],
    [
      'api keys',
      apiKeys,
      file.users.flatMap((user) =>
        user.apiKey
          ? [
              {
                ...owned,
                id: id('api-key', user.key),
                userId: id('user', user.key),
                name: 'demo key',
                prefix: user.apiKey.slice(0, 10),
                keyHash: hashApiKey(user.apiKey),
              },
            ]
          : [],
      ),
    ],
    [
      'contacts',
      contacts,
      data.contacts.map(({ key, accountKey, ...contact }) => ({
        ...owned,
        ...contact,
        id: id('contact', key),
        accountId: id('account', accountKey),
      })),
    ],
    [
      'leads',
      leads,
      data.leads.map((lead) => ({
        ...owned,
        id: id('lead', lead.key),
        accountId: optionalId('account', lead.accountKey),
        contactId: optionalId('contact', lead.contactKey),
        externalId: lead.externalId,
        source: lead.source,
        status: lead.status,
        productLine: lead.productLine,
        ownerUserId: id('user', lead.ownerKey),
        createdAt: daysAgo(lead.createdDaysAgo),
        updatedAt: daysAgo(
          lead.convertedDaysAgo ?? lead.firstContactedDaysAgo ?? lead.createdDaysAgo,
        ),
        firstContactedAt: optionalDaysAgo(lead.firstContactedDaysAgo, daysAgo),
        convertedAt: optionalDaysAgo(lead.convertedDaysAgo, daysAgo),
      })),
    ],
    [
      'deals',
      deals,
      data.deals.map((deal) => ({
        ...owned,
        id: id('deal', deal.key),
        accountId: id('account', deal.accountKey),
        leadId: optionalId('lead', deal.leadKey),
        name: deal.name,
        stage: deal.stage,
        amount: deal.amount.toFixed(2),
        currency: deal.currency,
        expectedClose: dateDaysAgo(deal.expectedCloseDaysAgo),
        productLine: deal.productLine,
        ownerUserId: id('user', deal.ownerKey),
        createdAt: daysAgo(deal.createdDaysAgo),
        updatedAt: daysAgo(deal.stageHistory.at(-1)?.daysAgo ?? deal.createdDaysAgo),
      })),
    ],
    [
      'deal stage changes',
      dealStageChanges,
      data.deals.flatMap((deal) =>
        deal.stageHistory.map((change, index) => ({
          ...owned,
          id: id('deal-stage', `${deal.key}:${index}`),
          dealId: id('deal', deal.key),
          fromStage: change.from,
          toStage: change.to,
          changedAt: daysAgo(change.daysAgo),
          changedByUserId: id('user', deal.ownerKey),
        })),
      ),
    ],
    [
      'activities',
      activities,
      data.activities.map(
        ({ key, daysAgo: days, leadKey, contactKey, dealKey, userKey, ...activity }) => ({
          ...owned,
          ...activity,
          id: id('activity', key),
          occurredAt: daysAgo(days),
          leadId: optionalId('lead', leadKey),
          contactId: optionalId('contact', contactKey),
          dealId: optionalId('deal', dealKey),
          userId: optionalId('user', userKey),
        }),
      ),
    ],
    [
      'signals',
      signals,
      data.signals.map(({ key, accountKey, daysAgo: days, ...signal }) => ({
        ...owned,
        ...signal,
        id: id('signal', key),
        accountId: id('account', accountKey),
        publishedAt: daysAgo(days),
      })),
    ],
    [
      'products',
      products,
      file.products.map((product) => ({
        ...owned,
        ...product,
        id: id('product', product.code),
        listPrice: product.listPrice.toFixed(2),
      })),
    ],
    [
      'reimbursement policies',
      reimbursementPolicies,
      data.policies.map((rule) => ({
        ...owned,
        ...rule,
        id: id('policy', `${rule.productCode}:${rule.region}:${rule.effectiveFrom}`),
        reimbursementRatio: rule.reimbursementRatio.toFixed(4),
        effectiveTo: rule.effectiveTo ?? null,
      })),
    ],
  ];
}

/** The row id of a demo record: derived from the tenant's key, the kind and the record's key. */
function demoId(file: DemoTenantFile, kind: string, key?: string): string {
  if (kind === 'tenant') return stableId(`tenant:${file.tenant.key}`);
  return stableId(`${file.tenant.key}:${kind}:${key}`);
}

function optionalDaysAgo(days: number | undefined, daysAgo: (days: number) => Date): Date | null {
  return days === undefined ? null : daysAgo(days);
}
