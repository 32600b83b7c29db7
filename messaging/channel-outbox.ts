import type { Database } from '../db/client.ts';
import { enqueueJob } from '../jobs/queue.ts';
import { ConfigurationError } from '../lib/errors.ts';
import type { ChannelClients, ChannelRecipient } from './channel-client.ts';
import type { ChatAddress, Platform } from './inbound-event.ts';
import type { ReplyMessage } from './reply-message.ts';

/** Job kind: send a reply into the chat an event came from. */
export const SEND_CHANNEL_REPLY = 'channels.send_reply';
/** Job kind: send a proactive message to a linked user. */
export const PUSH_CHANNEL_MESSAGE = 'channels.push_message';

/** Sends are retried with backoff when the platform fails; a turn is never re-run for it. */
const SEND_ATTEMPTS = 6;

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

/** Queues replies to be sent in order, each retried on its own when the platform fails. */
export async function queueReplies(
  db: Database,
  options: { tenantId: string | null; replies: readonly OutgoingReply[] },
): Promise<void> {
  for (const reply of options.replies) {
    await enqueueJob(db, {
      tenantId: options.tenantId,
      kind: SEND_CHANNEL_REPLY,
      payload: { ...reply },
      maxAttempts: SEND_ATTEMPTS,
    });
  }
}

/** Queues a proactive message to one linked chat account. */
export async function queuePush(
  db: Database,
  options: { tenantId: string; push: OutgoingPush },
): Promise<void> {
  await enqueueJob(db, {
    tenantId: options.tenantId,
    kind: PUSH_CHANNEL_MESSAGE,
    payload: { ...options.push },
    maxAttempts: SEND_ATTEMPTS,
  });
}

/** Sends a queued reply with the platform's client. */
export async function sendReply(clients: ChannelClients, reply: OutgoingReply): Promise<void> {
  await clientFor(clients, reply.platform).reply(reply.address, reply.message);
}

/** Sends a queued proactive message with the platform's client. */
export async function sendPush(clients: ChannelClients, push: OutgoingPush): Promise<void> {
  await clientFor(clients, push.platform).sendDirect(push.recipient, push.message);
}

function clientFor(clients: ChannelClients, platform: Platform) {
  const client = clients[platform];
  if (client) return client;
  throw new ConfigurationError({
    code: 'channel_not_configured',
    message: `A ${platform} message is queued but ${platform} is not configured in this process; set its environment variables.`,
  });
}
