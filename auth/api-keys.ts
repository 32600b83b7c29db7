import { createHash } from 'node:crypto';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { apiKeys, users } from '../db/schema/index.ts';
import { AuthenticationError } from '../lib/errors.ts';
import { CALLER_COLUMNS, type Caller } from './caller.ts';

/** How stale `last_used_at` may get before a request refreshes it. */
const LAST_USED_PRECISION_MS = 60_000;

/** SHA-256 of an API key, the only form in which keys are stored. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * Resolves an API key to the caller it belongs to. Throws AuthenticationError for an
 * unknown or revoked key, with the same message for both.
 */
export async function authenticateApiKey(
  db: Database,
  key: string,
  now: Date = new Date(),
): Promise<Caller> {
  const keyHash = hashApiKey(key);
  const [row] = await db
    .select({
      keyId: apiKeys.id,
      lastUsedAt: apiKeys.lastUsedAt,
      ...CALLER_COLUMNS,
    })
    .from(apiKeys)
    .innerJoin(users, and(eq(users.id, apiKeys.userId), eq(users.tenantId, apiKeys.tenantId)))
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
    .limit(1);

  if (!row) {
    throw new AuthenticationError({
      code: 'invalid_api_key',
      message:
        'The API key is unknown or revoked; send a valid key as "Authorization: Bearer <key>".',
    });
  }

  await touchApiKey(db, row.keyId, now);
  const { keyId: _keyId, lastUsedAt: _lastUsedAt, ...caller } = row;
  return caller;
}

async function touchApiKey(db: Database, keyId: string, now: Date): Promise<void> {
  const staleBefore = new Date(now.getTime() - LAST_USED_PRECISION_MS);
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiKeys.id, keyId),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, staleBefore)),
      ),
    );
}
