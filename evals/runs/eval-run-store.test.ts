import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateApiKey } from '../../auth/api-keys.ts';
import type { Caller } from '../../auth/caller.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { createTestDatabase } from '../../testing/test-database.ts';
import { caseRun, suiteRun } from '../__fixtures__/suite-run.ts';
import {
  createEvalRun,
  failEvalRun,
  finishEvalRun,
  loadEvalRun,
  startEvalRun,
} from './eval-run-store.ts';

describe('eval run store', () => {
  let database: DatabaseHandle;
  let admin: Caller;

  beforeAll(async () => {
    database = await createTestDatabase('demo');
    admin = await authenticateApiKey(database.db, 'dw_demo_admin');
  });
  afterAll(() => database.close());

  it('takes a run from queued through running to done with its results', async () => {
    const suites = [suiteRun('policy-lookup', [caseRun({ caseId: 'a', status: 'passed' })])];
    const { id } = await createEvalRun(database.db, { suites: ['policy-lookup'], options: {} });

    const started = await startEvalRun(database.db, id);
    await finishEvalRun(database.db, { id, suites });
    const done = await loadEvalRun(database.db, { id });

    expect(started?.status).toBe('running');
    expect(done.status).toBe('done');
    expect(done.model).toBe('dealwise-offline');
    expect(done.results).toEqual(suites);
    expect(done.finishedAt).toBeInstanceOf(Date);
  });

  it('starts a run only once', async () => {
    const { id } = await createEvalRun(database.db, { suites: ['policy-lookup'], options: {} });

    const first = await startEvalRun(database.db, id);
    const second = await startEvalRun(database.db, id);

    expect(first?.id).toBe(id);
    expect(second).toBeUndefined();
  });

  it('does not mark a finished run failed', async () => {
    const { id } = await createEvalRun(database.db, { suites: ['policy-lookup'], options: {} });
    await startEvalRun(database.db, id);
    await finishEvalRun(database.db, { id, suites: [] });

    await failEvalRun(database.db, { id, error: 'late' });

    expect((await loadEvalRun(database.db, { id })).status).toBe('done');
  });

  it('records why a run failed', async () => {
    const { id } = await createEvalRun(database.db, { suites: ['policy-lookup'], options: {} });

    await failEvalRun(database.db, { id, error: 'invalid_suite: line 2' });
    const failed = await loadEvalRun(database.db, { id });

    expect(failed.status).toBe('failed');
    expect(failed.error).toBe('invalid_suite: line 2');
    expect(failed.results).toEqual([]);
  });

  it("shows an admin their own tenant's run", async () => {
    const { id } = await createEvalRun(database.db, {
      tenantId: admin.tenantId,
      createdBy: admin.userId,
      suites: ['policy-lookup'],
      options: {},
    });

    const run = await loadEvalRun(database.db, { id, caller: admin });

    expect(run.tenantId).toBe(admin.tenantId);
  });

  it('hides a command-line run from API callers', async () => {
    const { id } = await createEvalRun(database.db, { suites: ['policy-lookup'], options: {} });

    await expect(loadEvalRun(database.db, { id, caller: admin })).rejects.toThrow(NotFoundError);
  });
});
