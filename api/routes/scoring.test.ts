import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateApiKey, hashApiKey } from '../../auth/api-keys.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import {
  apiKeys,
  auditLog,
  leads,
  scoringAdjustments,
  tenants,
  users,
} from '../../db/schema/index.ts';
import { stableId } from '../../demo/stable-id.ts';
import { createLogger } from '../../lib/logger.ts';
import { createTestDatabase, demoSeededAt } from '../../testing/test-database.ts';
import type { AppVariables } from '../authenticate.ts';
import { sendProblem, toProblem } from '../problem.ts';
import { scoringRoutes } from './scoring.ts';

// biome-ignore lint/suspicious/noExplicitAny: the tests read several JSON shapes.
type Json = any;

async function json(response: Response): Promise<Json> {
  return response.json();
}

const KEYS = { rep: 'dw_demo_rep', manager: 'dw_demo_manager', customer: 'dw_demo_customer' };

describe('scoring routes', () => {
  let database: DatabaseHandle;
  let app: Hono<{ Variables: AppVariables }>;
  let ownLeadId: string;
  let farLeadId: string;

  const call = (path: string, key: string, init: { method?: string; body?: unknown } = {}) =>
    app.request(path, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });

  beforeAll(async () => {
    database = await createTestDatabase('demo');
    app = new Hono<{ Variables: AppVariables }>();
    app.use(requestId());
    app.route(
      '/',
      scoringRoutes({
        db: database.db,
        logger: createLogger({ level: 'silent' }),
        now: () => demoSeededAt(),
      }),
    );
    app.onError((error, context) => {
      const { status, problem } = toProblem(error, context.var.requestId);
      return sendProblem(context, status, problem);
    });
    const rep = await authenticateApiKey(database.db, KEYS.rep);
    const [own] = await database.db.select().from(leads).where(eq(leads.ownerUserId, rep.userId));
    const [far] = await database.db
      .select()
      .from(leads)
      .where(eq(leads.ownerUserId, stableId('huakang:user:u-rep-zhao')));
    ownLeadId = own!.id;
    farLeadId = far!.id;
  });
  afterAll(() => database.close());

  it("serves a rep's own lead score with the scorer in use and its reasons", async () => {
    const response = await call(`/v1/leads/${ownLeadId}/score`, KEYS.rep);
    const body = await json(response);

    expect(response.status).toBe(200);
    expect(body.leadId).toBe(ownLeadId);
    expect(body.scorer.kind).toBe('rule');
    expect(['hot', 'warm', 'cool', 'cold']).toContain(body.band);
  });

  it("answers 404 problem+json for another team's lead", async () => {
    const response = await call(`/v1/leads/${farLeadId}/score`, KEYS.rep);

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect((await json(response)).code).toBe('lead_not_found');
  });

  it("hides the demo tenant's lead from another tenant's admin", async () => {
    const [tenant] = await database.db
      .insert(tenants)
      .values({ slug: 'rival', name: 'Rival' })
      .returning();
    const [admin] = await database.db
      .insert(users)
      .values({ tenantId: tenant!.id, email: 'admin@rival', displayName: 'A', role: 'admin' })
      .returning();
    await database.db.insert(apiKeys).values({
      tenantId: tenant!.id,
      userId: admin!.id,
      name: 'test',
      prefix: 'dw_rival',
      keyHash: hashApiKey('dw_rival_admin'),
    });

    const score = await call(`/v1/leads/${ownLeadId}/score`, 'dw_rival_admin');
    const heatmap = await json(await call('/v1/scoring/heatmap', 'dw_rival_admin'));

    expect(score.status).toBe(404);
    expect(heatmap).toEqual({ cells: [] });
  });

  it("serves a rep's heat map of their own open leads by region and band", async () => {
    const response = await call('/v1/scoring/heatmap', KEYS.rep);
    const body = await json(response);

    expect(response.status).toBe(200);
    expect(body.cells.length).toBeGreaterThan(0);
    expect(body.cells[0]).toEqual({
      region: expect.any(String),
      band: 'unscored',
      leads: expect.any(Number),
    });
  });

  it('answers 401 without an API key', async () => {
    const response = await app.request(`/v1/leads/${ownLeadId}/score`);

    expect(response.status).toBe(401);
  });

  it('refuses the heat map to a customer contact', async () => {
    const response = await call('/v1/scoring/heatmap', KEYS.customer);

    expect(response.status).toBe(403);
    expect((await json(response)).code).toBe('scores_internal_only');
  });

  it('refuses an adjustment from a rep with 403', async () => {
    const response = await call('/v1/scoring/adjustments', KEYS.rep, {
      method: 'PUT',
      body: { signal: { tender_open: 2 } },
    });

    expect(response.status).toBe(403);
    expect((await json(response)).code).toBe('adjustments_managers_only');
  });

  it('rejects a negative multiplier with 400 problem+json', async () => {
    const response = await call('/v1/scoring/adjustments', KEYS.manager, {
      method: 'PUT',
      body: { region: { Shanghai: -1 } },
    });
    const body = await json(response);

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(body.code).toBe('invalid_adjustment');
    expect(body.detail).toContain('region.Shanghai must be 0 or more');
  });

  it('rejects an unknown region with 400 and names the known ones', async () => {
    const response = await call('/v1/scoring/adjustments', KEYS.manager, {
      method: 'PUT',
      body: { region: { Atlantis: 2 } },
    });
    const body = await json(response);

    expect(response.status).toBe(400);
    expect(body.code).toBe('invalid_adjustment');
    expect(body.detail).toContain('region "Atlantis" is not one of');
  });

  it('rejects a body that is not JSON', async () => {
    const response = await app.request('/v1/scoring/adjustments/preview', {
      method: 'POST',
      headers: { authorization: `Bearer ${KEYS.manager}` },
      body: 'region=East',
    });

    expect(response.status).toBe(400);
    expect((await json(response)).code).toBe('invalid_json');
  });

  it('previews a change as a backtest against the current setting, applying nothing', async () => {
    const response = await call('/v1/scoring/adjustments/preview', KEYS.manager, {
      method: 'POST',
      body: { signal: { tender_open: 0, positive_replies: 3 } },
    });
    const body = await json(response);
    const versions = await database.db.select().from(scoringAdjustments);

    expect(response.status).toBe(200);
    expect(body.version).toBeNull();
    expect(body.backtest.leads).toBeGreaterThan(0);
    expect(body.backtest.current.auc).toBeGreaterThan(0);
    expect(body.backtest.proposed.auc).not.toBe(body.backtest.current.auc);
    expect(versions).toEqual([]);
  });

  it("applies a manager's adjustment as version 1 with its backtest, and audits it", async () => {
    const response = await call('/v1/scoring/adjustments', KEYS.manager, {
      method: 'PUT',
      body: { region: { Shanghai: 1.5 }, segment: { enterprise: 1.2 } },
    });
    const body = await json(response);
    const manager = await authenticateApiKey(database.db, KEYS.manager);
    const audits = await database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.tenantId, manager.tenantId),
          eq(auditLog.resourceType, 'scoring_adjustments'),
        ),
      );

    expect(response.status).toBe(200);
    expect(body.version).toBe(1);
    expect(body.backtest.current).toBeDefined();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      userId: manager.userId,
      action: 'update',
      resourceId: '1',
      via: 'PUT /v1/scoring/adjustments',
    });
  });

  it('scores with the applied adjustments afterwards', async () => {
    const adjustments = await json(await call('/v1/scoring/adjustments', KEYS.rep));
    const score = await json(await call(`/v1/leads/${ownLeadId}/score`, KEYS.rep));

    expect(adjustments.version).toBe(1);
    expect(adjustments.adjustments.region).toEqual({ Shanghai: 1.5 });
    expect(score.adjustmentVersion).toBe(1);
  });
});
