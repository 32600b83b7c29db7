import type { Caller } from '../auth/caller.ts';
import { requireRole } from '../auth/require-role.ts';
import type { Database } from '../db/client.ts';
import { enqueueJob } from '../jobs/queue.ts';
import { InputError } from '../lib/errors.ts';
import type { GroupChannelClient } from './channel-client.ts';
import { type ReplyMessage, textReply } from './reply-message.ts';

/** Job kind: post a message to the configured group chat. */
export const PUSH_GROUP_MESSAGE = 'channels.push_group';

const MAX_GROUP_TEXT = 4_000;

/**
 * Queues a message to the team's group chat (the WeCom group robot); managers and admins
 * only, as everyone in the group reads it.
 */
export async function queueGroupPush(
  db: Database,
  sender: Caller,
  options: { text: string; groupConfigured: boolean },
): Promise<void> {
  requireRole(sender, ['manager', 'admin'], 'post to the group chat');
  if (!options.groupConfigured) {
    throw new InputError({
      code: 'group_channel_not_configured',
      message: 'This server has no group chat to post to; an admin sets WECOM_ROBOT_WEBHOOK_URL.',
    });
  }
  const text = options.text.trim();
  if (text.length === 0 || text.length > MAX_GROUP_TEXT) {
    throw new InputError({
      code: 'invalid_push_text',
      message: `The message text must have 1 to ${MAX_GROUP_TEXT} characters.`,
      details: { field: 'text' },
    });
  }
  await enqueueJob(db, {
    tenantId: sender.tenantId,
    kind: PUSH_GROUP_MESSAGE,
    payload: { message: textReply(text) },
    maxAttempts: 6,
  });
}

/** Sends a queued group message. */
export async function sendGroupPush(
  group: GroupChannelClient | undefined,
  message: ReplyMessage,
): Promise<void> {
  if (!group) {
    throw new InputError({
      code: 'group_channel_not_configured',
      message: 'A group message is queued but no group chat is configured in this process.',
    });
  }
  await group.push(message);
}
