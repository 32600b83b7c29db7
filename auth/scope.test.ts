import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client.ts';
import { accounts, apiKeys, deals, leads, teams, tenants, users } from '../db/schema/index.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { authenticateApiKey, hashApiKey } from './api-keys.ts';
import type { Caller } from './caller.ts';
import { inTenant, visibleAccounts, visiblePipeline } from './scope.ts';

/** Two tenants with the same shape: a team, a manager, two reps, a customer, two accounts. */
async function createTenant(database: DatabaseHandle, slug: string) {
  const { db } = database;
  const [tenant] = await db.insert(tenants).values({ slug, name: slug }).returning();
  const tenantId = tenant!.id;
  const [team] = await db.insert(teams).values({ tenantId, name: 'East' }).returning();
  const [otherTeam] = await db.insert(teams).values({ tenantId, name: 'West' }).returning();
  const staff = await db
    .insert(users)
    .values([
      { tenantId, email: `manager@${slug}`, displayName: 'M', role: 'manager', teamId: team!.id },
      { tenantId, email: `rep@${slug}`, displayName: 'R', role: 'rep', teamId: team!.id },
      { tenantId, email: `far@${slug}`, displayName: 'F', role: 'rep', teamId: otherTeam!.id },
      { tenantId, email: `admin@${slug}`, displayName: 'A', role: 'admin' },
    ])
    .returning();
  const [manager, rep, farRep, admin] = staff;
  const [ownAccount, otherAccount] = await db
    .insert(accounts)
    .values([
      {
        tenantId,
        nameEn: `${slug} own`,
        industry: 'hospital',
        region: 'Shanghai',
        sizeBand: 'large',
      },
      {
        tenantId,
        nameEn: `${slug} other`,
        industry: 'hospital',
        region: 'Beijing',
        sizeBand: 'small',
      },
    ])
    .returning();
  const [customer] = await db
    .insert(users)
    .values({
      tenantId,
      email: `buyer@${slug}`,
      displayName: 'C',
      role: 'customer_contact',
      accountId: ownAccount!.id,
    })
    .returning();
  await db.insert(leads).values([
    { tenantId, source: 'website', ownerUserId: rep!.id, accountId: ownAccount!.id },
    { tenantId, source: 'referral', ownerUserId: farRep!.id, accountId: otherAccount!.id },
  ]);
  await db.insert(deals).values([
    {
      tenantId,
      accountId: ownAccount!.id,
      name: `${slug} deal`,
      amount: '1000',
      ownerUserId: rep!.id,
    },
  ]);
  await db.insert(apiKeys).values({
    tenantId,
    userId: rep!.id,
    name: 'test',
    prefix: 'dw_test',
    keyHash: hashApiKey(`key-of-${slug}`),
  });

  const callerFor = (user: typeof rep): Caller => ({
    tenantId,
    userId: user!.id,
    role: user!.role,
    teamId: user!.teamId,
    accountId: user!.accountId,
    locale: user!.locale,
    timeZone: user!.timeZone,
  });
  return {
    tenantId,
    ownAccountId: ownAccount!.id,
    callers: {
      manager: callerFor(manager),
      rep: callerFor(rep),
      farRep: callerFor(farRep),
      admin: callerFor(admin),
      customer: callerFor(customer),
    },
  };
}

describe('tenant and role scope', () => {
  let database: DatabaseHandle;
  let alpha: Awaited<ReturnType<typeof createTenant>>;
  let beta: Awaited<ReturnType<typeof createTenant>>;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    alpha = await createTenant(database, 'alpha');
    beta = await createTenant(database, 'beta');
  });
  afterAll(() => database.close());

  it("never returns another tenant's accounts, leads or deals, whatever the role", async () => {
    const { db } = database;
    for (const caller of Object.values(alpha.callers)) {
      const rows = [
        ...(await db
          .select({ tenantId: accounts.tenantId })
          .from(accounts)
          .where(visibleAccounts(accounts, caller))),
        ...(await db
          .select({ tenantId: leads.tenantId })
          .from(leads)
          .where(visiblePipeline(leads, caller))),
        ...(await db
          .select({ tenantId: deals.tenantId })
          .from(deals)
          .where(visiblePipeline(deals, caller))),
        ...(await db
          .select({ tenantId: users.tenantId })
          .from(users)
          .where(inTenant(users, caller))),
      ];

      expect(rows.every((row) => row.tenantId === alpha.tenantId)).toBe(true);
    }
  });

  it('shows a customer contact only their own account and no pipeline', async () => {
    const { db } = database;
    const caller = alpha.callers.customer;

    const visible = await db
      .select({ id: accounts.id })
      .from(accounts)
      .where(visibleAccounts(accounts, caller));
    const pipeline = await db
      .select({ id: leads.id })
      .from(leads)
      .where(visiblePipeline(leads, caller));

    expect(visible).toEqual([{ id: alpha.ownAccountId }]);
    expect(pipeline).toEqual([]);
  });

  it("shows a rep only their own leads, a manager their team's, an admin all", async () => {
    const { db } = database;
    const leadOwners = async (caller: Caller) =>
      (
        await db
          .select({ owner: leads.ownerUserId })
          .from(leads)
          .where(visiblePipeline(leads, caller))
      ).map((row) => row.owner);

    expect(await leadOwners(alpha.callers.rep)).toEqual([alpha.callers.rep.userId]);
    expect(await leadOwners(alpha.callers.manager)).toEqual([alpha.callers.rep.userId]);
    expect((await leadOwners(alpha.callers.admin)).sort()).toEqual(
      [alpha.callers.rep.userId, alpha.callers.farRep.userId].sort(),
    );
  });

  it('resolves each API key to a caller of its own tenant', async () => {
    const alphaCaller = await authenticateApiKey(database.db, 'key-of-alpha');
    const betaCaller = await authenticateApiKey(database.db, 'key-of-beta');

    expect(alphaCaller).toEqual(alpha.callers.rep);
    expect(betaCaller).toEqual(beta.callers.rep);
  });

  it('rejects an unknown key and a revoked one with the same error', async () => {
    await database.db
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(
        and(eq(apiKeys.tenantId, beta.tenantId), eq(apiKeys.keyHash, hashApiKey('key-of-beta'))),
      );

    await expect(authenticateApiKey(database.db, 'no-such-key')).rejects.toMatchObject({
      code: 'invalid_api_key',
    });
    await expect(authenticateApiKey(database.db, 'key-of-beta')).rejects.toMatchObject({
      code: 'invalid_api_key',
    });
  });
});
