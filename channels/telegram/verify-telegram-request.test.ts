import { describe, expect, it } from 'vitest';
import type { DealwiseError } from '../../lib/errors.ts';
import { assertTelegramSecretToken, verifyTelegramRequest } from './verify-telegram-request.ts';

const SECRET = 'dealwise_Webhook-secret_0123456789';

function errorOf(run: () => void): DealwiseError | undefined {
  try {
    run();
  } catch (error) {
    return error as DealwiseError;
  }
  return undefined;
}

describe('verifyTelegramRequest', () => {
  it('accepts the configured secret token', () => {
    const headers = { 'X-Telegram-Bot-Api-Secret-Token': SECRET };

    expect(errorOf(() => verifyTelegramRequest({ headers, secretToken: SECRET }))).toBeUndefined();
  });

  it('rejects a request without the secret header', () => {
    const error = errorOf(() => verifyTelegramRequest({ headers: {}, secretToken: SECRET }));

    expect(error).toMatchObject({ name: 'AuthenticationError', code: 'telegram_secret_missing' });
  });

  it('rejects a wrong secret token', () => {
    const headers = { 'x-telegram-bot-api-secret-token': `${SECRET}x` };
    const error = errorOf(() => verifyTelegramRequest({ headers, secretToken: SECRET }));

    expect(error).toMatchObject({ name: 'AuthenticationError', code: 'telegram_secret_invalid' });
  });

  it('checks the configured secret before the request', () => {
    const headers = { 'x-telegram-bot-api-secret-token': 'has space' };
    const error = errorOf(() => verifyTelegramRequest({ headers, secretToken: 'has space' }));

    expect(error?.code).toBe('telegram_secret_token_invalid');
  });
});

describe('assertTelegramSecretToken', () => {
  it('accepts 256 allowed characters', () => {
    expect(errorOf(() => assertTelegramSecretToken('a'.repeat(256)))).toBeUndefined();
  });

  it.each([
    ['an empty token', ''],
    ['257 characters', 'a'.repeat(257)],
    ['a space', 'abc def'],
    ['a colon, as in a bot token', '123456:ABC'],
    ['non-ASCII letters', '密钥'],
  ])('rejects %s as a configuration error', (_label, token) => {
    const error = errorOf(() => assertTelegramSecretToken(token));

    expect(error).toMatchObject({
      name: 'ConfigurationError',
      code: 'telegram_secret_token_invalid',
    });
  });
});
