import OpenAI, {
  APIError,
  APIUserAbortError,
  AuthenticationError,
  PermissionDeniedError,
} from 'openai';
import { ConfigurationError, RemoteServiceError } from '../lib/errors.ts';
import { type RetryOptions, withRetries } from '../lib/with-retries.ts';
import { blankTextVector, type Embedder, normalizeVector } from './embedder.ts';

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
/** The most inputs OpenAI accepts in one embeddings request. */
const MAX_BATCH_SIZE = 2048;
/** Longest rate-limit wait accepted; a provider asking for more fails the call. */
const MAX_RETRY_DELAY_MS = 60_000;

export interface OpenAIEmbedderOptions {
  apiKey: string;
  /** An OpenAI-compatible endpoint (Azure, Qwen, Ollama, vLLM); OpenAI's by default. */
  baseUrl?: string;
  model: string;
  /** Width asked of the model and required of every vector it returns. */
  dimensions: number;
  /** Texts per request; 64 by default. */
  batchSize?: number;
  /** Time allowed for each attempt of a request; 30 s by default. */
  timeoutMs?: number;
  /** Retries after a failed attempt (429, 5xx, timeouts, lost connections); 2 by default. */
  maxRetries?: number;
  /** First backoff delay when the provider does not say how long to wait; 500 ms by default. */
  retryBaseMs?: number;
  /** Replaces the global fetch, e.g. to route through a proxy. */
  fetch?: typeof fetch;
}

/**
 * An embedder backed by an OpenAI-compatible embeddings endpoint. Texts are sent in
 * batches, one batch at a time; blank texts are not sent and get the blank-text vector.
 * Retries are ours alone (`withRetries`; the SDK's are switched off): 408, 409, 429,
 * 5xx, timeouts and lost connections, honouring `Retry-After` up to a minute, and
 * abortable while waiting.
 */
export function createOpenAIEmbedder(options: OpenAIEmbedderOptions): Embedder {
  const batchSize = validateOptions(options);
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseUrl ?? DEFAULT_BASE_URL,
    organization: null,
    project: null,
    timeout: options.timeoutMs ?? 30_000,
    maxRetries: 0,
    logLevel: 'off',
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const retry = {
    maxRetries: options.maxRetries ?? 2,
    retryBaseMs: options.retryBaseMs ?? 500,
    maxRetryDelayMs: MAX_RETRY_DELAY_MS,
  };
  const request = { client, model: options.model, dimensions: options.dimensions, retry };

  return {
    id: `openai:${options.model}@${options.dimensions}`,
    dimensions: options.dimensions,
    async embed(texts, embedOptions) {
      const vectors: number[][] = texts.map(() => blankTextVector(options.dimensions));
      const positions = texts.flatMap((text, position) => (text.trim() === '' ? [] : [position]));

      for (let start = 0; start < positions.length; start += batchSize) {
        const batch = positions.slice(start, start + batchSize);
        const inputs = batch.map((position) => texts[position] ?? '');
        const embedded = await embedBatch({ ...request, inputs, signal: embedOptions?.signal });
        batch.forEach((position, offset) => {
          vectors[position] = embedded[offset] ?? vectors[position] ?? [];
        });
      }
      return vectors;
    },
  };
}

interface BatchRequest {
  client: OpenAI;
  model: string;
  dimensions: number;
  retry: Omit<RetryOptions, 'signal'>;
  inputs: string[];
  signal: AbortSignal | undefined;
}

async function embedBatch(request: BatchRequest): Promise<number[][]> {
  const { client, model, dimensions, inputs, signal } = request;
  const body = { model, input: inputs, dimensions, encoding_format: 'float' } as const;
  let response: OpenAI.CreateEmbeddingResponse;
  try {
    response = await withRetries(() => client.embeddings.create(body, { signal }), {
      ...request.retry,
      signal,
    });
  } catch (error) {
    throw toEmbeddingError(error, signal);
  }
  return readVectors(response, request);
}

/** The response's vectors in input order, unit length, checked for count and width. */
function readVectors(response: OpenAI.CreateEmbeddingResponse, request: BatchRequest) {
  const vectors = Array.from<number[] | undefined>({ length: request.inputs.length });
  for (const item of response.data ?? []) {
    const embedding: unknown = item.embedding;
    if (!Array.isArray(embedding) || !Number.isInteger(item.index)) throw malformed();
    if (embedding.length !== request.dimensions) {
      throw dimensionsMismatch(request, embedding.length);
    }
    if (item.index < 0 || item.index >= vectors.length) throw malformed();
    vectors[item.index] = normalizeVector(embedding);
  }

  return vectors.map((vector) => {
    if (vector === undefined) throw malformed();
    return vector;
  });
}

function toEmbeddingError(error: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted) return signal.reason;
  if (error instanceof APIUserAbortError) return error;
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
    return new ConfigurationError({
      code: 'embedding_auth_failed',
      message:
        `The embeddings provider refused the API key (HTTP ${error.status}); ` +
        'set EMBEDDINGS_API_KEY to a valid key for EMBEDDINGS_BASE_URL.',
      cause: error,
      details: { status: error.status },
    });
  }

  const status = error instanceof APIError ? error.status : undefined;
  const hint =
    status !== undefined && status >= 400 && status < 500 && status !== 429
      ? 'check EMBEDDINGS_MODEL and EMBEDDINGS_BASE_URL'
      : 'the provider may be down or rate-limiting; try again later';
  const reason = error instanceof Error ? error.message : String(error);
  return new RemoteServiceError({
    code: 'embedding_provider_failed',
    message: `The embeddings request failed after retries (${reason}); ${hint}.`,
    cause: error,
    details: { status },
  });
}

function dimensionsMismatch(request: BatchRequest, width: number): ConfigurationError {
  const { model, dimensions } = request;
  return new ConfigurationError({
    code: 'embedding_dimensions_mismatch',
    message:
      `The model ${model} returned vectors of ${width} values, not ${dimensions}; set the ` +
      `model's dimensions to ${dimensions} or pick another model in EMBEDDINGS_MODEL.`,
    details: { model, expected: dimensions, received: width },
  });
}

function malformed(): RemoteServiceError {
  return new RemoteServiceError({
    code: 'embedding_provider_failed',
    message:
      'The embeddings provider did not return a usable vector for every input; ' +
      'check that EMBEDDINGS_BASE_URL serves an OpenAI-compatible embeddings API.',
  });
}

/** Checks the options and returns the batch size to use. */
function validateOptions(options: OpenAIEmbedderOptions): number {
  if (options.apiKey.trim() === '') {
    throw new ConfigurationError({
      code: 'embedding_auth_failed',
      message: 'EMBEDDINGS_API_KEY is empty; set it to the embeddings provider key.',
    });
  }
  if (!Number.isInteger(options.dimensions) || options.dimensions < 1) {
    throw new ConfigurationError({
      code: 'embedding_dimensions_invalid',
      message: `Embedding dimensions must be a whole number above 0, got ${options.dimensions}.`,
    });
  }
  const batchSize = options.batchSize ?? 64;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    throw new ConfigurationError({
      code: 'embedding_batch_size_invalid',
      message: `Embedding batch size must be from 1 to ${MAX_BATCH_SIZE}, got ${batchSize}.`,
    });
  }
  return batchSize;
}
