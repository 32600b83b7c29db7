import type { AIMessageChunk } from '@langchain/core/messages';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatModel } from '../../agent/model/chat-model.ts';
import { createLogger } from '../../lib/logger.ts';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../../testing/fake-openai-server.ts';
import type { CassetteMismatch } from './cassette-mismatch.ts';
import { createRecordingFetch } from './recording-fetch.ts';
import { createReplayFetch, MISMATCH_STATUS } from './replay-fetch.ts';

function modelOn(options: { fetch: typeof fetch; baseUrl: string }) {
  return createChatModel({
    apiKey: 'sk-test-key',
    baseUrl: options.baseUrl,
    model: 'fake-model',
    timeoutMs: 5_000,
    maxRetries: 0,
    logger: createLogger({ level: 'silent' }),
    fetch: options.fetch,
  });
}

async function streamedText(stream: AsyncIterable<AIMessageChunk>): Promise<string[]> {
  const pieces: string[] = [];
  for await (const chunk of stream) pieces.push(String(chunk.content));
  return pieces;
}

const OFFLINE_URL = 'http://127.0.0.1:9/v1';

describe('record and replay of chat completions', () => {
  let server: FakeOpenAIServer;

  beforeAll(async () => {
    server = await startFakeOpenAIServer((body, count) => ({
      content: `answer #${count} to ${String(body.messages.at(-1)?.content)}`,
    }));
  });

  afterAll(() => server.close());

  it('replays a non-streamed answer as it was recorded', async () => {
    const recording = createRecordingFetch();
    const live = await modelOn({ ...recording, baseUrl: server.baseUrl }).invoke('你好');
    const mismatches: CassetteMismatch[] = [];
    const replayFetch = createReplayFetch({
      interactions: await recording.interactions(),
      onMismatch: (mismatch) => mismatches.push(mismatch),
    });

    const replayed = await modelOn({ fetch: replayFetch, baseUrl: OFFLINE_URL }).invoke('你好');

    expect(replayed.content).toBe(live.content);
    expect(replayed.usage_metadata).toEqual(live.usage_metadata);
    expect(mismatches).toEqual([]);
  });

  it('replays a streamed answer chunk by chunk', async () => {
    const recording = createRecordingFetch();
    const live = await streamedText(
      await modelOn({ ...recording, baseUrl: server.baseUrl }).stream(
        'a longer question to stream',
      ),
    );
    const [interaction] = await recording.interactions();
    const replayFetch = createReplayFetch({
      interactions: await recording.interactions(),
      onMismatch: () => {},
    });

    const replayed = await streamedText(
      await modelOn({ fetch: replayFetch, baseUrl: OFFLINE_URL }).stream(
        'a longer question to stream',
      ),
    );

    expect(interaction?.response?.headers['content-type']).toBe('text/event-stream');
    expect(live.join('')).toMatch(/^answer #\d+ to a longer question to stream$/);
    expect(replayed).toEqual(live);
  });

  it('serves equal requests their recorded responses in order', async () => {
    const recording = createRecordingFetch();
    const liveModel = modelOn({ ...recording, baseUrl: server.baseUrl });
    const live = [await liveModel.invoke('same'), await liveModel.invoke('same')];
    const replayFetch = createReplayFetch({
      interactions: await recording.interactions(),
      onMismatch: () => {},
    });

    const replayModel = modelOn({ fetch: replayFetch, baseUrl: OFFLINE_URL });
    const replayed = [await replayModel.invoke('same'), await replayModel.invoke('same')];

    expect(replayed.map((message) => message.content)).toEqual(
      live.map((message) => message.content),
    );
    expect(live[0]?.content).not.toBe(live[1]?.content);
  });
});

describe('createReplayFetch', () => {
  const request = (content: string): RequestInit => ({
    method: 'POST',
    headers: { authorization: 'Bearer sk-secret' },
    body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content }] }),
  });

  async function recordOne(upstream: typeof fetch, content = 'hi') {
    const recording = createRecordingFetch({ fetch: upstream });
    await recording
      .fetch('https://llm.test/v1/chat/completions', request(content))
      .then((response) => response.text())
      .catch(() => '');
    return recording.interactions();
  }

  const answer: typeof fetch = async () => Response.json({ ok: 1 });

  it('answers a request it does not hold with a 400 and reports the mismatch', async () => {
    const mismatches: CassetteMismatch[] = [];
    const replayFetch = createReplayFetch({
      interactions: await recordOne(answer, 'recorded question'),
      onMismatch: (mismatch) => mismatches.push(mismatch),
      scope: () => ({ suite: 's', caseId: 'c', repeat: 1, part: 1 }),
    });

    const response = await replayFetch('https://x.test/v1/chat/completions', request('changed'));

    expect(response.status).toBe(MISMATCH_STATUS);
    expect(JSON.stringify(await response.json())).toContain('cassette mismatch');
    expect(mismatches).toMatchObject([
      {
        reason: 'not_recorded',
        scope: { caseId: 'c' },
        path: '/v1/chat/completions',
        difference:
          'closest recorded request differs at messages[0].content: recorded "recorded question", now "changed"',
      },
    ]);
  });

  it('reports a request asked more often than it was recorded as used up', async () => {
    const mismatches: CassetteMismatch[] = [];
    const replayFetch = createReplayFetch({
      interactions: await recordOne(answer),
      onMismatch: (mismatch) => mismatches.push(mismatch),
    });

    const first = await replayFetch('https://x.test/v1/chat/completions', request('hi'));
    const second = await replayFetch('https://x.test/v1/chat/completions', request('hi'));

    expect([first.status, second.status]).toEqual([200, MISMATCH_STATUS]);
    expect(mismatches.map((mismatch) => mismatch.reason)).toEqual(['used_up']);
  });

  it('keeps no request headers, so no authorization', async () => {
    const [interaction] = await recordOne(answer);

    expect(JSON.stringify(interaction)).not.toContain('sk-secret');
    expect(interaction?.response?.headers).toEqual({ 'content-type': 'application/json' });
  });

  it('replays a lost connection as a failed fetch', async () => {
    const lost: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    const replayFetch = createReplayFetch({
      interactions: await recordOne(lost),
      onMismatch: () => {},
    });

    await expect(replayFetch('https://x.test/v1/chat/completions', request('hi'))).rejects.toThrow(
      /fetch failed/,
    );
  });

  it('replays a stream that broke off as one that breaks off at the same place', async () => {
    const broken: typeof fetch = async () => {
      let pulls = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          pulls += 1;
          if (pulls === 1) {
            controller.enqueue(new TextEncoder().encode('data: {"part":1}\n\n'));
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, 5));
          controller.error(new Error('socket hang up'));
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    };
    const interactions = await recordOne(broken);
    const replayFetch = createReplayFetch({ interactions, onMismatch: () => {} });

    const response = await replayFetch('https://x.test/v1/chat/completions', request('hi'));

    expect(interactions[0]?.response).toMatchObject({
      body: 'data: {"part":1}\n\n',
      interrupted: true,
    });
    await expect(response.text()).rejects.toThrow(/terminated/);
  });
});
