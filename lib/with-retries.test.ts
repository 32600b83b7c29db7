import { APIConnectionTimeoutError, APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { isTransientProviderError, type RetryEvent, withRetries } from './with-retries.ts';

const OPTIONS = { maxRetries: 2, retryBaseMs: 1, maxRetryDelayMs: 1_000 };

function apiError(status: number, headers: Record<string, string> = {}, code?: string): APIError {
  const body = { error: { message: `failure ${status}`, code } };
  return APIError.generate(status, body, undefined, new Headers(headers));
}

/** An attempt that fails with each of `errors` in turn, then answers 'done'. */
function failing(errors: unknown[]) {
  let calls = 0;
  const attempt = async (): Promise<string> => {
    const error = errors[calls];
    calls += 1;
    if (error !== undefined) throw error;
    return 'done';
  };
  return { attempt, calls: () => calls };
}

describe('withRetries', () => {
  it('retries a 503 and returns the later answer', async () => {
    const { attempt, calls } = failing([apiError(503)]);

    expect(await withRetries(attempt, OPTIONS)).toBe('done');
    expect(calls()).toBe(2);
  });

  it('waits as long as Retry-After asks and reports the retry', async () => {
    const events: RetryEvent[] = [];
    const { attempt } = failing([apiError(429, { 'retry-after': '0.02' })]);

    await withRetries(attempt, { ...OPTIONS, onRetry: (event) => events.push(event) });

    expect(events.map((event) => [event.retry, event.delayMs])).toEqual([[0, 20]]);
  });

  it('fails a call whose provider asks to wait longer than allowed', async () => {
    const error = apiError(429, { 'retry-after': '120' });
    const { attempt, calls } = failing([error]);

    await expect(withRetries(attempt, OPTIONS)).rejects.toBe(error);
    expect(calls()).toBe(1);
  });

  it('throws the last failure after maxRetries retries', async () => {
    const last = apiError(500);
    const { attempt, calls } = failing([apiError(500), apiError(500), last]);

    await expect(withRetries(attempt, OPTIONS)).rejects.toBe(last);
    expect(calls()).toBe(3);
  });

  it('does not retry a 400', async () => {
    const { attempt, calls } = failing([apiError(400)]);

    await expect(withRetries(attempt, OPTIONS)).rejects.toBeInstanceOf(APIError);
    expect(calls()).toBe(1);
  });
});

describe('isTransientProviderError', () => {
  it('counts timeouts from the SDK and from LangChain as transient', () => {
    const langChainTimeout = Object.assign(new Error('Request timed out.'), {
      name: 'TimeoutError',
    });

    expect(isTransientProviderError(new APIConnectionTimeoutError())).toBe(true);
    expect(isTransientProviderError(langChainTimeout)).toBe(true);
  });

  it('counts 408, 409, 429 and 5xx as transient', () => {
    expect(
      [408, 409, 429, 500, 503].map((status) => isTransientProviderError(apiError(status))),
    ).toEqual([true, true, true, true, true]);
  });

  it('does not retry a 429 that says the quota is used up', () => {
    expect(isTransientProviderError(apiError(429, {}, 'insufficient_quota'))).toBe(false);
  });

  it('does not count other errors as transient', () => {
    expect(isTransientProviderError(apiError(401))).toBe(false);
    expect(isTransientProviderError(new TypeError('bug'))).toBe(false);
  });
});
