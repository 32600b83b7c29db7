import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client.ts';
import { leads } from '../db/schema/index.ts';
import { createTestDatabase, demoSeededAt } from '../testing/test-database.ts';
import { demoContext, demoId } from './__fixtures__/demo-context.ts';
import { runTool } from './run-tool.ts';
import { scoreLeadTool } from './score-lead.ts';

describe('score_lead', () => {
  let database: DatabaseHandle;
  let ownLeadId: string;
  let otherRepLeadId: string;

  beforeAll(async () => {
    database = await createTestDatabase('demo');
    const [own] = await database.db
      .select({ id: leads.id })
      .from(leads)
      .where(
        and(eq(leads.ownerUserId, demoId('user', 'u-rep-zhang')), eq(leads.status, 'working')),
      );
    const [other] = await database.db
      .select({ id: leads.id })
      .from(leads)
      .where(eq(leads.ownerUserId, demoId('user', 'u-rep-li')));
    ownLeadId = own?.id as string;
    otherRepLeadId = other?.id as string;
  });
  afterAll(() => database.close());

  it("scores the rep's own lead and cites it and the records behind the reasons", async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', demoSeededAt());

    const { data, citations, reads } = await runTool(scoreLeadTool, context, { leadId: ownLeadId });

    expect(data.leadId).toBe(ownLeadId);
    expect(['hot', 'warm', 'cool', 'cold']).toContain(data.band);
    expect(citations[0]).toMatchObject({ kind: 'record', resourceType: 'lead', id: ownLeadId });
    expect(citations.length).toBeGreaterThan(1);
    expect(reads).toEqual([
      { resourceType: 'lead', resourceId: ownLeadId, details: { band: data.band } },
    ]);
  });

  it("hides another rep's lead from a rep as not found", async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', demoSeededAt());

    const failure = runTool(scoreLeadTool, context, { leadId: otherRepLeadId });

    await expect(failure).rejects.toMatchObject({ name: 'NotFoundError', code: 'lead_not_found' });
  });

  it('refuses a customer contact', async () => {
    const context = await demoContext(database.db, 'dw_demo_customer', demoSeededAt());

    const failure = runTool(scoreLeadTool, context, { leadId: ownLeadId });

    await expect(failure).rejects.toMatchObject({
      name: 'ForbiddenError',
      code: 'role_not_allowed',
    });
  });

  it('rejects a lead id that is not a UUID, naming the field', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', demoSeededAt());

    const failure = runTool(scoreLeadTool, context, { leadId: 'lead-001' });

    await expect(failure).rejects.toMatchObject({
      name: 'InputError',
      code: 'invalid_tool_input',
      details: { errors: [expect.objectContaining({ field: 'leadId' })] },
    });
  });
  it("scores an account's most recently active open lead among the caller's own", async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', demoSeededAt());
    const [owned] = await database.db
      .select({ accountId: leads.accountId })
      .from(leads)
      .where(and(eq(leads.id, ownLeadId)));
    const accountLeads = await database.db
      .select({ id: leads.id, ownerUserId: leads.ownerUserId, status: leads.status })
      .from(leads)
      .where(eq(leads.accountId, owned?.accountId as string));

    const { data } = await runTool(scoreLeadTool, context, { account: owned?.accountId as string });

    const mine = accountLeads.filter(
      (lead) =>
        lead.ownerUserId === demoId('user', 'u-rep-zhang') &&
        ['new', 'working', 'qualified'].includes(lead.status),
    );
    expect(mine.map((lead) => lead.id)).toContain(data.leadId);
    expect(data.account?.id).toBe(owned?.accountId);
    const returned = [data.leadId, ...(data.otherLeadIds ?? [])];
    expect(returned).toHaveLength(Math.min(mine.length, 6));
    for (const id of returned) expect(mine.map((lead) => lead.id)).toContain(id);
  });

  it('says when neither a lead nor an account is named', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', demoSeededAt());

    const failure = runTool(scoreLeadTool, context, {});

    await expect(failure).rejects.toMatchObject({ name: 'InputError', code: 'invalid_tool_input' });
  });
});
