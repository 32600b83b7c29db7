import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Caller } from '../auth/caller.ts';
import { ConfigurationError, ForbiddenError, InputError } from '../lib/errors.ts';

/**
 * Confirmation tokens for write tools, without a table: the prepared write (tool,
 * caller, validated input, expiry) is signed with HMAC-SHA256 under a server secret.
 * Applying checks the signature, the expiry and that the same user in the same tenant
 * confirms; the input applied is the one signed, so nothing can be swapped in between.
 * The written row's id derives from the token, so applying twice writes once.
 */

// Limitation: a token cannot be revoked before it expires except by rotating the secret.
/** How long a user has to confirm a prepared write. */
export const CONFIRMATION_TTL_MS = 10 * 60_000;

const VERSION = 'v1';
const MIN_SECRET_LENGTH = 32;

/** What a token carries. */
export interface ConfirmationClaims {
  tool: string;
  tenantId: string;
  userId: string;
  /** The validated input, exactly as it will be applied. */
  input: unknown;
  /** Milliseconds since the epoch. */
  expiresAt: number;
  nonce: string;
}

/** Signs a prepared write for the caller; returns the token and when it expires. */
export function signConfirmation(options: {
  secret: string | undefined;
  tool: string;
  caller: Caller;
  input: unknown;
  now: Date;
}): { token: string; expiresAt: Date } {
  const secret = requireSecret(options.secret);
  const expiresAt = new Date(options.now.getTime() + CONFIRMATION_TTL_MS);
  const claims: ConfirmationClaims = {
    tool: options.tool,
    tenantId: options.caller.tenantId,
    userId: options.caller.userId,
    input: options.input,
    expiresAt: expiresAt.getTime(),
    nonce: randomBytes(12).toString('base64url'),
  };
  const payload = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  return { token: `${VERSION}.${payload}.${signature(secret, payload)}`, expiresAt };
}

/**
 * The input of a token signed for this tool and caller and not yet expired; throws
 * otherwise, saying what to do.
 */
export function verifyConfirmation(options: {
  secret: string | undefined;
  token: string;
  tool: string;
  caller: Caller;
  now: Date;
}): unknown {
  const secret = requireSecret(options.secret);
  const claims = readClaims(secret, options.token);

  if (claims.tool !== options.tool) throw invalidToken();
  if (claims.tenantId !== options.caller.tenantId || claims.userId !== options.caller.userId) {
    throw new ForbiddenError({
      code: 'confirmation_not_yours',
      message: 'This confirmation was prepared for another user; ask for the change yourself.',
    });
  }
  if (options.now.getTime() > claims.expiresAt) {
    throw new InputError({
      code: 'confirmation_expired',
      message:
        'The confirmation has expired; ask for the change again and confirm it within 10 minutes.',
      details: { field: 'token' },
    });
  }
  return claims.input;
}

/** A UUID that only this token gives: the id of the row it writes, so a replay writes nothing. */
export function confirmationRowId(token: string): string {
  const hex = createHash('sha256').update(`row:${token}`, 'utf8').digest('hex');
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  const parts = [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `8${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ];
  return parts.join('-');
}

function readClaims(secret: string, token: string): ConfirmationClaims {
  const [version, payload, mac, ...rest] = token.split('.');
  if (version !== VERSION || !payload || !mac || rest.length > 0) throw invalidToken();

  const expected = Buffer.from(signature(secret, payload), 'utf8');
  const given = Buffer.from(mac, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalidToken();

  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as ConfirmationClaims;
  } catch (error) {
    throw invalidToken(error);
  }
}

function signature(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`${VERSION}.${payload}`, 'utf8').digest('base64url');
}

function requireSecret(secret: string | undefined): string {
  if (secret && secret.length >= MIN_SECRET_LENGTH) return secret;
  throw new ConfigurationError({
    code: 'confirmation_secret_missing',
    message:
      `Write tools need a confirmation secret of at least ${MIN_SECRET_LENGTH} characters; ` +
      'pass confirmationSecret in the tool context.',
  });
}

function invalidToken(cause?: unknown): InputError {
  return new InputError({
    code: 'invalid_confirmation',
    message: 'The confirmation token is not valid for this change; ask for the change again.',
    details: { field: 'token' },
    cause,
  });
}
