import { createHash, randomInt } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Caller } from '../auth/caller.ts';
import { requireRole } from '../auth/require-role.ts';
import type { Database } from '../db/client.ts';
import { channelIdentities, channelLinkCodes } from '../db/schema/index.ts';
import type { PlatformAccount } from './linked-caller.ts';

/** How long a link code can be used. */
export const LINK_CODE_TTL_MS = 15 * 60_000;

// No 0/O, 1/I/L: codes are read off one screen and typed on another.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 8;

/** A freshly issued code, shown once to the user who asked for it. */
export interface IssuedLinkCode {
  code: string;
  expiresAt: Date;
}

/**
 * Issues a one-time code with which the caller links a chat account (Slack, Telegram, WeCom,
 * Feishu) to themselves by sending `/link <code>` to the bot. Only the code's hash is kept.
 */
export async function issueLinkCode(
  db: Database,
  caller: Caller,
  now: Date = new Date(),
): Promise<IssuedLinkCode> {
  requireRole(caller, ['rep', 'manager', 'admin'], 'link a chat account');
  const code = randomCode();
  const expiresAt = new Date(now.getTime() + LINK_CODE_TTL_MS);
  await db.insert(channelLinkCodes).values({
    tenantId: caller.tenantId,
    userId: caller.userId,
    codeHash: hashLinkCode(normalizeLinkCode(code)),
    expiresAt,
  });
  return { code, expiresAt };
}

/** Why a code did not link: unknown or mistyped, expired, or already used. */
export type LinkFailure = 'invalid' | 'expired';

/**
 * Links the chat account to the user who issued the code, once. A code that is unknown,
 * used or expired links nothing. Linking again replaces an account's earlier link.
 */
export async function redeemLinkCode(
  db: Database,
  options: { code: string; account: PlatformAccount; now?: Date },
): Promise<
  { linked: true; userId: string; tenantId: string } | { linked: false; reason: LinkFailure }
> {
  const now = options.now ?? new Date();
  const codeHash = hashLinkCode(normalizeLinkCode(options.code));

  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(channelLinkCodes)
      .set({ usedAt: now })
      .where(
        and(
          eq(channelLinkCodes.codeHash, codeHash),
          isNull(channelLinkCodes.usedAt),
          gt(channelLinkCodes.expiresAt, now),
        ),
      )
      .returning({ tenantId: channelLinkCodes.tenantId, userId: channelLinkCodes.userId });
    if (!claimed)
      return { linked: false, reason: await failureOf(tx as unknown as Database, codeHash) };

    const { account } = options;
    await tx
      .insert(channelIdentities)
      .values({
        tenantId: claimed.tenantId,
        platform: account.platform,
        externalWorkspaceId: account.workspaceId,
        externalUserId: account.userId,
        userId: claimed.userId,
      })
      .onConflictDoUpdate({
        target: [
          channelIdentities.platform,
          channelIdentities.externalWorkspaceId,
          channelIdentities.externalUserId,
        ],
        set: { tenantId: claimed.tenantId, userId: claimed.userId, linkedAt: now },
      });
    return { linked: true, ...claimed };
  });
}

/** True when the text looks like a link code, spaces, dashes and case aside. */
export function looksLikeLinkCode(text: string): boolean {
  const normalized = normalizeLinkCode(text);
  return normalized.length === CODE_LENGTH && [...normalized].every((c) => ALPHABET.includes(c));
}

function normalizeLinkCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

async function failureOf(db: Database, codeHash: string): Promise<LinkFailure> {
  const [row] = await db
    .select({ usedAt: channelLinkCodes.usedAt })
    .from(channelLinkCodes)
    .where(eq(channelLinkCodes.codeHash, codeHash))
    .limit(1);
  return row && row.usedAt === null ? 'expired' : 'invalid';
}

function hashLinkCode(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}

function randomCode(): string {
  const characters = Array.from(
    { length: CODE_LENGTH },
    () => ALPHABET[randomInt(ALPHABET.length)],
  );
  return `${characters.slice(0, 4).join('')}-${characters.slice(4).join('')}`;
}
