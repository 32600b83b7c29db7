import { AuthenticationError, ConfigurationError } from '../../lib/errors.ts';
import { constantTimeEqual } from '../constant-time-equal.ts';
import { type HeaderSource, readHeader } from '../read-header.ts';

/** Telegram's rule for `setWebhook`'s `secret_token`: 1 to 256 of A-Z, a-z, 0-9, _ and -. */
const SECRET_TOKEN_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;

export interface VerifyTelegramRequestOptions {
  headers: HeaderSource;
  /** The `secret_token` the webhook was registered with. */
  secretToken: string;
}

/**
 * Checks that a webhook request carries the `X-Telegram-Bot-Api-Secret-Token` the webhook was
 * registered with, compared in constant time. Telegram does not sign bodies; this header is
 * its only proof of origin.
 */
export function verifyTelegramRequest(options: VerifyTelegramRequestOptions): void {
  assertTelegramSecretToken(options.secretToken);

  const received = readHeader(options.headers, 'x-telegram-bot-api-secret-token');
  if (received === undefined) {
    throw new AuthenticationError({
      code: 'telegram_secret_missing',
      message:
        'X-Telegram-Bot-Api-Secret-Token is missing; register the webhook with a secret_token.',
    });
  }

  if (!constantTimeEqual(received, options.secretToken)) {
    throw new AuthenticationError({
      code: 'telegram_secret_invalid',
      message: 'X-Telegram-Bot-Api-Secret-Token does not match the configured secret token.',
    });
  }
}

/**
 * Throws a ConfigurationError unless the secret token is one Telegram accepts for `setWebhook`,
 * so that a bad one fails at start-up rather than on every request.
 */
export function assertTelegramSecretToken(secretToken: string): void {
  if (SECRET_TOKEN_PATTERN.test(secretToken)) return;
  throw new ConfigurationError({
    code: 'telegram_secret_token_invalid',
    message:
      'The Telegram webhook secret token must be 1-256 characters of A-Z, a-z, 0-9, _ and -; ' +
      'generate one, e.g. 64 random hex characters.',
    details: { length: secretToken.length },
  });
}
