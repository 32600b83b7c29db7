import { and, eq } from 'drizzle-orm';
import type { Caller } from '../auth/caller.ts';
import { requireRole } from '../auth/require-role.ts';
import type { Database } from '../db/client.ts';
import { channelIdentities, users } from '../db/schema/index.ts';
import { ForbiddenError, InputError, NotFoundError } from '../lib/errors.ts';
import { queuePush } from './channel-outbox.ts';
import type { Platform } from './inbound-event.ts';
import { type ReplyMessage, textReply } from './reply-message.ts';

const MAX_PUSH_LENGTH = 4_000;

/** A proactive message to one Dealwise user on every chat account they linked. */
export interface PushRequest {
  userId: string;
  text: string;
  /** Only these platforms; all linked ones by default. */
  platforms?: readonly Platform[] | undefined;
}

/**
 * Queues a proactive message (a nudge, a manager's note) to a user on their linked chat
 * accounts. A manager may write to their team, an admin to anyone in the tenant, anyone to
 * themselves. Returns the platforms it was queued for.
 */
export async function pushMessage(
  db: Database,
  sender: Caller,
  request: PushRequest,
): Promise<{ platforms: Platform[] }> {
  requireRole(sender, ['rep', 'manager', 'admin'], 'send chat messages');
  const message = validateText(request.text);
  const recipient = await loadRecipient(db, sender, request.userId);
  assertMayWriteTo(sender, recipient);

  const accounts = (await linkedAccounts(db, sender.tenantId, recipient.id)).filter(
    (account) => !request.platforms || request.platforms.includes(account.platform),
  );
  if (accounts.length === 0) {
    throw new InputError({
      code: 'no_linked_chat_account',
      message:
        'The user has no linked chat account on these platforms; they link one with /link and a code from POST /v1/channels/link-codes.',
      details: { userId: recipient.id },
    });
  }

  for (const account of accounts) {
    await queuePush(db, {
      tenantId: sender.tenantId,
      push: {
        platform: account.platform,
        recipient: { workspaceId: account.workspaceId, userId: account.userId },
        message,
      },
    });
  }
  return { platforms: [...new Set(accounts.map((account) => account.platform))] };
}

function validateText(text: string): ReplyMessage {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_PUSH_LENGTH) {
    throw new InputError({
      code: 'invalid_push_text',
      message: `The message text must have 1 to ${MAX_PUSH_LENGTH} characters.`,
      details: { field: 'text' },
    });
  }
  return textReply(trimmed);
}

async function loadRecipient(
  db: Database,
  sender: Caller,
  userId: string,
): Promise<{ id: string; teamId: string | null }> {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const [row] = uuid.test(userId)
    ? await db
        .select({ id: users.id, teamId: users.teamId })
        .from(users)
        .where(and(eq(users.id, userId), eq(users.tenantId, sender.tenantId)))
        .limit(1)
    : [];
  if (row) return row;
  throw new NotFoundError({
    code: 'user_not_found',
    message: 'No such user in your tenant; check the user id.',
    details: { userId },
  });
}

function assertMayWriteTo(sender: Caller, recipient: { id: string; teamId: string | null }): void {
  if (sender.userId === recipient.id || sender.role === 'admin') return;
  if (sender.role === 'manager' && sender.teamId !== null && sender.teamId === recipient.teamId) {
    return;
  }
  throw new ForbiddenError({
    code: 'push_not_allowed',
    message: 'You may send chat messages to yourself, a manager to their team, an admin to anyone.',
  });
}

async function linkedAccounts(db: Database, tenantId: string, userId: string) {
  return db
    .select({
      platform: channelIdentities.platform,
      workspaceId: channelIdentities.externalWorkspaceId,
      userId: channelIdentities.externalUserId,
    })
    .from(channelIdentities)
    .where(and(eq(channelIdentities.tenantId, tenantId), eq(channelIdentities.userId, userId)));
}
