import { AuthenticationError, ConfigurationError } from '../../lib/errors.ts';
import { type HeaderSource, readHeader } from '../read-header.ts';
import { parseFeishuBody, verifyFeishuSignature } from './feishu-crypto.ts';
import { type FeishuPayload, verifyFeishuToken } from './feishu-payload.ts';

const SIGNATURE_HEADERS = ['x-lark-request-timestamp', 'x-lark-request-nonce', 'x-lark-signature'];

export interface AuthenticateFeishuRequestOptions {
  headers: HeaderSource;
  /** The body exactly as received. */
  rawBody: Uint8Array;
  verificationToken: string;
  /** Set when the app encrypts and signs its events. */
  encryptKey: string | undefined;
  /** Our clock, for the signature's 5-minute timestamp window. */
  now: Date;
}

/**
 * Authenticates a request to the events URL and returns its (decrypted) payload. With an
 * Encrypt Key the signature and its timestamp window are checked before anything is parsed;
 * only the url_verification challenge, which Feishu does not sign, may come without one. Then,
 * with or without a key, the Verification Token inside the payload must match. Throws an
 * AuthenticationError when a check fails and an InputError when the body cannot be read.
 */
export function authenticateFeishuRequest(
  options: AuthenticateFeishuRequestOptions,
): FeishuPayload {
  const { encryptKey, headers, rawBody } = options;
  if (encryptKey === undefined) {
    // Limitation: unsigned without an Encrypt Key, so no timestamp window; dedupe stops replays.
    const payload = parseUnencrypted(rawBody);
    verifyFeishuToken({ payload, verificationToken: options.verificationToken });
    return payload;
  }

  const signed = SIGNATURE_HEADERS.some((name) => readHeader(headers, name) !== undefined);
  if (signed) verifyFeishuSignature({ headers, rawBody, encryptKey, now: options.now });

  const payload = parseFeishuBody({ rawBody, encryptKey });
  if (!signed && payload.type !== 'url_verification') {
    throw new AuthenticationError({
      code: 'feishu_signature_missing',
      message:
        'Send X-Lark-Request-Timestamp, X-Lark-Request-Nonce and X-Lark-Signature; only ' +
        'Feishu can sign requests.',
    });
  }
  verifyFeishuToken({ payload, verificationToken: options.verificationToken });
  return payload;
}

function parseUnencrypted(rawBody: Uint8Array): FeishuPayload {
  try {
    return parseFeishuBody({ rawBody });
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    // Anyone can post an `encrypt` field; answer 4xx, but say what to configure if it was Feishu.
    throw new AuthenticationError({
      code: 'feishu_encrypt_key_missing',
      message:
        "The event is encrypted but FEISHU_ENCRYPT_KEY is not set; set it to the app's " +
        'Encrypt Key (事件与回调 > 加密策略).',
      cause: error,
    });
  }
}
