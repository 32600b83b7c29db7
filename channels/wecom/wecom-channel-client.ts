import { ConfigurationError } from '../../lib/errors.ts';
import type { ChannelClient, ChannelRecipient } from '../../messaging/channel-client.ts';
import type { ReplyMessage } from '../../messaging/reply-message.ts';
import type { WecomApi } from './wecom-api.ts';
import { wecomConfirmCards } from './wecom-confirm-cards.ts';
import { formatWecomMarkdown } from './wecom-markdown.ts';

const SEND_PATH = '/cgi-bin/message/send';

export interface WecomChannelClientOptions {
  api: WecomApi;
  corpId: string;
  /** The self-built app's AgentId, as configured (digits). */
  agentId: string;
}

/**
 * Sends Dealwise's replies as the WeCom app: the text and sources as markdown messages of at
 * most 2048 bytes each, then one button card per prepared write. App messages are one-to-one,
 * so a reply and a proactive message both go to one member's UserID.
 */
export function createWecomChannelClient(options: WecomChannelClientOptions): ChannelClient {
  // Limitation: markdown shows only in the WeCom client, not to members using the WeChat plugin.
  // Limitation: a retry after a partly sent split reply sends its first pieces again.
  const agentid = Number(options.agentId);

  const send = async (touser: string, message: ReplyMessage): Promise<void> => {
    for (const content of formatWecomMarkdown(message)) {
      await options.api.post(SEND_PATH, {
        touser,
        msgtype: 'markdown',
        agentid,
        markdown: { content },
      });
    }
    for (const card of wecomConfirmCards(message)) {
      await options.api.post(SEND_PATH, {
        touser,
        msgtype: 'template_card',
        agentid,
        template_card: card,
      });
    }
  };

  return {
    platform: 'wecom',
    reply: (address, message) => send(address.chatId, message),
    sendDirect: async (recipient, message) =>
      send(checkedRecipient(recipient, options.corpId), message),
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
