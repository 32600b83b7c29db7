import { createHash } from 'node:crypto';
import {
  type ChannelClient,
  type ChannelRecipient,
  type SendProgress,
  sendPieces,
} from '../../messaging/channel-client.ts';
import type { ChatAddress } from '../../messaging/inbound-event.ts';
import type { ReplyMessage } from '../../messaging/reply-message.ts';
import type { FeishuApi } from './feishu-api.ts';
import { type FeishuCard, feishuCards } from './feishu-card.ts';

const MESSAGES_PATH = '/open-apis/im/v1/messages';

/** Where a card goes: a reply to a message, or a new message in a chat or to a user. */
type Target =
  | { kind: 'reply'; messageId: string }
  | { kind: 'create'; receiveIdType: 'chat_id' | 'open_id'; receiveId: string };

/**
 * Sends Dealwise's messages to Feishu as cards: replies quote the message they answer when its
 * id is known, else go to the chat; proactive messages go to the user's open_id. A pressed
 * card is redrawn with the buttons still open.
 */
export function createFeishuChannelClient(options: { api: FeishuApi }): ChannelClient {
  const send = async (
    target: Target,
    message: ReplyMessage,
    progress: SendProgress | undefined,
  ): Promise<void> => {
    await sendPieces(feishuCards(message), progress, (card, index) =>
      sendCard(options.api, { target, card, index }),
    );
  };

  return {
    platform: 'feishu',
    async reply(address: ChatAddress, message: ReplyMessage, progress?: SendProgress) {
      const target: Target = address.messageId
        ? { kind: 'reply', messageId: address.messageId }
        : { kind: 'create', receiveIdType: 'chat_id', receiveId: address.chatId };
      await send(target, message, progress);
    },
    async sendDirect(recipient: ChannelRecipient, message: ReplyMessage, progress?: SendProgress) {
      // Limitation: one self-built app serves one tenant; recipient.workspaceId is not used.
      await send(
        { kind: 'create', receiveIdType: 'open_id', receiveId: recipient.userId },
        message,
        progress,
      );
    },
    async updateButtons(address: ChatAddress, message: ReplyMessage) {
      // The buttons sit on the last card, the one that was pressed; a shared card is redrawn
      // whole, for everyone in the chat.
      const card = feishuCards(message).at(-1);
      if (!card || address.messageId === undefined) return;
      await options.api.request({
        method: 'PATCH',
        path: `${MESSAGES_PATH}/${encodeURIComponent(address.messageId)}`,
        body: { content: JSON.stringify(card) },
      });
    },
  };
}

async function sendCard(
  api: FeishuApi,
  options: { target: Target; card: FeishuCard; index: number },
): Promise<void> {
  const { target } = options;
  const content = JSON.stringify(options.card);
  const body = { msg_type: 'interactive', content, uuid: idempotencyKey({ ...options, content }) };

  if (target.kind === 'reply') {
    const path = `${MESSAGES_PATH}/${encodeURIComponent(target.messageId)}/reply`;
    await api.request({ method: 'POST', path, body });
    return;
  }
  await api.request({
    method: 'POST',
    path: MESSAGES_PATH,
    query: { receive_id_type: target.receiveIdType },
    body: { ...body, receive_id: target.receiveId },
  });
}

/**
 * The `uuid` Feishu deduplicates sends by for an hour: the same card to the same place, so a
 * send job retried after a partial failure does not post the cards that already went out.
 */
function idempotencyKey(options: { target: Target; index: number; content: string }): string {
  return createHash('sha256')
    .update(JSON.stringify([options.target, options.index, options.content]))
    .digest('hex')
    .slice(0, 32);
}
