/**
 * A small client of the Feishu/Lark open API: a cached tenant_access_token for a self-built
 * app, and JSON calls that turn any `code` other than 0 into a RemoteServiceError.
 */
import { RemoteServiceError } from '../../lib/errors.ts';

/**
 * Codes that mean the access token was refused, after which the token is fetched again and
 * the call retried once: 99991663 (tenant_access_token invalid), 99991671 (access token
 * invalid) and 99991661 (token missing or malformed), as the official SDKs retry; and 99991668,
 * which some IM endpoints answer for an invalid token although it names user tokens.
 */
const INVALID_TOKEN_CODES: ReadonlySet<number> = new Set([99991661, 99991663, 99991668, 99991671]);

/** A token is fetched again this long before Feishu says it expires. */
const EXPIRY_MARGIN_MS = 5 * 60_000;
const TIMEOUT_MS = 10_000;
const TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal';

export interface FeishuApiOptions {
  appId: string;
  appSecret: string;
  /** `https://open.feishu.cn` or `https://open.larksuite.com`, or a proxy or mock. */
  apiBase: string;
  /** The clock for token expiry; tests pin it. */
  now?: () => number;
}

export interface FeishuRequest {
  method: 'GET' | 'POST' | 'PATCH';
  /** The path under the API base, e.g. `/open-apis/im/v1/messages`. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

/** What every Feishu API response carries: `code` 0 on success, else an error and `msg`. */
export interface FeishuResponse {
  code: number;
  msg?: string;
  [field: string]: unknown;
}

/** Calls the Feishu open API as the app (tenant_access_token). */
export interface FeishuApi {
  /** Sends one call; throws a RemoteServiceError unless Feishu answers `code` 0. */
  request(request: FeishuRequest): Promise<FeishuResponse>;
}

interface CachedToken {
  value: string;
  renewAt: number;
}

/** Creates a client that fetches and caches the app's tenant_access_token as it needs it. */
export function createFeishuApi(options: FeishuApiOptions): FeishuApi {
  const now = options.now ?? Date.now;
  const base = options.apiBase.replace(/\/+$/, '');
  let cached: CachedToken | undefined;
  let pending: Promise<CachedToken> | undefined;

  const token = async (): Promise<string> => {
    if (cached && now() < cached.renewAt) return cached.value;
    pending ??= fetchToken({ ...options, base, now }).finally(() => {
      pending = undefined;
    });
    cached = await pending;
    return cached.value;
  };

  const send = async (request: FeishuRequest, accessToken: string): Promise<FeishuResponse> =>
    call({ base, request, accessToken });

  return {
    async request(request) {
      const first = await token();
      let response = await send(request, first);
      if (INVALID_TOKEN_CODES.has(response.code)) {
        if (cached?.value === first) cached = undefined;
        response = await send(request, await token());
      }
      if (response.code !== 0) throw apiError(request.path, response);
      return response;
    },
  };
}

async function fetchToken(options: {
  base: string;
  appId: string;
  appSecret: string;
  now: () => number;
}): Promise<CachedToken> {
  const response = await call({
    base: options.base,
    request: {
      method: 'POST',
      path: TOKEN_PATH,
      body: { app_id: options.appId, app_secret: options.appSecret },
    },
  });
  const value = response.tenant_access_token;
  const expire = response.expire;
  if (response.code !== 0 || typeof value !== 'string' || typeof expire !== 'number') {
    throw new RemoteServiceError({
      code: 'feishu_token_failed',
      message:
        `Feishu refused a tenant_access_token (code ${response.code}: ${response.msg ?? ''}); ` +
        'check FEISHU_APP_ID, FEISHU_APP_SECRET and FEISHU_DOMAIN.',
      details: { feishuCode: response.code },
    });
  }

  const lifetimeMs = expire * 1000;
  const margin = Math.min(EXPIRY_MARGIN_MS, lifetimeMs / 2);
  return { value, renewAt: options.now() + lifetimeMs - margin };
}

async function call(options: {
  base: string;
  request: FeishuRequest;
  accessToken?: string;
}): Promise<FeishuResponse> {
  const { request } = options;
  const url = new URL(`${options.base}${request.path}`);
  for (const [name, value] of Object.entries(request.query ?? {})) {
    url.searchParams.set(name, value);
  }

  let response: Response;
  try {
    response = await fetch(url, {
      method: request.method,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        ...(options.accessToken ? { authorization: `Bearer ${options.accessToken}` } : {}),
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new RemoteServiceError({
      code: 'feishu_unreachable',
      message: `Feishu did not answer ${request.path}; check the network and FEISHU_API_BASE.`,
      cause: error,
    });
  }

  return readResponse(request.path, response);
}

async function readResponse(path: string, response: Response): Promise<FeishuResponse> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }

  const code = (body as { code?: unknown } | undefined)?.code;
  if (typeof code === 'number') return body as FeishuResponse;
  throw new RemoteServiceError({
    code: 'feishu_http_error',
    message: `Feishu answered ${path} with HTTP ${response.status} and no result code; try later.`,
    details: { status: response.status },
  });
}

function apiError(path: string, response: FeishuResponse): RemoteServiceError {
  return new RemoteServiceError({
    code: 'feishu_api_error',
    message:
      `Feishu refused ${path} with code ${response.code}: ${response.msg ?? 'no message'}; ` +
      "see the code in Feishu's server error code list.",
    details: { feishuCode: response.code, feishuMessage: response.msg },
  });
}
