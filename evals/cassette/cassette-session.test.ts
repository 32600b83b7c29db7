import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCassette } from './cassette-file.ts';
import { startRecording } from './cassette-session.ts';

const META = {
  recordedAt: '2026-12-04T09:00:00.000Z',
  model: 'fake-model',
  fallbackModel: null,
  judgeModel: null,
};
const URL_BASE = 'https://llm.test/v1/chat/completions';

/** Answers `/done` at once, and `/stalled` with a stream that never ends. */
const upstream = (async (input: string | URL | Request) => {
  const url = String(input instanceof Request ? input.url : input);
  if (url.endsWith('/done')) return Response.json({ answer: 'ok' });
  const stalled = new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(new TextEncoder().encode('data: {"partial"')),
  });
  return new Response(stalled, { headers: { 'content-type': 'text/event-stream' } });
}) as typeof fetch;

describe('a recording session', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'dealwise-session-'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('saves the requests that have ended without waiting for one still streaming', async () => {
    const file = join(folder, 'interrupted.cassette.json');
    const session = startRecording({ file, meta: META, secrets: [], fetch: upstream });
    const post = (path: string) =>
      session.fetch(`${URL_BASE}${path}`, { method: 'POST', body: JSON.stringify({ path }) });

    await (await post('/done')).json();
    await post('/stalled');
    const saved = await session.save({ ended: true });

    const cassette = await loadCassette(file);
    expect(saved).toBe(1);
    expect(cassette.interactions.map((interaction) => interaction.request.body)).toEqual([
      { path: '/done' },
    ]);
    expect(cassette.interactions[0]?.response?.body).toBe('{"answer":"ok"}');
  });
});
