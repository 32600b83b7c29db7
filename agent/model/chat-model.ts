import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ChatOpenAI } from '@langchain/openai';
import { ConfigurationError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { CircuitBreaker } from './circuit-breaker.ts';
import { type ModelCandidate, ResilientChatModel } from './resilient-chat-model.ts';

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
/** Longest `Retry-After` accepted; a provider asking for more fails over instead. */
const MAX_RETRY_DELAY_MS = 30_000;

export interface ChatModelOptions {
  apiKey: string;
  /** Any OpenAI-compatible endpoint (Azure, DeepSeek, Qwen, Ollama, vLLM); OpenAI's by default. */
  baseUrl?: string | undefined;
  model: string;
  /** Another model on the same endpoint, used when the primary fails or is paused. */
  fallbackModel?: string | undefined;
  /** Time allowed for each attempt until the response starts. */
  timeoutMs: number;
  /** Retries per model after a failed attempt (408, 409, 429, 5xx, timeouts, lost connections). */
  maxRetries: number;
  /** First backoff delay when the provider does not say how long to wait; 500 ms by default. */
  retryBaseMs?: number;
  /** Consecutive failed attempts that pause a model; 5 by default. */
  breakerFailureThreshold?: number;
  /** How long a paused model stays paused; 30 s by default. */
  breakerCoolDownMs?: number;
  /** Replaces the global fetch, e.g. to route through a proxy. */
  fetch?: typeof fetch;
  logger: Logger;
  /** Milliseconds since the epoch, for the circuit breakers; tests pin it. */
  clock?: () => number;
}

/**
 * Dealwise's chat model: `ChatOpenAI` on an OpenAI-compatible endpoint, with one retry
 * layer (ours), a circuit breaker per model and an optional fallback model. Supports
 * `bindTools` and streaming, as `createAgent` needs. When no model answers, calls fail
 * with a RemoteServiceError coded `model_unavailable`.
 */
export function createChatModel(options: ChatModelOptions): BaseChatModel {
  validateOptions(options);
  const names = [options.model, options.fallbackModel].filter(isDistinctName(options.model));
  const candidates = names.map((name) => createCandidate(name, options));

  return new ResilientChatModel({
    candidates,
    retry: {
      maxRetries: options.maxRetries,
      retryBaseMs: options.retryBaseMs ?? 500,
      maxRetryDelayMs: MAX_RETRY_DELAY_MS,
    },
    logger: options.logger,
  });
}

// Limitation: the SDK's timeout stops at the response headers; a stream stalling later hangs.
// Limitation: ChatOpenAI itself reads OPENAI_ORGANIZATION and LangSmith tracing variables.
function createCandidate(name: string, options: ChatModelOptions): ModelCandidate {
  const logger = options.logger.child({ module: 'chat-model', model: name });
  const model = new ChatOpenAI({
    model: name,
    apiKey: options.apiKey,
    timeout: options.timeoutMs,
    // Ours is the only retry layer: LangChain's AsyncCaller would retry 6 times by default
    // (the SDK's retries LangChain already pins to 0).
    maxRetries: 0,
    configuration: {
      baseURL: options.baseUrl ?? DEFAULT_BASE_URL,
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    },
  });
  const breaker = new CircuitBreaker({
    failureThreshold: options.breakerFailureThreshold,
    coolDownMs: options.breakerCoolDownMs,
    clock: options.clock,
    onStateChange: (state) => logger.warn({ state }, 'chat model circuit changed state'),
  });
  return { name, model, breaker };
}

/** Keeps a name once, and drops a fallback that is missing or the primary itself. */
function isDistinctName(primary: string) {
  return (name: string | undefined, index: number): name is string =>
    name !== undefined && name.trim() !== '' && (index === 0 || name !== primary);
}

function validateOptions(options: ChatModelOptions): void {
  if (options.apiKey.trim() === '') {
    throw new ConfigurationError({
      code: 'model_auth_missing',
      message: 'OPENAI_API_KEY is empty; set it, or unset it to use the offline model.',
    });
  }
  if (!(options.timeoutMs > 0)) {
    throw new ConfigurationError({
      code: 'model_timeout_invalid',
      message: `MODEL_TIMEOUT_SECONDS must be above 0, got ${options.timeoutMs / 1000}.`,
    });
  }
  if (!Number.isInteger(options.maxRetries) || options.maxRetries < 0) {
    throw new ConfigurationError({
      code: 'model_retries_invalid',
      message: `MODEL_MAX_RETRIES must be a whole number from 0, got ${options.maxRetries}.`,
    });
  }
}
