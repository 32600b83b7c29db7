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

/**
 * Sends Dealwise's replies and pushes to Slack with `chat.postMessage`, in the thread the
 * address names; a push opens the direct chat with `conversations.open` first. Any Slack
 * failure is a RemoteServiceError, so the send job retries.
 */
export function createSlackClient(options: SlackClientOptions): ChannelClient {
  const { web, botToken } = options;

  const post = async (
    target: { channel: string; threadTs?: string | undefined },
    message: ReplyMessage,
    progress: SendProgress | undefined,
  ) => {
    const pieces = formatSlackReply(message);
    await sendPieces(pieces, progress, (piece) => postPiece(target, piece));
    options.logger.debug({ channel: target.channel, pieces: pieces.length }, 'slack reply sent');
  };

  const postPiece = async (
    target: { channel: string; threadTs?: string | undefined },
    piece: SlackMessage,
  ): Promise<void> => {
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
  };

  return {
    platform: 'slack',
    async reply(address: ChatAddress, message: ReplyMessage, progress?: SendProgress) {
      await post({ channel: address.chatId, threadTs: address.threadId }, message, progress);
    },
    async sendDirect(recipient: ChannelRecipient, message: ReplyMessage, progress?: SendProgress) {
      const opened = await call('conversations.open', () =>
        web.conversations.open({ token: botToken, users: recipient.userId }),
      );
      const channel = opened.channel?.id;
      if (!channel) throw failure('conversations.open', 'no_channel_returned');
      await post({ channel }, message, progress);
    },
  };
}

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
