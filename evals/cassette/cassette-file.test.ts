import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cassette, loadCassette, saveCassette } from './cassette-file.ts';

const CASSETTE: Cassette = {
  version: 1,
  recordedAt: '2026-07-01T08:00:00.000Z',
  model: 'm',
  fallbackModel: null,
  judgeModel: null,
  interactions: [
    {
      key: 'stale-key',
      request: { method: 'POST', path: '/v1/chat/completions', body: { model: 'm' } },
      response: { status: 200, headers: {}, body: '{}' },
    },
  ],
};

describe('loadCassette', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'dealwise-cassette-file-'));
  });

  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('reads a saved cassette back, keys recomputed from the bodies', async () => {
    const file = join(folder, 'ok.json');
    await saveCassette(file, CASSETTE);

    const loaded = await loadCassette(file);

    expect(loaded.model).toBe('m');
    expect(loaded.interactions[0]?.key).toMatch(/^[0-9a-f]{16}$/);
  });

  it('says to record one when the file is missing', async () => {
    await expect(loadCassette(join(folder, 'missing.json'))).rejects.toMatchObject({
      code: 'cassette_not_found',
      message: expect.stringContaining('--record'),
    });
  });

  it('names the field of a malformed cassette', async () => {
    const file = join(folder, 'bad.json');
    await writeFile(file, JSON.stringify({ ...CASSETTE, interactions: [{ key: 'k' }] }));

    await expect(loadCassette(file)).rejects.toMatchObject({
      code: 'invalid_cassette',
      message: expect.stringContaining('interactions.0.request'),
    });
  });
});
