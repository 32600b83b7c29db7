import type { FeishuConfig } from '../../lib/channels-config.ts';
import type { ChannelDependencies, ChatChannel } from '../chat-channel.ts';
import { createFeishuApi } from './feishu-api.ts';
import { createFeishuBotIdentity } from './feishu-bot-identity.ts';
import { createFeishuChannelClient } from './feishu-channel-client.ts';
import { FEISHU_EVENTS_PATH, feishuRoutes } from './feishu-routes.ts';

/**
 * The Feishu (飞书) or Lark channel: events and card button presses at `POST /feishu/events`,
 * replies and proactive messages as cards through the open API of the configured domain.
 */
export function createFeishuChannel(
  config: FeishuConfig,
  dependencies: ChannelDependencies,
): ChatChannel {
  const logger = dependencies.logger.child({ module: 'feishu' });
  const api = createFeishuApi({
    appId: config.appId,
    appSecret: config.appSecret,
    apiBase: config.apiBase,
  });
  const botIdentity = createFeishuBotIdentity({ api, logger });
  const security = config.encryptKey
    ? 'signed and encrypted'
    : 'Verification Token only; set FEISHU_ENCRYPT_KEY to sign and encrypt';
  const receiving = `events and card callbacks at POST ${FEISHU_EVENTS_PATH}`;

  return {
    platform: 'feishu',
    routes: feishuRoutes({ config, dependencies, botIdentity }),
    client: createFeishuChannelClient({ api }),
    receiving: `${receiving} (${config.domain}, ${security})`,
  };
}
