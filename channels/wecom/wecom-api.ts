import { RemoteServiceError } from '../../lib/errors.ts';
import { requestWecom, type WecomResult, wecomRefusal } from './wecom-http.ts';

/** WeCom's answers for an access token that expired or was revoked early. */
const TOKEN_ERRORS: ReadonlySet<number> = new Set([40014, 42001]);

/** Refresh a token this long before WeCom says it expires. */
const EXPIRY_MARGIN_SECONDS = 300;

export interface WecomApiOptions {
  /** `https://qyapi.weixin.qq.com` or a proxy; WECOM_API_BASE. */
  apiBase: string;
  corpId: string;
  /** The self-built app's Secret. */
  secret: string;
  /** The clock the token's expiry is measured on. */
  now?: () => Date;
  timeoutMs?: number;
}

/** The WeCom server API of one self-built app, authenticated with its access token. */
export interface WecomApi {
  /**
   * POSTs JSON to an API path (`/cgi-bin/message/send`) with the access token, fetching or
   * refreshing it as needed. Returns the answer; throws a RemoteServiceError carrying WeCom's
   * errcode and errmsg when it refuses.
   */
  post(path: string, body: unknown): Promise<WecomResult>;
}

interface CachedToken {
  value: string;
  expiresAtMs: number;
}

/**
 * A WeCom API client: gets an access token with the corp ID and secret, keeps it until shortly
 * before it expires, and on an expired or invalid token (40014, 42001) gets a new one and
 * retries the call once.
 */
export function createWecomApi(options: WecomApiOptions): WecomApi {
  // Limitation: each process keeps its own token; WeCom hands replicas the same valid one.
  const base = options.apiBase.replace(/\/+$/, '');
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 10_000;
  let cached: CachedToken | undefined;
  let pending: Promise<string> | undefined;

  const accessToken = (): Promise<string> => {
    if (cached && cached.expiresAtMs > now().getTime()) return Promise.resolve(cached.value);
    pending ??= fetchToken().finally(() => {
      pending = undefined;
    });
    return pending;
  };

  const fetchToken = async (): Promise<string> => {
    const query = new URLSearchParams({ corpid: options.corpId, corpsecret: options.secret });
    const what = 'an access token';
    const result = await requestWecom(`${base}/cgi-bin/gettoken?${query}`, {
      what,
      method: 'GET',
      timeoutMs,
    });
    if (result.errcode !== 0) {
      throw wecomRefusal(what, result, ' Check WECOM_CORP_ID and WECOM_SECRET.');
    }
    const token = tokenOf(result);
    cached = { value: token.value, expiresAtMs: now().getTime() + token.lifetimeSeconds * 1000 };
    return token.value;
  };

  const postWith = async (path: string, token: string, body: unknown): Promise<WecomResult> => {
    const query = new URLSearchParams({ access_token: token });
    return requestWecom(`${base}${path}?${query}`, { what: path, method: 'POST', body, timeoutMs });
  };

  return {
    async post(path, body) {
      const token = await accessToken();
      let result = await postWith(path, token, body);
      if (TOKEN_ERRORS.has(result.errcode)) {
        if (cached?.value === token) cached = undefined;
        result = await postWith(path, await accessToken(), body);
      }
      if (result.errcode !== 0) throw wecomRefusal(path, result);
      return result;
    },
  };
}

function tokenOf(result: WecomResult): { value: string; lifetimeSeconds: number } {
  const value = result.access_token;
  if (typeof value !== 'string' || value.length === 0) {
    throw new RemoteServiceError({
      code: 'wecom_unavailable',
      message: 'WeCom answered the token request without an access_token; try again later.',
    });
  }
  const expiresIn = typeof result.expires_in === 'number' ? result.expires_in : 7200;
  const lifetimeSeconds = Math.max(expiresIn - EXPIRY_MARGIN_SECONDS, expiresIn / 2, 0);
  return { value, lifetimeSeconds };
}
