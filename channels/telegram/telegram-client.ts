import { type Api, GrammyError } from 'grammy';
import {
  type ChannelClient,
  type ChannelRecipient,
  type SendProgress,
  sendPieces,
} from '../../messaging/channel-client.ts';
import type { ChatAddress } from '../../messaging/inbound-event.ts';
import type { ReplyMessage } from '../../messaging/reply-message.ts';
import { formatTelegramReply, type TelegramOutgoingMessage } from './format-telegram-reply.ts';
import { toTelegramError } from './telegram-api-error.ts';

/** Where one formatted message goes. */
interface Destination {
  chatId: string;
  /** A forum topic's `message_thread_id`. */
  threadId: string | undefined;
  /** The message the first piece replies to, in groups. */
  replyTo: string | undefined;
}

/**
 * The Telegram ChannelClient: replies in the chat (and forum topic) an event came from,
 * replying to the asked message in groups, writes to linked users in their private chat
 * with the bot, and redraws a pressed message's keyboard. A failed call throws a
 * RemoteServiceError at once; the job retries it.
 */
export function createTelegramClient(api: Api): ChannelClient {
  return {
    platform: 'telegram',

    async reply(address: ChatAddress, message: ReplyMessage, progress?: SendProgress) {
      const destination = {
        chatId: address.chatId,
        threadId: address.threadId,
        replyTo: address.direct ? undefined : address.messageId,
      };
      await sendAll(api, formatTelegramReply(message), destination, progress);
    },

    async sendDirect(recipient: ChannelRecipient, message: ReplyMessage, progress?: SendProgress) {
      // A user's private chat with the bot has the user's id; it exists once they pressed Start.
      const destination = { chatId: recipient.userId, threadId: undefined, replyTo: undefined };
      await sendAll(api, formatTelegramReply(message), destination, progress);
    },

    async updateButtons(address: ChatAddress, message: ReplyMessage) {
      if (address.messageId === undefined) return;
      // The keyboard sits under the last piece, the message that was pressed.
      const keyboard = formatTelegramReply(message).at(-1)?.keyboard;
      try {
        await api.editMessageReplyMarkup(address.chatId, Number(address.messageId), {
          ...(keyboard ? { reply_markup: { inline_keyboard: keyboard } } : {}),
        });
      } catch (error) {
        // A second press, or a retry after a timeout, finds the keyboard already redrawn.
        if (error instanceof GrammyError && error.description.includes('not modified')) return;
        throw toTelegramError(error, { method: 'editMessageReplyMarkup', chatId: address.chatId });
      }
    },
  };
}

async function sendAll(
  api: Api,
  messages: readonly TelegramOutgoingMessage[],
  destination: Destination,
  progress: SendProgress | undefined,
): Promise<void> {
  await sendPieces(messages, progress, async (message, index) => {
    const replyTo = index === 0 ? destination.replyTo : undefined;
    await send(api, message, { ...destination, replyTo });
  });
}

async function send(
  api: Api,
  message: TelegramOutgoingMessage,
  destination: Destination,
): Promise<void> {
  try {
    await api.sendMessage(destination.chatId, message.html, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...(destination.threadId ? { message_thread_id: Number(destination.threadId) } : {}),
      ...(destination.replyTo
        ? {
            reply_parameters: {
              message_id: Number(destination.replyTo),
              allow_sending_without_reply: true,
            },
          }
        : {}),
      ...(message.keyboard ? { reply_markup: { inline_keyboard: message.keyboard } } : {}),
    });
  } catch (error) {
    throw toTelegramError(error, { method: 'sendMessage', chatId: destination.chatId });
  }
}
