/**
 * Feishu/Lark event subscription crypto, after the open platform's 接收事件 guide:
 * - with an Encrypt Key set, bodies arrive as `{"encrypt": "<base64>"}`: AES-256-CBC with
 *   key = SHA256(Encrypt Key), the first 16 bytes of the decoded text as IV, PKCS#7 padding;
 * - `X-Lark-Signature` = hex SHA256 of X-Lark-Request-Timestamp + X-Lark-Request-Nonce +
 *   Encrypt Key + the raw body. Feishu leaves it off the URL verification request, which the
 *   Verification Token (see `verifyFeishuToken`) authenticates instead.
 */
import { createDecipheriv, createHash } from 'node:crypto';
import { AuthenticationError, ConfigurationError, InputError } from '../../lib/errors.ts';
import { constantTimeEqual } from '../constant-time-equal.ts';
import { type HeaderSource, readHeader } from '../read-header.ts';
import { isWithinTimestampWindow, parseUnixSeconds } from '../timestamp-window.ts';
import type { FeishuPayload } from './feishu-payload.ts';

const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const IV_BYTES = 16;

export interface FeishuSignatureOptions {
  timestamp: string;
  nonce: string;
  encryptKey: string;
  rawBody: string | Uint8Array;
}

export interface VerifyFeishuSignatureOptions {
  headers: HeaderSource;
  /** The body exactly as received, before JSON parsing. */
  rawBody: string | Uint8Array;
  encryptKey: string;
  /** When given, the timestamp header must also lie within the window around it. */
  now?: Date;
  /** Allowed clock distance in seconds, either way; 300 unless given. */
  toleranceSeconds?: number;
}

export interface DecryptFeishuPayloadOptions {
  /** The `encrypt` field of the body. */
  encrypt: string;
  encryptKey: string;
}

export interface ParseFeishuBodyOptions {
  rawBody: string | Uint8Array;
  /** Needed when the body is encrypted; leave unset for an app without an Encrypt Key. */
  encryptKey?: string;
}

/** Computes the `X-Lark-Signature` Feishu sends for a request. */
export function feishuSignature(options: FeishuSignatureOptions): string {
  return createHash('sha256')
    .update(`${options.timestamp}${options.nonce}${options.encryptKey}`, 'utf8')
    .update(options.rawBody)
    .digest('hex');
}

/**
 * Checks `X-Lark-Signature` against the raw body in constant time, and the timestamp window when
 * `now` is given. Throws an AuthenticationError whose code names the failed check.
 */
export function verifyFeishuSignature(options: VerifyFeishuSignatureOptions): void {
  requireEncryptKey(options.encryptKey);

  const timestamp = readHeader(options.headers, 'x-lark-request-timestamp');
  const nonce = readHeader(options.headers, 'x-lark-request-nonce');
  const signature = readHeader(options.headers, 'x-lark-signature');
  if (timestamp === undefined || nonce === undefined || signature === undefined) {
    throw new AuthenticationError({
      code: 'feishu_signature_missing',
      message:
        'Send X-Lark-Request-Timestamp, X-Lark-Request-Nonce and X-Lark-Signature; only ' +
        'Feishu can sign requests.',
    });
  }

  // Limitation: the window is opt-in; the docs we could read did not state the header's unit.
  if (options.now !== undefined) {
    checkTimestamp({ timestamp, now: options.now, toleranceSeconds: options.toleranceSeconds });
  }

  const { rawBody, encryptKey } = options;
  const expected = feishuSignature({ timestamp, nonce, encryptKey, rawBody });
  if (!constantTimeEqual(signature.toLowerCase(), expected)) {
    throw new AuthenticationError({
      code: 'feishu_signature_invalid',
      message:
        'X-Lark-Signature does not match the body; check the Encrypt Key and that the raw, ' +
        'unparsed body is verified.',
    });
  }
}

/** Decrypts the `encrypt` field of an event body into its JSON text. */
export function decryptFeishuPayload(options: DecryptFeishuPayloadOptions): string {
  requireEncryptKey(options.encryptKey);

  const data = BASE64_PATTERN.test(options.encrypt)
    ? Buffer.from(options.encrypt, 'base64')
    : Buffer.alloc(0);
  const ciphertext = data.subarray(IV_BYTES);
  if (ciphertext.length === 0 || ciphertext.length % 16 !== 0) {
    throw malformed('The encrypt field is not Base64 of an IV and whole AES blocks.');
  }

  const key = createHash('sha256').update(options.encryptKey, 'utf8').digest();
  const decipher = createDecipheriv('aes-256-cbc', key, data.subarray(0, IV_BYTES));
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch (error) {
    throw malformed('The encrypt field does not decrypt; check the Encrypt Key.', error);
  }
}

/**
 * Parses an event body into its payload, decrypting `{"encrypt": ...}` bodies. Authenticate
 * first: the signature before parsing, then `verifyFeishuToken` on the result.
 */
export function parseFeishuBody(options: ParseFeishuBodyOptions): FeishuPayload {
  const text =
    typeof options.rawBody === 'string'
      ? options.rawBody
      : Buffer.from(options.rawBody).toString('utf8');
  const body = parseJsonObject(text);
  if (typeof body.encrypt !== 'string') return body;

  if (options.encryptKey === undefined) {
    throw new ConfigurationError({
      code: 'feishu_encrypt_key_missing',
      message: "Feishu sent an encrypted event; configure the app's Encrypt Key.",
    });
  }
  return parseJsonObject(
    decryptFeishuPayload({ encrypt: body.encrypt, encryptKey: options.encryptKey }),
  );
}

function parseJsonObject(text: string): FeishuPayload {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw malformed('The event body is not JSON.', error);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw malformed('The event body is not a JSON object.');
  }
  return value as FeishuPayload;
}

function checkTimestamp(options: {
  timestamp: string;
  now: Date;
  toleranceSeconds: number | undefined;
}): void {
  const timestampSeconds = parseUnixSeconds(options.timestamp);
  const { now, toleranceSeconds } = options;
  if (timestampSeconds !== undefined) {
    if (isWithinTimestampWindow({ timestampSeconds, now, toleranceSeconds })) return;
  }
  throw new AuthenticationError({
    code: 'feishu_timestamp_stale',
    message:
      'X-Lark-Request-Timestamp is missing or outside the allowed window; a replayed request, ' +
      'or a server clock that needs syncing.',
  });
}

function requireEncryptKey(encryptKey: string): void {
  if (encryptKey.length > 0) return;
  throw new ConfigurationError({
    code: 'feishu_encrypt_key_missing',
    message: 'The Feishu Encrypt Key is empty; copy it from 事件与回调 > 加密策略.',
  });
}

function malformed(message: string, cause?: unknown): InputError {
  return new InputError({ code: 'feishu_payload_malformed', message, cause });
}
