import type { ChatAddress, Platform } from './inbound-event.ts';
import type { ReplyMessage } from './reply-message.ts';

/** A chat user on a platform, as a proactive message addresses them. */
export interface ChannelRecipient {
  workspaceId: string;
  userId: string;
}

/**
 * Where a send stands across attempts: a reply split into several platform messages is
 * resumed after the last piece delivered, so a retry never posts a piece twice.
 */
export interface SendProgress {
  /** Pieces an earlier attempt delivered; they are skipped. */
  readonly delivered: number;
  /** Called after each piece is delivered, with how many are delivered in all. */
  record(delivered: number): Promise<void>;
}

/**
 * Sends the pieces of one message in order, skipping those an earlier attempt delivered and
 * recording each one that goes out.
 */
export async function sendPieces<Piece>(
  pieces: readonly Piece[],
  progress: SendProgress | undefined,
  send: (piece: Piece, index: number) => Promise<void>,
): Promise<void> {
  for (const [index, piece] of pieces.entries()) {
    if (index < (progress?.delivered ?? 0)) continue;
    await send(piece, index);
    await progress?.record(index + 1);
  }
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
  reply(address: ChatAddress, message: ReplyMessage, progress?: SendProgress): Promise<void>;
  /** Writes to a linked user in a direct chat, unprompted: nudges and pushes. */
  sendDirect(
    recipient: ChannelRecipient,
    message: ReplyMessage,
    progress?: SendProgress,
  ): Promise<void>;
  /**
   * Redraws the buttons of a sent message after a press: `address.messageId` names the
   * message, and `message` is the reply it carried with only the buttons still open. A
   * platform without it leaves the buttons; a second press is refused by the core anyway.
   */
  updateButtons?(address: ChatAddress, message: ReplyMessage): Promise<void>;
}

/** The clients of the platforms that are configured; an absent one is off. */
export type ChannelClients = Partial<Record<Platform, ChannelClient>>;

/** A group chat Dealwise can post to without being asked, e.g. a WeCom group robot. */
export interface GroupChannelClient {
  /** Posts to the whole group; throws a RemoteServiceError when the platform fails. */
  push(message: ReplyMessage): Promise<void>;
}
