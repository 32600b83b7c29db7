import type { ChatAddress, Platform } from './inbound-event.ts';
import type { ReplyMessage } from './reply-message.ts';

/** A chat user on a platform, as a proactive message addresses them. */
export interface ChannelRecipient {
  workspaceId: string;
  userId: string;
}

/**
 * Sends Dealwise's messages on one platform: formats a reply for it (Slack mrkdwn and
 * blocks, Telegram HTML, WeCom markdown, Feishu cards), splits what is too long, and calls
 * the platform's API. Throws a RemoteServiceError when the platform refuses or fails, so
 * the job that sends is retried.
 */
export interface ChannelClient {
  readonly platform: Platform;
  /** Answers in the chat (and thread) an event came from. */
  reply(address: ChatAddress, message: ReplyMessage): Promise<void>;
  /** Writes to a linked user in a direct chat, unprompted: nudges and pushes. */
  sendDirect(recipient: ChannelRecipient, message: ReplyMessage): Promise<void>;
}

/** The clients of the platforms that are configured; an absent one is off. */
export type ChannelClients = Partial<Record<Platform, ChannelClient>>;

/** A group chat Dealwise can post to without being asked, e.g. a WeCom group robot. */
export interface GroupChannelClient {
  /** Posts to the whole group; throws a RemoteServiceError when the platform fails. */
  push(message: ReplyMessage): Promise<void>;
}
