import { AuthenticationError, ConfigurationError } from '../../lib/errors.ts';
import { constantTimeEqual } from '../constant-time-equal.ts';

/** A parsed (and, if need be, decrypted) Feishu event body: schema 2.0, 1.0 or a challenge. */
export type FeishuPayload = Readonly<Record<string, unknown>>;

export interface VerifyFeishuTokenOptions {
  payload: FeishuPayload;
  /** The app's Verification Token (事件与回调 > 加密策略). */
  verificationToken: string;
}

/**
 * Checks the Verification Token carried inside the payload, in constant time: `header.token` in
 * schema 2.0 events, `token` in 1.0 events and in the url_verification challenge.
 */
export function verifyFeishuToken(options: VerifyFeishuTokenOptions): void {
  if (options.verificationToken.length === 0) {
    throw new ConfigurationError({
      code: 'feishu_verification_token_missing',
      message: 'The Feishu Verification Token is empty; copy it from 事件与回调 > 加密策略.',
    });
  }

  const token = payloadToken(options.payload);
  if (token === undefined || !constantTimeEqual(token, options.verificationToken)) {
    throw new AuthenticationError({
      code: 'feishu_token_invalid',
      message: "The event's Verification Token is missing or wrong; check the configured token.",
    });
  }
}

/** The challenge to echo back when the payload is a url_verification request, else undefined. */
export function feishuChallenge(payload: FeishuPayload): string | undefined {
  if (payload.type !== 'url_verification') return undefined;
  return typeof payload.challenge === 'string' ? payload.challenge : undefined;
}

/** The event's unique id for deduplication: `header.event_id` (2.0) or `uuid` (1.0). */
export function feishuEventId(payload: FeishuPayload): string | undefined {
  const header = asRecord(payload.header);
  const id = header?.event_id ?? payload.uuid;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}

function payloadToken(payload: FeishuPayload): string | undefined {
  const token = payload.schema === '2.0' ? asRecord(payload.header)?.token : payload.token;
  return typeof token === 'string' ? token : undefined;
}

function asRecord(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Readonly<Record<string, unknown>>)
    : undefined;
}
