import type { WecomConfig } from '../../lib/channels-config.ts';
import type { ChannelDependencies, ChatChannel } from '../chat-channel.ts';
import { createWecomApi } from './wecom-api.ts';
import { WECOM_CALLBACK_PATH, wecomCallbackRoutes } from './wecom-callback-routes.ts';
import { createWecomChannelClient } from './wecom-channel-client.ts';
import { parseWecomEncodingAesKey } from './wecom-crypto.ts';

/**
 * The WeCom (企业微信) self-built app channel: callbacks at GET and POST /wecom/callback, replies
 * and proactive messages through the WeCom API. Throws a ConfigurationError at once when the
 * EncodingAESKey cannot be a key.
 */
export function createWecomChannel(
  config: WecomConfig,
  dependencies: ChannelDependencies,
): ChatChannel {
  parseWecomEncodingAesKey(config.encodingAesKey);
  const api = createWecomApi({
    apiBase: config.apiBase,
    corpId: config.corpId,
    secret: config.secret,
    now: dependencies.now,
  });

  return {
    platform: 'wecom',
    routes: wecomCallbackRoutes({ config, dependencies }),
    client: createWecomChannelClient({ api, corpId: config.corpId, agentId: config.agentId }),
    receiving: `WeCom app ${config.agentId} callbacks at GET and POST ${WECOM_CALLBACK_PATH}`,
  };
}
