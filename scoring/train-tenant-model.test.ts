import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateApiKey } from '../auth/api-keys.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { leads } from '../db/schema/index.ts';
import { createTestDatabase, demoSeededAt } from '../testing/test-database.ts';
import { scoreLead } from './score-lead.ts';
import { trainTenantModel } from './train-tenant-model.ts';

describe('trainTenantModel', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase('demo');
  });
  afterAll(() => database.close());

  it('keeps the rule prior for the demo tenant, below the cold-start thresholds', async () => {
    const report = await trainTenantModel(database.db, { now: demoSeededAt() });

    expect(report.scorer).toBe('rule');
    expect(report.modelId).toBeNull();
    expect(report.reason).toContain('below the 1000 and 120 a trained model needs');
    expect(report.ruleMetrics.auc).toBeGreaterThan(0.6);
  });

  it('hands over to a trained model once there is enough data, and scores say so', async () => {
    const report = await trainTenantModel(database.db, {
      now: demoSeededAt(),
      coldStart: { leads: 100, conversions: 30 },
    });
    const admin = await authenticateApiKey(database.db, 'dw_demo_admin');
    const [lead] = await database.db.select({ id: leads.id }).from(leads).limit(1);

    const score = await scoreLead(database.db, admin, lead!.id, { now: demoSeededAt() });

    expect(report.scorer).toBe('trained');
    expect(report.modelMetrics?.auc).toBeGreaterThan(0.6);
    expect(score.scorer).toMatchObject({ kind: 'trained', modelId: report.modelId });
  });
});
