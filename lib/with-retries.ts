import { setTimeout as sleep } from 'node:timers/promises';
import { APIConnectionError, APIError } from 'openai';

/** Statuses worth another attempt: timeouts, conflicts, rate limits, server errors. */
const RETRYABLE_STATUSES = new Set([408, 409, 429]);

/** One retry about to happen, for logging. */
export interface RetryEvent {
  /** 0 for the first retry. */
  retry: number;
  delayMs: number;
  error: unknown;
}

/** How `withRetries` retries a call to a model provider. */
export interface RetryOptions {
  /** Attempts after the first. */
  maxRetries: number;
  /** First backoff delay; each retry doubles it, with up to 25% jitter. */
  retryBaseMs: number;
  /** Longest wait accepted; a provider asking for longer fails the call instead. */
  maxRetryDelayMs: number;
  /** Aborts the call, also while waiting between attempts. */
  signal?: AbortSignal | undefined;
  /** Called before each wait, e.g. to log the failure that caused it. */
  onRetry?: ((event: RetryEvent) => void) | undefined;
}

/**
 * Runs `attempt` and retries it after transient provider failures (408, 409, 429, 5xx,
 * timeouts, lost connections), waiting as long as `retry-after-ms` or `Retry-After`
 * asks, else backing off exponentially. Other errors and the last failure are thrown.
 */
export async function withRetries<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let retry = 0; ; retry += 1) {
    try {
      return await attempt();
    } catch (error) {
      const delay = retry < options.maxRetries ? retryDelayMs(error, retry, options) : undefined;
      if (delay === undefined || options.signal?.aborted) throw error;
      options.onRetry?.({ retry, delayMs: delay, error });
      await sleep(delay, undefined, { signal: options.signal });
    }
  }
}

/** How long to wait before retry number `retry` (0-based), or undefined not to retry. */
function retryDelayMs(error: unknown, retry: number, options: RetryOptions): number | undefined {
  if (!isTransientProviderError(error)) return undefined;

  const asked = error instanceof APIError ? requestedDelayMs(error.headers) : undefined;
  if (asked !== undefined) return asked <= options.maxRetryDelayMs ? asked : undefined;

  const backoff = options.retryBaseMs * 2 ** retry * (1 - Math.random() * 0.25);
  return Math.min(backoff, options.maxRetryDelayMs);
}

/**
 * Whether another attempt may succeed: 408, 409, 429 (unless the quota is used up), 5xx,
 * lost connections and timeouts, including the `TimeoutError` LangChain turns the SDK's
 * timeout into.
 */
export function isTransientProviderError(error: unknown): boolean {
  if (error instanceof APIConnectionError) return true;
  if (error instanceof Error && error.name === 'TimeoutError') return true;
  if (!(error instanceof APIError) || error.status === undefined) return false;
  if (error.code === 'insufficient_quota') return false;
  return RETRYABLE_STATUSES.has(error.status) || error.status >= 500;
}

/** The wait a response asks for, from `retry-after-ms` or `Retry-After` (seconds or a date). */
function requestedDelayMs(headers: Headers | undefined): number | undefined {
  const milliseconds = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;

  const retryAfter = headers?.get('retry-after');
  if (!retryAfter) return undefined;
  const seconds = Number.parseFloat(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
