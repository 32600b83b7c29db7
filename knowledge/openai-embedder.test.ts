import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, RemoteServiceError } from '../lib/errors.ts';
import { createOpenAIEmbedder } from './openai-embedder.ts';

const ENDPOINT = 'https://embeddings.test/v1/embeddings';
const DIMENSIONS = 4;

interface EmbeddingsRequest {
  input: string[];
  dimensions?: number;
  model: string;
}

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function createEmbedder(options: { timeoutMs?: number } = {}) {
  return createOpenAIEmbedder({
    apiKey: 'test-key',
    retryBaseMs: 1,
    baseUrl: 'https://embeddings.test/v1',
    model: 'text-embedding-3-small',
    dimensions: DIMENSIONS,
    ...options,
  });
}

/** A vector that encodes its text's number ("text 7" → [7, 1, 0, 0]), unnormalised. */
function vectorFor(text: string, width = DIMENSIONS): number[] {
  const vector = new Array<number>(width).fill(0);
  vector[0] = Number(text.split(' ')[1] ?? 0);
  vector[1] = 1;
  return vector;
}

/** An OpenAI-shaped answer listing the inputs in reverse, as a server may. */
function embeddingsResponse(input: string[], width = DIMENSIONS) {
  const data = input.map((text, index) => ({
    object: 'embedding',
    index,
    embedding: vectorFor(text, width),
  }));
  return HttpResponse.json({
    object: 'list',
    data: data.reverse(),
    model: 'text-embedding-3-small',
    usage: { prompt_tokens: input.length, total_tokens: input.length },
  });
}

function failure(status: number, headers: Record<string, string> = {}) {
  return HttpResponse.json(
    { error: { message: `failure ${status}`, type: 'test', code: null } },
    { status, headers },
  );
}

function texts(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `text ${index + 1}`);
}

describe('createOpenAIEmbedder', () => {
  it('names the model and width in its id', () => {
    expect(createEmbedder().id).toBe('openai:text-embedding-3-small@4');
  });

  it('splits 150 texts into 3 requests and returns vectors in input order', async () => {
    const requests: EmbeddingsRequest[] = [];
    server.use(
      http.post(ENDPOINT, async ({ request }) => {
        const body = (await request.json()) as EmbeddingsRequest;
        requests.push(body);
        return embeddingsResponse(body.input);
      }),
    );

    const vectors = await createEmbedder().embed(texts(150));

    expect(requests.map((request) => request.input.length)).toEqual([64, 64, 22]);
    expect(requests[0]?.dimensions).toBe(DIMENSIONS);
    expect(vectors).toHaveLength(150);
    vectors.forEach((vector, index) => {
      const [first = 0, second = 0] = vector;
      expect(first / second).toBeCloseTo(index + 1, 9);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 12);
    });
  });

  it('does not send blank texts and gives them the blank-text vector', async () => {
    const inputs: string[][] = [];
    server.use(
      http.post(ENDPOINT, async ({ request }) => {
        const body = (await request.json()) as EmbeddingsRequest;
        inputs.push(body.input);
        return embeddingsResponse(body.input);
      }),
    );

    const vectors = await createEmbedder().embed(['', 'text 3', '  ']);

    expect(inputs).toEqual([['text 3']]);
    expect(vectors[0]).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect(vectors[1]?.[0]).toBeCloseTo(3 / Math.hypot(3, 1));
  });

  it('retries once after a 429 with Retry-After: 0', async () => {
    let calls = 0;
    server.use(
      http.post(ENDPOINT, async ({ request }) => {
        calls += 1;
        if (calls === 1) return failure(429, { 'Retry-After': '0' });
        return embeddingsResponse(((await request.json()) as EmbeddingsRequest).input);
      }),
    );

    const vectors = await createEmbedder().embed(['text 1']);

    expect(calls).toBe(2);
    expect(vectors).toHaveLength(1);
  });

  it('retries two 500s and then succeeds', async () => {
    let calls = 0;
    server.use(
      http.post(ENDPOINT, async ({ request }) => {
        calls += 1;
        if (calls <= 2) return failure(500);
        return embeddingsResponse(((await request.json()) as EmbeddingsRequest).input);
      }),
    );

    const vectors = await createEmbedder().embed(['text 1']);

    expect(calls).toBe(3);
    expect(vectors).toHaveLength(1);
  });

  it('retries a request that times out', async () => {
    let calls = 0;
    server.use(
      http.post(ENDPOINT, async ({ request }) => {
        calls += 1;
        if (calls === 1) await delay(500);
        return embeddingsResponse(((await request.json()) as EmbeddingsRequest).input);
      }),
    );

    const vectors = await createEmbedder({ timeoutMs: 50 }).embed(['text 1']);

    expect(calls).toBe(2);
    expect(vectors).toHaveLength(1);
  });

  it('fails at once when the provider asks to wait longer than a minute', async () => {
    let calls = 0;
    server.use(
      http.post(ENDPOINT, () => {
        calls += 1;
        return failure(429, { 'Retry-After': '3600' });
      }),
    );

    const error = await createEmbedder()
      .embed(['text 1'])
      .catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'embedding_provider_failed', details: { status: 429 } });
    expect(calls).toBe(1);
  });

  it('raises embedding_provider_failed when the provider keeps failing', async () => {
    let calls = 0;
    server.use(
      http.post(ENDPOINT, () => {
        calls += 1;
        return failure(500);
      }),
    );

    const error = await createEmbedder()
      .embed(['text 1'])
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(RemoteServiceError);
    expect(error).toMatchObject({ code: 'embedding_provider_failed', details: { status: 500 } });
    expect(calls).toBe(3);
  });

  it('raises embedding_auth_failed naming EMBEDDINGS_API_KEY on a 401, no retry', async () => {
    let calls = 0;
    server.use(
      http.post(ENDPOINT, () => {
        calls += 1;
        return failure(401);
      }),
    );

    const error = await createEmbedder()
      .embed(['text 1'])
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ code: 'embedding_auth_failed' });
    expect((error as Error).message).toContain('EMBEDDINGS_API_KEY');
    expect(calls).toBe(1);
  });

  it('raises embedding_dimensions_mismatch when the vectors have another width', async () => {
    server.use(
      http.post(ENDPOINT, async ({ request }) => {
        return embeddingsResponse(((await request.json()) as EmbeddingsRequest).input, 1536);
      }),
    );

    const error = await createEmbedder()
      .embed(['text 1'])
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({
      code: 'embedding_dimensions_mismatch',
      details: { expected: DIMENSIONS, received: 1536 },
    });
  });

  it('raises embedding_provider_failed when a vector is missing from the answer', async () => {
    server.use(http.post(ENDPOINT, () => embeddingsResponse(['text 1'])));

    const error = await createEmbedder()
      .embed(['text 1', 'text 2'])
      .catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: 'embedding_provider_failed' });
  });

  it('rejects with the abort reason when the caller aborts', async () => {
    const controller = new AbortController();
    controller.abort(new Error('turn cancelled'));

    await expect(createEmbedder().embed(['text 1'], { signal: controller.signal })).rejects.toThrow(
      'turn cancelled',
    );
  });

  it('rejects an empty API key before any request', () => {
    expect(() => createOpenAIEmbedder({ apiKey: '', model: 'm', dimensions: DIMENSIONS })).toThrow(
      expect.objectContaining({ code: 'embedding_auth_failed' }),
    );
  });
});
