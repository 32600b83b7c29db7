import { webApi } from '@slack/bolt';
import { RemoteServiceError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import {
  type ChannelClient,
  type ChannelRecipient,
  type SendProgress,
  sendPieces,
} from '../../messaging/channel-client.ts';
import type { ChatAddress } from '../../messaging/inbound-event.ts';
import type { ReplyMessage } from '../../messaging/reply-message.ts';
import { formatSlackReply, type SlackMessage } from './slack-reply-format.ts';

export interface SlackClientOptions {
  /** Bolt's Web API client (`app.client`), pointed at the configured API URL. */
  web: webApi.WebClient;
  botToken: string;
  logger: Logger;
}

/** Where a Slack message goes: a channel and thread, and a command's response URL if any. */
interface SlackTarget {
  channel: string;
  threadTs?: string | undefined;
  replyUrl?: string | undefined;
}

/** chat.postMessage's errors for a conversation the bot is not in (or cannot see). */
const NOT_A_MEMBER = new Set(['not_in_channel', 'channel_not_found']);

/**
 * Sends Dealwise's replies and pushes to Slack with `chat.postMessage`, in the thread the
 * address names; a push opens the direct chat with `conversations.open` first. Where the bot
 * is not a member, an answer to a slash command or button goes to its response URL instead,
 * shown to the asker alone. A pressed message is redrawn with `chat.update`. Any Slack
 * failure is a RemoteServiceError, so the job retries.
 */
export function createSlackClient(options: SlackClientOptions): ChannelClient {
  const { web, botToken } = options;

  const post = async (target: SlackTarget, message: ReplyMessage, progress?: SendProgress) => {
    const pieces = formatSlackReply(message);
    await sendPieces(pieces, progress, (piece) => postPiece(target, piece));
    options.logger.debug({ channel: target.channel, pieces: pieces.length }, 'slack reply sent');
  };

  const postPiece = async (target: SlackTarget, piece: SlackMessage): Promise<void> => {
    try {
      await call('chat.postMessage', () =>
        web.chat.postMessage({
          token: botToken,
          channel: target.channel,
          ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
          text: piece.text,
          blocks: piece.blocks,
          unfurl_links: false,
          unfurl_media: false,
        }),
      );
    } catch (error) {
      const reason = error instanceof RemoteServiceError ? error.details?.reason : undefined;
      if (!target.replyUrl || !NOT_A_MEMBER.has(String(reason))) throw error;
      await postToResponseUrl(target.replyUrl, piece);
    }
  };

  return {
    platform: 'slack',
    async reply(address: ChatAddress, message: ReplyMessage, progress?: SendProgress) {
      const { chatId: channel, threadId: threadTs, replyUrl } = address;
      await post({ channel, threadTs, replyUrl }, message, progress);
    },
    async sendDirect(recipient: ChannelRecipient, message: ReplyMessage, progress?: SendProgress) {
      const opened = await call('conversations.open', () =>
        web.conversations.open({ token: botToken, users: recipient.userId }),
      );
      const channel = opened.channel?.id;
      if (!channel) throw failure('conversations.open', 'no_channel_returned');
      await post({ channel }, message, progress);
    },

    async updateButtons(address: ChatAddress, message: ReplyMessage) {
      // The buttons sit on the last piece, the message that was pressed.
      const piece = formatSlackReply(message).at(-1);
      const ts = address.messageId;
      if (!piece || ts === undefined) return;
      await call('chat.update', () =>
        web.chat.update({
          token: botToken,
          channel: address.chatId,
          ts,
          text: piece.text,
          blocks: piece.blocks,
        }),
      );
    },
  };
}

/**
 * Posts a message to a response URL, ephemeral: the asker alone sees it, so an answer with
 * their CRM data never lands in a channel Dealwise was not invited to.
 */
async function postToResponseUrl(url: string, piece: SlackMessage): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      response_type: 'ephemeral',
      replace_original: false,
      text: piece.text,
      blocks: piece.blocks,
    }),
    signal: AbortSignal.timeout(RESPONSE_URL_TIMEOUT_MS),
  }).catch((error: unknown) => {
    throw failure('response_url', 'request_failed', error);
  });
  if (!response.ok) {
    // Slack answers an expired URL (30 minutes, or five uses) with 404 and a short text.
    const reason = (await response.text().catch(() => '')).slice(0, 80) || 'no_body';
    throw failure('response_url', `http_${response.status}: ${reason}`);
  }
}

const RESPONSE_URL_TIMEOUT_MS = 10_000;

/** Runs one Web API call, turning whatever Slack or the network did wrong into one error. */
async function call<Result>(method: string, run: () => Promise<Result>): Promise<Result> {
  try {
    return await run();
  } catch (error) {
    throw failure(method, reasonOf(error), error);
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof webApi.WebAPIPlatformError) return error.data.error;
  if (error instanceof webApi.WebAPIRateLimitedError) return `rate_limited (${error.retryAfter}s)`;
  if (error instanceof webApi.WebAPIHTTPError) return `http_${error.statusCode}`;
  if (error instanceof webApi.WebAPIRequestError) return 'request_failed';
  return 'unknown';
}

function failure(method: string, reason: string, cause?: unknown): RemoteServiceError {
  return new RemoteServiceError({
    code: 'slack_api_failed',
    message:
      `Slack's ${method} failed (${reason}); the send is retried. If it persists, check ` +
      'SLACK_BOT_TOKEN, the bot scopes and that the bot is in the channel.',
    details: { method, reason },
    cause,
  });
}
