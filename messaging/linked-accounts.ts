import { and, eq } from 'drizzle-orm';
import type { Caller } from '../auth/caller.ts';
import type { Database } from '../db/client.ts';
import { channelIdentities } from '../db/schema/index.ts';
import { NotFoundError } from '../lib/errors.ts';
import type { Platform } from './inbound-event.ts';

/** A chat account linked to a Dealwise user. */
export interface LinkedAccount {
  id: string;
  platform: Platform;
  workspaceId: string;
  externalUserId: string;
  linkedAt: Date;
}

/** The chat accounts the caller has linked to themselves. */
export async function listLinkedAccounts(db: Database, caller: Caller): Promise<LinkedAccount[]> {
  return db
    .select({
      id: channelIdentities.id,
      platform: channelIdentities.platform,
      workspaceId: channelIdentities.externalWorkspaceId,
      externalUserId: channelIdentities.externalUserId,
      linkedAt: channelIdentities.linkedAt,
    })
    .from(channelIdentities)
    .where(
      and(
        eq(channelIdentities.tenantId, caller.tenantId),
        eq(channelIdentities.userId, caller.userId),
      ),
    )
    .orderBy(channelIdentities.linkedAt);
}

/** Unlinks one of the caller's chat accounts; its messages then get the linking reply. */
export async function unlinkAccount(db: Database, caller: Caller, linkId: string): Promise<void> {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const deleted = uuid.test(linkId)
    ? await db
        .delete(channelIdentities)
        .where(
          and(
            eq(channelIdentities.id, linkId),
            eq(channelIdentities.tenantId, caller.tenantId),
            eq(channelIdentities.userId, caller.userId),
          ),
        )
        .returning({ id: channelIdentities.id })
    : [];
  if (deleted.length > 0) return;
  throw new NotFoundError({
    code: 'link_not_found',
    message:
      'You have no linked chat account with this id; list yours with GET /v1/channels/links.',
    details: { linkId },
  });
}
