import { createHmac } from 'node:crypto';
import { AuthenticationError, ConfigurationError } from '../../lib/errors.ts';
import { constantTimeEqual } from '../constant-time-equal.ts';
import { type HeaderSource, readHeader } from '../read-header.ts';
import { isWithinTimestampWindow, parseUnixSeconds } from '../timestamp-window.ts';

// Limitation: only v0 is understood; a future signature version will be rejected as invalid.
/** The only signing version Slack uses today; it prefixes both the base string and the header. */
const SIGNATURE_VERSION = 'v0';

export interface VerifySlackRequestOptions {
  headers: HeaderSource;
  /** The body exactly as received, before any JSON or form parsing. */
  rawBody: string | Uint8Array;
  /** The app's signing secret (Basic Information page), not a bot token. */
  signingSecret: string;
  now: Date;
  /** Allowed clock distance in seconds, either way; 300 (Slack's advice) unless given. */
  toleranceSeconds?: number;
}

export interface SlackSignatureOptions {
  signingSecret: string;
  timestamp: string;
  rawBody: string | Uint8Array;
}

/**
 * Checks that a request comes from Slack: the `X-Slack-Request-Timestamp` is within the window
 * of `now` in both directions, and `X-Slack-Signature` is the v0 HMAC-SHA256 of
 * `v0:{timestamp}:{raw body}` under the signing secret, compared in constant time.
 * Throws an AuthenticationError whose code names the failed check.
 */
export function verifySlackRequest(options: VerifySlackRequestOptions): void {
  requireSigningSecret(options.signingSecret);

  const timestamp = readHeader(options.headers, 'x-slack-request-timestamp');
  const signature = readHeader(options.headers, 'x-slack-signature');
  if (timestamp === undefined || signature === undefined) {
    throw new AuthenticationError({
      code: 'slack_signature_missing',
      message:
        'Send both X-Slack-Request-Timestamp and X-Slack-Signature; only Slack can sign requests.',
    });
  }

  checkTimestamp({ timestamp, now: options.now, toleranceSeconds: options.toleranceSeconds });

  const expected = slackSignature({
    signingSecret: options.signingSecret,
    timestamp,
    rawBody: options.rawBody,
  });
  if (!constantTimeEqual(signature, expected)) {
    throw new AuthenticationError({
      code: 'slack_signature_invalid',
      message:
        'X-Slack-Signature does not match the body; check the signing secret and that the raw, ' +
        'unparsed body is verified.',
    });
  }
}

/** Computes the `v0=<hex>` signature Slack sends for a timestamp and raw body. */
export function slackSignature(options: SlackSignatureOptions): string {
  const hmac = createHmac('sha256', options.signingSecret);
  hmac.update(`${SIGNATURE_VERSION}:${options.timestamp}:`, 'utf8');
  hmac.update(options.rawBody);
  return `${SIGNATURE_VERSION}=${hmac.digest('hex')}`;
}

function requireSigningSecret(signingSecret: string): void {
  if (signingSecret.length > 0) return;
  throw new ConfigurationError({
    code: 'slack_signing_secret_missing',
    message: "The Slack signing secret is empty; copy it from the app's Basic Information page.",
  });
}

function checkTimestamp(options: {
  timestamp: string;
  now: Date;
  toleranceSeconds: number | undefined;
}): void {
  const timestampSeconds = parseUnixSeconds(options.timestamp);
  if (timestampSeconds === undefined) {
    throw new AuthenticationError({
      code: 'slack_timestamp_invalid',
      message: 'X-Slack-Request-Timestamp must be a Unix time in whole seconds.',
    });
  }

  const window = { timestampSeconds, now: options.now, toleranceSeconds: options.toleranceSeconds };
  if (!isWithinTimestampWindow(window)) {
    const direction = timestampSeconds * 1000 < options.now.getTime() ? 'past' : 'future';
    throw new AuthenticationError({
      code: 'slack_timestamp_stale',
      message:
        'X-Slack-Request-Timestamp is outside the allowed window; a replayed request, or a ' +
        'server clock that needs syncing.',
      details: { direction },
    });
  }
}
