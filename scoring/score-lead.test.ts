import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateApiKey } from '../auth/api-keys.ts';
import type { Caller } from '../auth/caller.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { leads, tenants, users } from '../db/schema/index.ts';
import { stableId } from '../demo/stable-id.ts';
import { createTestDatabase, demoSeededAt } from '../testing/test-database.ts';
import { scoreLead } from './score-lead.ts';

describe('scoreLead on the demo tenant', () => {
  let database: DatabaseHandle;
  let rep: Caller;
  let manager: Caller;
  let admin: Caller;
  let customer: Caller;
  let ownLeadId: string;
  let otherTeamLeadId: string;
  const now = () => demoSeededAt();

  beforeAll(async () => {
    database = await createTestDatabase('demo');
    rep = await authenticateApiKey(database.db, 'dw_demo_rep');
    manager = await authenticateApiKey(database.db, 'dw_demo_manager');
    admin = await authenticateApiKey(database.db, 'dw_demo_admin');
    customer = await authenticateApiKey(database.db, 'dw_demo_customer');
    const [own] = await database.db
      .select({ id: leads.id })
      .from(leads)
      .where(and(eq(leads.ownerUserId, rep.userId), eq(leads.status, 'working')));
    const [far] = await database.db
      .select({ id: leads.id })
      .from(leads)
      .where(eq(leads.ownerUserId, stableId('huakang:user:u-rep-zhao')));
    ownLeadId = own?.id as string;
    otherTeamLeadId = far?.id as string;
  });
  afterAll(() => database.close());

  it('scores with the rule prior and says so, since the demo has under 1,000 leads', async () => {
    const score = await scoreLead(database.db, rep, ownLeadId, { now: now() });

    expect(score.scorer.kind).toBe('rule');
    expect(score.scorer.modelId).toBeNull();
    expect(score.scorer.reason).toMatch(/^rule prior: 200 leads and \d+ conversions, below/);
    expect(score.score).toBeGreaterThan(0);
    expect(score.score).toBeLessThan(1);
  });

  it('ties every reason to words in both languages and to records a rep can open', async () => {
    const score = await scoreLead(database.db, rep, ownLeadId, { now: now() });

    expect(score.reasons.length).toBeGreaterThan(0);
    for (const reason of score.reasons) {
      expect(reason.text.en.length).toBeGreaterThan(0);
      expect(reason.text.zh.length).toBeGreaterThan(0);
      expect(reason.records.length).toBeGreaterThan(0);
      expect(reason.records[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('lets a manager score a lead of their team', async () => {
    const score = await scoreLead(database.db, manager, ownLeadId, { now: now() });

    expect(score.leadId).toBe(ownLeadId);
  });

  it("hides another team's lead from a rep and from a manager", async () => {
    await expect(scoreLead(database.db, rep, otherTeamLeadId)).rejects.toMatchObject({
      code: 'lead_not_found',
    });
    await expect(scoreLead(database.db, manager, otherTeamLeadId)).rejects.toMatchObject({
      code: 'lead_not_found',
    });
  });

  it('lets an admin score any lead of the tenant', async () => {
    const score = await scoreLead(database.db, admin, otherTeamLeadId, { now: now() });

    expect(score.leadId).toBe(otherTeamLeadId);
  });

  it('refuses customers', async () => {
    await expect(scoreLead(database.db, customer, ownLeadId)).rejects.toMatchObject({
      code: 'scores_internal_only',
    });
  });

  it('hides the lead from an admin of another tenant', async () => {
    const [tenant] = await database.db
      .insert(tenants)
      .values({ slug: 'other', name: 'Other' })
      .returning();
    const [stranger] = await database.db
      .insert(users)
      .values({ tenantId: tenant!.id, email: 'a@other', displayName: 'A', role: 'admin' })
      .returning();
    const caller: Caller = { ...admin, tenantId: tenant!.id, userId: stranger!.id };

    await expect(scoreLead(database.db, caller, ownLeadId)).rejects.toMatchObject({
      code: 'lead_not_found',
    });
  });

  it('rejects an id that is not a UUID', async () => {
    await expect(scoreLead(database.db, admin, 'lead-1')).rejects.toMatchObject({
      code: 'invalid_lead_id',
    });
  });

  it("hides a teammate's lead from a rep", async () => {
    const [teammates] = await database.db
      .select({ id: leads.id })
      .from(leads)
      .where(eq(leads.ownerUserId, stableId('huakang:user:u-rep-li')));

    await expect(scoreLead(database.db, rep, teammates!.id)).rejects.toMatchObject({
      code: 'lead_not_found',
    });
  });
});
