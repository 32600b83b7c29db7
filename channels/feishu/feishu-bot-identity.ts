import type { Logger } from '../../lib/logger.ts';
import type { FeishuApi } from './feishu-api.ts';

/** Who the bot is in Feishu, to tell a mention of the bot from a mention of someone else. */
export interface FeishuBotIdentity {
  /** The bot's open_id, looked up once; undefined while Feishu cannot be asked. */
  openId(): Promise<string | undefined>;
}

/**
 * Looks the bot's open_id up with `GET /open-apis/bot/v3/info` the first time it is needed and
 * keeps it; a failed lookup is logged and tried again on the next message.
 */
export function createFeishuBotIdentity(options: {
  api: FeishuApi;
  logger: Logger;
}): FeishuBotIdentity {
  let known: string | undefined;
  let pending: Promise<string | undefined> | undefined;

  const lookUp = async (): Promise<string | undefined> => {
    try {
      const response = await options.api.request({ method: 'GET', path: '/open-apis/bot/v3/info' });
      const bot = response.bot as { open_id?: unknown } | undefined;
      if (typeof bot?.open_id === 'string' && bot.open_id.length > 0) known = bot.open_id;
      else options.logger.warn('Feishu bot info has no open_id; is the bot capability on?');
    } catch (error) {
      options.logger.warn({ err: error }, 'looking up the Feishu bot open_id failed');
    }
    return known;
  };

  return {
    async openId() {
      if (known !== undefined) return known;
      pending ??= lookUp().finally(() => {
        pending = undefined;
      });
      return pending;
    },
  };
}
