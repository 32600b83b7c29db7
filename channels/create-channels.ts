import type { ChannelsConfig } from '../lib/channels-config.ts';
import type { Logger } from '../lib/logger.ts';
import type { ChannelClients, GroupChannelClient } from '../messaging/channel-client.ts';
import { PLATFORMS } from '../messaging/inbound-event.ts';
import type { ChannelDependencies, ChatChannel } from './chat-channel.ts';
import { createFeishuChannel } from './feishu/feishu-channel.ts';
import { createSlackChannel } from './slack/slack-channel.ts';
import { createTelegramChannel } from './telegram/telegram-channel.ts';
import { createWecomChannel } from './wecom/wecom-channel.ts';
import { createWecomRobotClient } from './wecom/wecom-robot-client.ts';

/** What turns a channel on, for the start-up log. */
const HOW_TO_ENABLE = {
  slack: 'set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode)',
  telegram: 'set TELEGRAM_BOT_TOKEN (and TELEGRAM_WEBHOOK_SECRET for a webhook)',
  wecom: 'set WECOM_CORP_ID, WECOM_AGENT_ID, WECOM_SECRET, WECOM_TOKEN, WECOM_ENCODING_AES_KEY',
  feishu: 'set FEISHU_APP_ID, FEISHU_APP_SECRET, FEISHU_VERIFICATION_TOKEN',
} as const;

/** The chat channels the configuration turns on, each ready to mount and start. */
export function createChannels(
  config: ChannelsConfig,
  dependencies: ChannelDependencies,
): ChatChannel[] {
  const channels: ChatChannel[] = [];
  if (config.slack) channels.push(createSlackChannel(config.slack, dependencies));
  if (config.telegram) channels.push(createTelegramChannel(config.telegram, dependencies));
  if (config.wecom) channels.push(createWecomChannel(config.wecom, dependencies));
  if (config.feishu) channels.push(createFeishuChannel(config.feishu, dependencies));
  return channels;
}

/** The outbound clients of the channels, by platform, for the jobs that send. */
export function channelClients(channels: readonly ChatChannel[]): ChannelClients {
  return Object.fromEntries(channels.map((channel) => [channel.platform, channel.client]));
}

/** The group chat for team-wide posts: the WeCom group robot, when its webhook is set. */
export function createGroupChannel(config: ChannelsConfig): GroupChannelClient | undefined {
  const webhookUrl = config.wecom?.robotWebhookUrl;
  return webhookUrl === undefined ? undefined : createWecomRobotClient({ webhookUrl });
}

/** Logs, for every platform, whether it is on and how it receives, or how to turn it on. */
export function logChannels(channels: readonly ChatChannel[], logger: Logger): void {
  for (const platform of PLATFORMS) {
    const channel = channels.find((candidate) => candidate.platform === platform);
    if (channel) logger.info({ channel: platform, receiving: channel.receiving }, 'channel on');
    else logger.info({ channel: platform, enable: HOW_TO_ENABLE[platform] }, 'channel off');
  }
}
