import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseRun, suiteRun } from '../__fixtures__/suite-run.ts';
import { loadComparedRun } from './load-compared-run.ts';

const RUN_ID = '3f1b6c9e-2a4d-4e8f-9b1a-7c5d3e2f1a0b';
const SUITES = [suiteRun('policy-lookup', [caseRun({ caseId: 'a', status: 'passed' })])];

describe('loadComparedRun', () => {
  let folder: string;
  const noDatabase = async (): Promise<never> => {
    throw new Error('the database is not used for files');
  };

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'dw-compare-'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('reads a file written by --json', async () => {
    const file = join(folder, 'run.json');
    await writeFile(file, JSON.stringify({ suites: SUITES }));

    const run = await loadComparedRun(file, { loadById: noDatabase });

    expect(run.suites).toEqual(SUITES);
  });

  it('loads a stored run by its id', async () => {
    const run = await loadComparedRun(RUN_ID, {
      loadById: async (id) => (id === RUN_ID ? SUITES : []),
    });

    expect(run.suites).toEqual(SUITES);
  });

  it('rejects a file that is not an eval run, naming the field', async () => {
    const file = join(folder, 'other.json');
    await writeFile(file, JSON.stringify({ suites: [{ suite: { name: 'x' }, runs: [] }] }));

    await expect(loadComparedRun(file, { loadById: noDatabase })).rejects.toMatchObject({
      code: 'invalid_run_file',
      message: expect.stringContaining('suites.0.summary'),
    });
  });

  it('rejects a saved API answer for a run that is not done', async () => {
    const file = join(folder, 'queued.json');
    await writeFile(file, JSON.stringify({ status: 'queued', suites: [] }));

    await expect(loadComparedRun(file, { loadById: noDatabase })).rejects.toThrow(/is queued/);
  });

  it('says which file it cannot read', async () => {
    const file = join(folder, 'missing.json');

    await expect(loadComparedRun(file, { loadById: noDatabase })).rejects.toMatchObject({
      code: 'run_not_found',
    });
  });
});
