import { and, eq } from 'drizzle-orm';
import type { Caller } from '../auth/caller.ts';
import type { Database } from '../db/client.ts';
import { channelThreads } from '../db/schema/index.ts';
import type { ChatAddress, Platform } from './inbound-event.ts';

/** Identifies a chat thread on a platform: its chat and, where there is one, its thread. */
export function threadKeyOf(address: ChatAddress): string {
  return `${address.workspaceId}:${address.chatId}:${address.threadId ?? ''}`;
}

/** The caller's conversation in a chat thread, if they have spoken there before. */
export async function findThreadConversation(
  db: Database,
  caller: Caller,
  thread: { platform: Platform; key: string },
): Promise<string | undefined> {
  const [row] = await db
    .select({ conversationId: channelThreads.conversationId })
    .from(channelThreads)
    .where(
      and(
        eq(channelThreads.tenantId, caller.tenantId),
        eq(channelThreads.userId, caller.userId),
        eq(channelThreads.platform, thread.platform),
        eq(channelThreads.threadKey, thread.key),
      ),
    )
    .limit(1);
  return row?.conversationId;
}

/** Makes a conversation the caller's one for a chat thread, replacing an earlier one. */
export async function rememberThreadConversation(
  db: Database,
  caller: Caller,
  thread: { platform: Platform; key: string; conversationId: string },
): Promise<void> {
  await db
    .insert(channelThreads)
    .values({
      tenantId: caller.tenantId,
      userId: caller.userId,
      platform: thread.platform,
      threadKey: thread.key,
      conversationId: thread.conversationId,
    })
    .onConflictDoUpdate({
      target: [
        channelThreads.tenantId,
        channelThreads.userId,
        channelThreads.platform,
        channelThreads.threadKey,
      ],
      set: { conversationId: thread.conversationId },
    });
}

/** Forgets the caller's conversation in a chat thread; their next message starts afresh. */
export async function forgetThreadConversation(
  db: Database,
  caller: Caller,
  thread: { platform: Platform; key: string },
): Promise<void> {
  await db
    .delete(channelThreads)
    .where(
      and(
        eq(channelThreads.tenantId, caller.tenantId),
        eq(channelThreads.userId, caller.userId),
        eq(channelThreads.platform, thread.platform),
        eq(channelThreads.threadKey, thread.key),
      ),
    );
}
