import type { SlackConfig } from '../../lib/channels-config.ts';
import type { ChannelDependencies, ChatChannel } from '../chat-channel.ts';
import { createSlackBoltApp } from './slack-bolt-app.ts';
import { createSlackClient } from './slack-client.ts';
import { SLACK_EVENTS_PATH, slackEventsRoute } from './slack-events-route.ts';
import { registerSlackListeners } from './slack-listeners.ts';
import { createSlackSocketMode, type SlackSocketMode } from './slack-socket-mode.ts';

/**
 * The Slack channel: `POST /slack/events` (when a signing secret is set) and Socket Mode
 * (when an app token is set, started by `start`), both feeding the same Bolt listeners;
 * replies and pushes through Bolt's Web API client.
 */
export function createSlackChannel(
  config: SlackConfig,
  dependencies: ChannelDependencies,
): ChatChannel {
  const logger = dependencies.logger.child({ module: 'slack' });
  const now = dependencies.now ?? (() => new Date());
  const bolt = createSlackBoltApp(config, logger);
  registerSlackListeners(bolt.app, { receive: dependencies.receive, now, logger });

  const routes = slackEventsRoute({
    signingSecret: config.signingSecret,
    dispatch: bolt.dispatch,
    logger,
    now,
  });
  const client = createSlackClient({ web: bolt.app.client, botToken: config.botToken, logger });
  const socketMode = config.appToken
    ? createSlackSocketMode({
        appToken: config.appToken,
        apiUrl: bolt.app.webClientOptions.slackApiUrl ?? config.apiUrl,
        dispatch: bolt.dispatch,
        logger,
      })
    : undefined;

  return {
    platform: 'slack',
    routes,
    client,
    receiving: describeReceiving(config),
    ...(socketMode ? socketModeLifecycle(socketMode) : {}),
  };
}

function socketModeLifecycle(socketMode: SlackSocketMode): Pick<ChatChannel, 'start' | 'stop'> {
  return { start: () => socketMode.start(), stop: () => socketMode.stop() };
}

function describeReceiving(config: SlackConfig): string {
  const ways = [
    config.signingSecret ? `HTTP events at POST ${SLACK_EVENTS_PATH}` : undefined,
    config.appToken ? 'Socket Mode' : undefined,
  ];
  return ways.filter((way) => way !== undefined).join(' and ');
}
