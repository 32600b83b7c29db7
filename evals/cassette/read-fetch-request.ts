import { normalizeRequestBody, requestKey } from './normalize-request.ts';

/** A fetch call's request as a cassette sees it, with its match key. */
export interface CassetteRequest {
  key: string;
  method: string;
  path: string;
  body: unknown;
}

/**
 * Reads the method, path and normalized body of a fetch call. A string body (what the
 * OpenAI SDK sends) is read at once, so calls are seen in the order they were made.
 */
export function readFetchRequest(
  input: string | URL | Request,
  init: RequestInit | undefined,
): CassetteRequest | Promise<CassetteRequest> {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
  const describe = (text: string): CassetteRequest => {
    const body = normalizeRequestBody(text);
    return { key: requestKey({ method, body }), method, path: url.pathname, body };
  };

  if (typeof init?.body === 'string') return describe(init.body);
  if (init?.body === undefined && !(input instanceof Request)) return describe('');
  return new Request(input, init).text().then(describe);
}
