import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateApiKey } from '../auth/api-keys.ts';
import type { DatabaseHandle } from '../db/client.ts';
import * as schema from '../db/schema/index.ts';
import { createTestDatabase, demoSeededAt } from '../testing/test-database.ts';
import { seedDemoIfEmpty, seedDemoTenant } from './seed.ts';

const TABLES = {
  tenants: schema.tenants,
  teams: schema.teams,
  users: schema.users,
  apiKeys: schema.apiKeys,
  accounts: schema.accounts,
  contacts: schema.contacts,
  leads: schema.leads,
  deals: schema.deals,
  dealStageChanges: schema.dealStageChanges,
  activities: schema.activities,
  signals: schema.signals,
  products: schema.products,
  reimbursementPolicies: schema.reimbursementPolicies,
};

async function rowCounts(database: DatabaseHandle): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries(TABLES)) {
    const [row] = await database.db.select({ n: count() }).from(table);
    counts[name] = row?.n ?? 0;
  }
  return counts;
}

describe('demo seed', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase('demo');
  });
  afterAll(() => database.close());

  it('loads a realistic tenant', async () => {
    const counts = await rowCounts(database);

    expect(counts.tenants).toBe(1);
    expect(counts.accounts).toBeGreaterThanOrEqual(35);
    expect(counts.leads).toBeGreaterThanOrEqual(180);
    expect(counts.deals).toBeGreaterThanOrEqual(50);
    expect(counts.activities).toBeGreaterThanOrEqual(300);
    expect(counts.signals).toBeGreaterThanOrEqual(30);
    expect(counts.reimbursementPolicies).toBeGreaterThanOrEqual(20);
  });

  it('changes nothing when run again, even a day later', async () => {
    const before = await rowCounts(database);
    const leadTimes = await database.db
      .select({ id: schema.leads.id, createdAt: schema.leads.createdAt })
      .from(schema.leads)
      .orderBy(schema.leads.id);

    const dayLater = new Date(demoSeededAt().getTime() + 86_400_000);
    const inserted = await seedDemoTenant(database.db, { now: dayLater });

    expect(Object.values(inserted).every((n) => n === 0)).toBe(true);
    expect(await rowCounts(database)).toEqual(before);
    expect(
      await database.db
        .select({ id: schema.leads.id, createdAt: schema.leads.createdAt })
        .from(schema.leads)
        .orderBy(schema.leads.id),
    ).toEqual(leadTimes);
    expect(await seedDemoIfEmpty(database.db)).toBeNull();
  });

  it('gives each role a demo key', async () => {
    const keys = ['dw_demo_admin', 'dw_demo_manager', 'dw_demo_rep', 'dw_demo_customer'];

    const roles = await Promise.all(
      keys.map(async (key) => (await authenticateApiKey(database.db, key)).role),
    );

    expect(roles).toEqual(['admin', 'manager', 'rep', 'customer_contact']);
  });

  it('ties the demo customer to an account that has a deal', async () => {
    const customer = await authenticateApiKey(database.db, 'dw_demo_customer');
    const [row] = await database.db
      .select({ n: count() })
      .from(schema.deals)
      .where(eq(schema.deals.accountId, customer.accountId!));

    expect(row!.n).toBeGreaterThan(0);
  });
});
