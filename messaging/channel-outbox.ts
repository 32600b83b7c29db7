import type { Database } from '../db/client.ts';
import { enqueueJob, type Job, mergeJobPayload } from '../jobs/queue.ts';
import { ConfigurationError } from '../lib/errors.ts';
import type { ChannelClients, ChannelRecipient, SendProgress } from './channel-client.ts';
import type { ChatAddress, Platform } from './inbound-event.ts';
import type { ReplyMessage } from './reply-message.ts';

/** Job kind: send a reply into the chat an event came from. */
export const SEND_CHANNEL_REPLY = 'channels.send_reply';
/** Job kind: send a proactive message to a linked user. */
export const PUSH_CHANNEL_MESSAGE = 'channels.push_message';

/** Job kind: redraw the buttons of a message after one was pressed. */
export const UPDATE_CHANNEL_BUTTONS = 'channels.update_buttons';

/** Sends are retried with backoff when the platform fails; a turn is never re-run for it. */
const SEND_ATTEMPTS = 6;
/** Redrawing buttons is a nicety: a few tries, then the buttons stay as they were. */
const UPDATE_ATTEMPTS = 3;

/** A reply waiting to be sent: the job payload of SEND_CHANNEL_REPLY. */
export interface OutgoingReply {
  platform: Platform;
  address: ChatAddress;
  message: ReplyMessage;
}

/** A proactive message waiting to be sent: the job payload of PUSH_CHANNEL_MESSAGE. */
export interface OutgoingPush {
  platform: Platform;
  recipient: ChannelRecipient;
  message: ReplyMessage;
}

/**
 * Queues replies to be sent, each retried on its own when the platform fails; the replies
 * into one chat go out one at a time, in the order they were queued.
 */
export async function queueReplies(
  db: Database,
  options: { tenantId: string | null; replies: readonly OutgoingReply[] },
): Promise<void> {
  for (const reply of options.replies) {
    const { platform, address } = reply;
    await enqueueJob(db, {
      tenantId: options.tenantId,
      kind: SEND_CHANNEL_REPLY,
      payload: { ...reply },
      serialKey: sendSerialKey(platform, address),
      maxAttempts: SEND_ATTEMPTS,
    });
  }
}

/**
 * Queues the redraw of a pressed message's buttons, when the press names its message. It
 * has no serial key: a redraw waiting for its retry must not hold back the replies.
 */
export async function queueButtonUpdate(
  db: Database,
  options: { tenantId: string | null; update: OutgoingReply },
): Promise<void> {
  if (options.update.address.messageId === undefined) return;
  await enqueueJob(db, {
    tenantId: options.tenantId,
    kind: UPDATE_CHANNEL_BUTTONS,
    payload: { ...options.update },
    maxAttempts: UPDATE_ATTEMPTS,
  });
}

/** Redraws a pressed message's buttons, where the platform's client can. */
export async function updateButtons(clients: ChannelClients, update: OutgoingReply): Promise<void> {
  await clientFor(clients, update.platform).updateButtons?.(update.address, update.message);
}

/** Queues a proactive message to one linked chat account. */
export async function queuePush(
  db: Database,
  options: { tenantId: string; push: OutgoingPush },
): Promise<void> {
  const { platform, recipient } = options.push;
  await enqueueJob(db, {
    tenantId: options.tenantId,
    kind: PUSH_CHANNEL_MESSAGE,
    payload: { ...options.push },
    serialKey: `send:${platform}:direct:${recipient.workspaceId}:${recipient.userId}`,
    maxAttempts: SEND_ATTEMPTS,
  });
}

/** Sends a queued reply with the platform's client, resuming after the pieces delivered. */
export async function sendReply(
  clients: ChannelClients,
  reply: OutgoingReply,
  progress?: SendProgress,
): Promise<void> {
  await clientFor(clients, reply.platform).reply(reply.address, reply.message, progress);
}

/** Sends a queued proactive message with the platform's client, resuming likewise. */
export async function sendPush(
  clients: ChannelClients,
  push: OutgoingPush,
  progress?: SendProgress,
): Promise<void> {
  await clientFor(clients, push.platform).sendDirect(push.recipient, push.message, progress);
}

/** The progress of a send job, kept in its payload so that a retry resumes it. */
export function jobSendProgress(db: Database, job: Job): SendProgress {
  const delivered = Number(job.payload.delivered ?? 0);
  return {
    delivered: Number.isSafeInteger(delivered) && delivered > 0 ? delivered : 0,
    record: (count) => mergeJobPayload(db, job.id, { delivered: count }),
  };
}

/** Sends into one chat go out one at a time, in order. */
function sendSerialKey(platform: Platform, address: ChatAddress): string {
  return `send:${platform}:${address.workspaceId}:${address.chatId}`;
}

function clientFor(clients: ChannelClients, platform: Platform) {
  const client = clients[platform];
  if (client) return client;
  throw new ConfigurationError({
    code: 'channel_not_configured',
    message: `A ${platform} message is queued but ${platform} is not configured in this process; set its environment variables.`,
  });
}
