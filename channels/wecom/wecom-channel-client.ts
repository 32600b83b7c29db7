import { messageLanguage } from '../../agent/offline/message-language.ts';
import { ConfigurationError } from '../../lib/errors.ts';
import {
  type ChannelClient,
  type ChannelRecipient,
  type SendProgress,
  sendPieces,
} from '../../messaging/channel-client.ts';
import type { ReplyMessage } from '../../messaging/reply-message.ts';
import type { WecomApi } from './wecom-api.ts';
import { wecomConfirmCards } from './wecom-confirm-cards.ts';
import { formatWecomMarkdown } from './wecom-markdown.ts';

const SEND_PATH = '/cgi-bin/message/send';
const UPDATE_CARD_PATH = '/cgi-bin/message/update_template_card';

export interface WecomChannelClientOptions {
  api: WecomApi;
  corpId: string;
  /** The self-built app's AgentId, as configured (digits). */
  agentId: string;
}

/**
 * Sends Dealwise's replies as the WeCom app: the text and sources as markdown messages of at
 * most 2048 bytes each, then one button card per prepared write, whose buttons turn into a
 * "已处理 / Done" label once pressed. App messages are one-to-one, so a reply and a proactive
 * message both go to one member's UserID.
 */
export function createWecomChannelClient(options: WecomChannelClientOptions): ChannelClient {
  // Limitation: markdown shows only in the WeCom client, not to members using the WeChat plugin.
  const agentid = Number(options.agentId);

  const send = async (
    touser: string,
    message: ReplyMessage,
    progress: SendProgress | undefined,
  ): Promise<void> => {
    const pieces = [
      ...formatWecomMarkdown(message).map((content) => ({
        msgtype: 'markdown',
        markdown: { content },
      })),
      ...wecomConfirmCards(message).map((card) => ({
        msgtype: 'template_card',
        template_card: card,
      })),
    ];
    await sendPieces(pieces, progress, (piece) =>
      options.api.post(SEND_PATH, { touser, agentid, ...piece }).then(() => undefined),
    );
  };

  return {
    platform: 'wecom',
    reply: (address, message, progress) => send(address.chatId, message, progress),
    sendDirect: async (recipient, message, progress) =>
      send(checkedRecipient(recipient, options.corpId), message, progress),
    // Each write has a card of its own: the pressed one is settled by its ResponseCode, and
    // the cards of the other writes keep their buttons.
    updateButtons: async (address, message) => {
      if (address.messageId === undefined) return;
      const done = messageLanguage(message.text) === 'zh' ? '已处理' : 'Done';
      await options.api.post(UPDATE_CARD_PATH, {
        userids: [address.chatId],
        agentid,
        response_code: address.messageId,
        button: { replace_name: done },
      });
    },
  };
}

function checkedRecipient(recipient: ChannelRecipient, corpId: string): string {
  if (recipient.workspaceId === corpId) return recipient.userId;
  throw new ConfigurationError({
    code: 'wecom_corp_mismatch',
    message:
      'The message is for a member of another WeCom corp than WECOM_CORP_ID; ' +
      'the user must link their account again in this corp.',
    details: { workspaceId: recipient.workspaceId },
  });
}
