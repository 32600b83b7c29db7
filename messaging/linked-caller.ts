import { and, eq } from 'drizzle-orm';
import { CALLER_COLUMNS, type Caller } from '../auth/caller.ts';
import type { Database } from '../db/client.ts';
import { channelIdentities, users } from '../db/schema/index.ts';
import type { Platform } from './inbound-event.ts';

/** A chat account on a platform: the workspace it belongs to and its user id there. */
export interface PlatformAccount {
  platform: Platform;
  workspaceId: string;
  userId: string;
}

/** The Dealwise user a chat account is linked to, as a caller; undefined when not linked. */
export async function findLinkedCaller(
  db: Database,
  account: PlatformAccount,
): Promise<Caller | undefined> {
  const [row] = await db
    .select(CALLER_COLUMNS)
    .from(channelIdentities)
    .innerJoin(
      users,
      and(eq(users.id, channelIdentities.userId), eq(users.tenantId, channelIdentities.tenantId)),
    )
    .where(
      and(
        eq(channelIdentities.platform, account.platform),
        eq(channelIdentities.externalWorkspaceId, account.workspaceId),
        eq(channelIdentities.externalUserId, account.userId),
      ),
    )
    .limit(1);
  return row;
}
