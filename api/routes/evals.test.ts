import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentDependencies } from '../../agent/run-turn.ts';
import { hashApiKey } from '../../auth/api-keys.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import { apiKeys, evalRuns, jobs, tenants, users } from '../../db/schema/index.ts';
import { countPendingEvalRuns } from '../../evals/runs/eval-run-store.ts';
import { processEvalRun } from '../../evals/runs/process-eval-run.ts';
import {
  EVAL_RUN_ATTEMPTS,
  EVAL_RUN_JOB,
  MAX_PENDING_EVAL_RUNS,
} from '../../evals/runs/queue-eval-run.ts';
import { createLogger } from '../../lib/logger.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { createTestDatabase } from '../../testing/test-database.ts';

// biome-ignore lint/suspicious/noExplicitAny: the tests read several JSON shapes.
type Json = any;

const ADMIN = 'dw_demo_admin';
const RIVAL_ADMIN = 'dw_rival_admin';

const ONE_CASE_SUITE = JSON.stringify({
  id: 'stapler-ratio',
  caller: 'dw_demo_rep',
  turns: ['上海地区 C0212040010000910017 的医保报销比例是多少？'],
  expect: { toolsCalled: [{ name: 'lookup_policy' }], facts: [{ number: 70 }] },
});

const MALFORMED_SUITE = [
  ONE_CASE_SUITE,
  JSON.stringify({
    id: 'bad-fact',
    caller: 'dw_demo_rep',
    turns: ['hello'],
    expect: { facts: [{ number: 'seventy' }] },
  }),
].join('\n');

describe('eval run routes', () => {
  let database: DatabaseHandle;
  let app: ReturnType<typeof createTestApp>['app'];
  let agent: AgentDependencies;

  const call = (path: string, key: string, body?: unknown) =>
    app.request(path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  const countRows = async (): Promise<{ runs: number; jobs: number }> => {
    const [runs] = await database.db.select({ n: count() }).from(evalRuns);
    const [queued] = await database.db
      .select({ n: count() })
      .from(jobs)
      .where(eq(jobs.kind, EVAL_RUN_JOB));
    return { runs: runs?.n ?? 0, jobs: queued?.n ?? 0 };
  };

  /** Queues a run of the one-case uploaded suite, in the given status; returns its id. */
  const queueTinyRun = async (status?: 'running' | 'failed'): Promise<string> => {
    const queued = await call('/v1/evals/runs', ADMIN, {
      suite: { name: 'tiny', jsonl: ONE_CASE_SUITE },
    });
    const { id } = (await queued.json()) as Json;
    if (status) await database.db.update(evalRuns).set({ status }).where(eq(evalRuns.id, id));
    return id;
  };

  /** Runs the run's job handler as the given attempt, then reads the run back. */
  const processRun = async (runId: string, attempt = 1): Promise<Json> => {
    await processEvalRun({
      db: database.db,
      agent,
      runId,
      attempt: { number: attempt, of: EVAL_RUN_ATTEMPTS },
      logger: createLogger({ level: 'silent' }),
    });
    return (await call(`/v1/evals/runs/${runId}`, ADMIN)).json();
  };

  beforeAll(async () => {
    database = await createTestDatabase('demo');
    ({ app, agent } = createTestApp(database));

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
      keyHash: hashApiKey(RIVAL_ADMIN),
    });
  });
  afterAll(() => database.close());

  it('queues a run of bundled suites and its job, answering 202', async () => {
    const before = await countRows();

    const response = await call('/v1/evals/runs', ADMIN, { suites: ['policy-lookup'] });
    const body: Json = await response.json();

    expect(response.status).toBe(202);
    expect(body.status).toBe('queued');
    expect(body.requestedSuites).toEqual(['policy-lookup']);
    expect(body.options).toEqual({ repeat: 1, concurrency: 2, via: 'api' });
    expect(response.headers.get('location')).toBe(`/v1/evals/runs/${body.id}`);
    const [job] = await database.db.select().from(jobs).where(eq(jobs.kind, EVAL_RUN_JOB));
    expect(job).toMatchObject({ payload: { runId: body.id }, serialKey: 'evals.run' });
    expect(await countRows()).toEqual({ runs: before.runs + 1, jobs: before.jobs + 1 });
  });

  it('rejects a malformed upload naming the line, case and field, and stores nothing', async () => {
    const before = await countRows();

    const response = await call('/v1/evals/runs', ADMIN, {
      suite: { name: 'mine', jsonl: MALFORMED_SUITE },
    });
    const body: Json = await response.json();

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(body.code).toBe('invalid_suite');
    expect(body.detail).toContain('line 2 (bad-fact)');
    expect(body.detail).toContain('expect.facts[0]');
    expect(body.problems).toEqual([
      expect.objectContaining({ line: 2, caseId: 'bad-fact', field: 'expect.facts[0]' }),
    ]);
    expect(await countRows()).toEqual(before);
  });

  it('rejects a suite name that is not bundled', async () => {
    const response = await call('/v1/evals/runs', ADMIN, { suites: ['../../etc/passwd'] });
    const body: Json = await response.json();

    expect(response.status).toBe(400);
    expect(body.code).toBe('unknown_suite');
  });

  it('rejects a body that names both bundled and uploaded suites', async () => {
    const response = await call('/v1/evals/runs', ADMIN, {
      suites: ['policy-lookup'],
      suite: { name: 'mine', jsonl: ONE_CASE_SUITE },
    });

    expect(response.status).toBe(400);
    expect(((await response.json()) as Json).code).toBe('invalid_request');
  });

  it('refuses a run beyond the pending limit with a 429, storing nothing', async () => {
    const tenantId = (await database.db.select().from(evalRuns))[0]!.tenantId!;
    const pending = await countPendingEvalRuns(database.db, tenantId);
    for (let n = pending; n < MAX_PENDING_EVAL_RUNS; n += 1) {
      expect((await call('/v1/evals/runs', ADMIN, { suites: ['unanswerable'] })).status).toBe(202);
    }
    const before = await countRows();

    const response = await call('/v1/evals/runs', ADMIN, { suites: ['unanswerable'] });
    const body: Json = await response.json();

    expect(response.status).toBe(429);
    expect(body).toMatchObject({ code: 'too_many_eval_runs', limit: MAX_PENDING_EVAL_RUNS });
    expect(await countRows()).toEqual(before);
    await database.db
      .update(evalRuns)
      .set({ status: 'failed' })
      .where(eq(evalRuns.status, 'queued'));
  });

  it('refuses a run to a caller who is not an admin, storing nothing', async () => {
    const before = await countRows();

    const response = await call('/v1/evals/runs', 'dw_demo_manager', { suites: ['all'] });

    expect(response.status).toBe(403);
    expect(((await response.json()) as Json).code).toBe('role_not_allowed');
    expect(await countRows()).toEqual(before);
  });

  it("answers 404 for another tenant's run and its report", async () => {
    const queued = await call('/v1/evals/runs', ADMIN, { suites: ['unanswerable'] });
    const { id } = (await queued.json()) as Json;

    const run = await call(`/v1/evals/runs/${id}`, RIVAL_ADMIN);
    const report = await call(`/v1/evals/runs/${id}/report`, RIVAL_ADMIN);

    expect(run.status).toBe(404);
    expect(((await run.json()) as Json).code).toBe('eval_run_not_found');
    expect(report.status).toBe(404);
  });

  it('answers 404 for an id that is not a UUID', async () => {
    const response = await call('/v1/evals/runs/not-a-uuid', ADMIN);

    expect(response.status).toBe(404);
  });

  it('answers 409 for the report of a run not done yet', async () => {
    const queued = await call('/v1/evals/runs', ADMIN, { suites: ['unanswerable'] });
    const { id } = (await queued.json()) as Json;

    const response = await call(`/v1/evals/runs/${id}/report`, ADMIN);

    expect(response.status).toBe(409);
    expect(((await response.json()) as Json).runStatus).toBe('queued');
  });

  it('runs an uploaded suite in the job handler and serves its results and report', async () => {
    const id = await queueTinyRun();

    const run = await processRun(id);
    const report = await call(`/v1/evals/runs/${id}/report`, ADMIN);
    const html = await report.text();

    expect(run.status).toBe('done');
    expect(run.model).toBe('dealwise-offline');
    expect(run.summaries).toEqual([
      expect.objectContaining({ suite: 'tiny', cases: 1, runs: 1, passed: 1, passRate: 1 }),
    ]);
    expect(run.suites[0].runs[0]).toMatchObject({ caseId: 'stapler-ratio', status: 'passed' });
    expect(run.suites[0].suite.file).toBe('upload:tiny');
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toContain('text/html');
    expect(report.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html).toContain('tiny/stapler-ratio');
  }, 120_000);

  it('leaves a run alone when it is no longer queued', async () => {
    const id = await queueTinyRun('failed');

    const run = await processRun(id);

    expect(run.status).toBe('failed');
    expect(run.startedAt).toBeNull();
  });

  it('starts a run over when its job comes round again after its worker stopped', async () => {
    const id = await queueTinyRun('running');

    const run = await processRun(id, 2);

    expect(run.status).toBe('done');
    expect(run.summaries[0]).toMatchObject({ passed: 1 });
  }, 120_000);

  it('marks a run failed on its last attempt when its worker stopped again', async () => {
    const id = await queueTinyRun('running');

    const run = await processRun(id, EVAL_RUN_ATTEMPTS);

    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/stopped before it finished/);
  });

  it("lists the tenant's runs newest first with suite summaries, a page at a time", async () => {
    const id = await queueTinyRun();
    await processRun(id);

    const first: Json = await (await call('/v1/evals/runs?limit=1', ADMIN)).json();
    const second: Json = await (await call('/v1/evals/runs?limit=1&offset=1', ADMIN)).json();
    const rival: Json = await (await call('/v1/evals/runs', RIVAL_ADMIN)).json();

    expect(first.runs).toEqual([
      expect.objectContaining({
        id,
        status: 'done',
        suites: ['tiny'],
        model: 'dealwise-offline',
        summaries: [expect.objectContaining({ suite: 'tiny', cases: 1, passed: 1, passRate: 1 })],
        links: { self: `/v1/evals/runs/${id}`, report: `/v1/evals/runs/${id}/report` },
      }),
    ]);
    expect(second.runs).toHaveLength(1);
    expect(second.runs[0].id).not.toBe(id);
    expect(rival.runs).toEqual([]);
  }, 120_000);

  it('refuses a listing to a non-admin and a bad page size', async () => {
    expect((await call('/v1/evals/runs', 'dw_demo_manager')).status).toBe(403);
    const response = await call('/v1/evals/runs?limit=1000', ADMIN);

    expect(response.status).toBe(400);
    expect(((await response.json()) as Json).code).toBe('invalid_request');
  });
});
