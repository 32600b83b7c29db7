import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateApiKey } from '../auth/api-keys.ts';
import type { Caller } from '../auth/caller.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { activities, leadScores, leads } from '../db/schema/index.ts';
import { createTestDatabase, demoSeededAt } from '../testing/test-database.ts';
import { rescoreChangedLeads } from './rescore-changed-leads.ts';
import { scoreHeatmap } from './score-heatmap.ts';

describe('rescoreChangedLeads', () => {
  let database: DatabaseHandle;
  let admin: Caller;
  let rep: Caller;
  const later = (minutes: number) => new Date(demoSeededAt().getTime() + minutes * 60_000);

  beforeAll(async () => {
    database = await createTestDatabase('demo');
    admin = await authenticateApiKey(database.db, 'dw_demo_admin');
    rep = await authenticateApiKey(database.db, 'dw_demo_rep');
  });
  afterAll(() => database.close());

  it('scores every lead on the first run', async () => {
    const result = await rescoreChangedLeads(database.db, {
      tenantId: admin.tenantId,
      now: later(1),
    });
    const [stored] = await database.db.select({ n: count() }).from(leadScores);

    expect(result).toEqual({ rescored: 200, scorer: 'rule' });
    expect(stored?.n).toBe(200);
  });

  it('rescores nothing when nothing changed', async () => {
    const result = await rescoreChangedLeads(database.db, {
      tenantId: admin.tenantId,
      now: later(2),
    });

    expect(result.rescored).toBe(0);
  });

  it('rescores only the lead that got a new activity', async () => {
    const [lead] = await database.db
      .select({ id: leads.id })
      .from(leads)
      .where(eq(leads.ownerUserId, rep.userId))
      .limit(1);
    await database.db.insert(activities).values({
      tenantId: admin.tenantId,
      kind: 'meeting',
      occurredAt: later(3),
      leadId: lead!.id,
      subject: 'Demo at the hospital',
      createdAt: later(3),
    });

    const result = await rescoreChangedLeads(database.db, {
      tenantId: admin.tenantId,
      now: later(4),
    });
    const [stored] = await database.db
      .select()
      .from(leadScores)
      .where(eq(leadScores.leadId, lead!.id));

    expect(result.rescored).toBe(1);
    expect(stored?.computedAt).toEqual(later(4));
  });

  it("counts a rep's open leads by region and band for the heat map", async () => {
    const cells = await scoreHeatmap(database.db, rep);
    const [open] = await database.db
      .select({ n: count() })
      .from(leads)
      .where(eq(leads.ownerUserId, rep.userId));

    expect(cells.length).toBeGreaterThan(0);
    expect(cells.every((cell) => cell.band !== 'unscored')).toBe(true);
    expect(cells.reduce((sum, cell) => sum + cell.leads, 0)).toBeLessThanOrEqual(open?.n ?? 0);
  });
});
