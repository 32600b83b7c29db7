import { App, type Receiver, type ReceiverEvent } from '@slack/bolt';
import type { SlackConfig } from '../../lib/channels-config.ts';
import type { Logger } from '../../lib/logger.ts';
import { boltLogger } from './bolt-logger.ts';
import { botUserIdOf } from './slack-inbound-event.ts';
import type { SlackEventEnvelope } from './slack-payload.ts';

/** How long one Web API call may take; the job queue retries, so the client does not. */
const WEB_API_TIMEOUT_MS = 10_000;

/** A body checked by classifySlackBody, with Slack's redelivery headers. */
export interface SlackDelivery {
  body: Record<string, unknown>;
  retryNum?: number | undefined;
  retryReason?: string | undefined;
}

/** What Bolt's listeners made of a delivery: whether one acknowledged, and with what. */
export interface BoltOutcome {
  acknowledged: boolean;
  /** The acknowledgement's body (the slash command's ephemeral text), if any. */
  response: unknown;
}

/** A Bolt App whose deliveries Dealwise's own HTTP route and Socket Mode connection make. */
export interface SlackBoltApp {
  app: App;
  /**
   * Runs a delivery through Bolt's middleware and listeners and resolves once they are done,
   * i.e. once the event is stored, so the caller acknowledges Slack only then. A listener's
   * error rejects it.
   */
  dispatch(delivery: SlackDelivery): Promise<BoltOutcome>;
}

/**
 * Creates the Bolt App: a receiver that only hands deliveries in, an authorize step that
 * makes no network call (the bot token from the configuration, the bot's user id from the
 * event's authorizations), no in-memory conversation store, and a Web API client at the
 * configured API URL with no retries of its own and a short timeout.
 */
export function createSlackBoltApp(config: SlackConfig, logger: Logger): SlackBoltApp {
  const app = new App({
    receiver: new DeliveryReceiver(),
    authorize: async (source, body) => ({
      botToken: config.botToken,
      botUserId: isEnvelope(body) ? botUserIdOf(body) : undefined,
      teamId: source.teamId,
    }),
    logger: boltLogger(logger),
    convoStore: false,
    clientOptions: {
      slackApiUrl: withTrailingSlash(config.apiUrl),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: WEB_API_TIMEOUT_MS,
    },
  });
  app.error(async (error) => {
    throw originalOf(error);
  });

  return { app, dispatch: (delivery) => dispatchToBolt(app, delivery) };
}

async function dispatchToBolt(app: App, delivery: SlackDelivery): Promise<BoltOutcome> {
  const outcome: BoltOutcome = { acknowledged: false, response: undefined };
  const event: ReceiverEvent = {
    ...delivery,
    ack: async (response?: unknown) => {
      outcome.acknowledged = true;
      outcome.response = response;
    },
  };

  await app.processEvent(event);
  return outcome;
}

/** Bolt needs a receiver; deliveries come through `dispatch`, so this one only starts nothing. */
class DeliveryReceiver implements Receiver {
  init(): void {}

  async start(): Promise<void> {}

  async stop(): Promise<void> {}
}

/** Bolt wraps errors without a `code`; the route wants the one a listener threw. */
function originalOf(error: Error & { original?: unknown }): unknown {
  return error.original ?? error;
}

function isEnvelope(body: unknown): body is SlackEventEnvelope {
  return typeof body === 'object' && body !== null && 'event' in body;
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
