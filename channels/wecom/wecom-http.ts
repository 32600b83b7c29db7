import { RemoteServiceError } from '../../lib/errors.ts';

/** The envelope of every WeCom API answer: errcode 0 means success. */
export interface WecomResult {
  errcode: number;
  errmsg: string;
  [field: string]: unknown;
}

export interface WecomRequestOptions {
  /** What is being called, for error messages; never the URL, which may hold a secret. */
  what: string;
  method: 'GET' | 'POST';
  body?: unknown;
  timeoutMs: number;
}

/**
 * Calls a WeCom endpoint and reads its JSON envelope. A network failure, timeout, HTTP error or
 * unreadable answer is a RemoteServiceError (so a send job retries); a non-zero errcode is
 * returned for the caller to judge, since some (an expired token) call for a retry here.
 */
export async function requestWecom(
  url: string,
  options: WecomRequestOptions,
): Promise<WecomResult> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method,
      headers: options.body === undefined ? {} : { 'content-type': 'application/json' },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    // The cause may name the URL, which carries the access token or robot key: keep it out.
    throw unavailable(options.what, `${errorName(error)}; check the network path to WeCom`);
  }

  if (!response.ok) throw unavailable(options.what, `HTTP ${response.status}`);
  const result = await readResult(response);
  if (!result) throw unavailable(options.what, 'an answer that is not a WeCom JSON result');
  return result;
}

/** The RemoteServiceError for a WeCom answer with a non-zero errcode. */
export function wecomRefusal(what: string, result: WecomResult, hint = ''): RemoteServiceError {
  return new RemoteServiceError({
    code: 'wecom_api_error',
    message: `WeCom refused ${what}: errcode ${result.errcode} (${result.errmsg}).${hint}`,
    details: { errcode: result.errcode, errmsg: result.errmsg },
  });
}

async function readResult(response: Response): Promise<WecomResult | undefined> {
  const body: unknown = await response.json().catch(() => undefined);
  if (typeof body !== 'object' || body === null) return undefined;

  const { errcode, errmsg } = body as Record<string, unknown>;
  if (errcode !== undefined && typeof errcode !== 'number') return undefined;
  return { ...body, errcode: errcode ?? 0, errmsg: typeof errmsg === 'string' ? errmsg : '' };
}

function unavailable(what: string, reason: string): RemoteServiceError {
  return new RemoteServiceError({
    code: 'wecom_unavailable',
    message: `WeCom did not answer ${what}: ${reason}. The send is retried.`,
  });
}

function errorName(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'timed out';
  return error instanceof Error ? error.name : 'request failed';
}
