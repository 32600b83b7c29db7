import type { ReplyMessage } from '../../messaging/reply-message.ts';
import { requestWecom, wecomRefusal } from './wecom-http.ts';
import { formatWecomMarkdown, WECOM_ROBOT_MARKDOWN_MAX_BYTES } from './wecom-markdown.ts';

/** A WeCom group robot (群机器人): pushes to a whole group chat through its webhook. */
export interface WecomRobotClient {
  /**
   * Posts a message to the robot's group as markdown, split into pieces of at most 4096 bytes;
   * buttons are left out, as a robot's messages cannot call back. Throws a RemoteServiceError
   * when WeCom refuses or fails.
   */
  push(message: Pick<ReplyMessage, 'text' | 'citations'>): Promise<void>;
}

export interface WecomRobotClientOptions {
  /** `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...`; a secret, never logged. */
  webhookUrl: string;
  timeoutMs?: number;
}

/** A client for one group robot's webhook (WECOM_ROBOT_WEBHOOK_URL). */
export function createWecomRobotClient(options: WecomRobotClientOptions): WecomRobotClient {
  // Limitation: WeCom allows a robot 20 messages a minute; a burst beyond that is refused.
  const timeoutMs = options.timeoutMs ?? 10_000;
  const what = 'a group robot message';

  return {
    async push(message) {
      for (const content of formatWecomMarkdown(message, WECOM_ROBOT_MARKDOWN_MAX_BYTES)) {
        const body = { msgtype: 'markdown', markdown: { content } };
        const result = await requestWecom(options.webhookUrl, {
          what,
          method: 'POST',
          body,
          timeoutMs,
        });
        if (result.errcode !== 0) {
          throw wecomRefusal(what, result, ' Check WECOM_ROBOT_WEBHOOK_URL.');
        }
      }
    },
  };
}
