import { setTimeout as sleep } from 'node:timers/promises';
import { type App, type ReceiverEvent, SocketModeReceiver, webApi } from '@slack/bolt';
import { ConfigurationError, InputError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { boltLogger } from './bolt-logger.ts';
import type { BoltOutcome, SlackDelivery } from './slack-bolt-app.ts';
import { classifySlackBody, type SlackBodySource } from './slack-payload.ts';

export interface SlackSocketModeOptions {
  /** The app-level token (`xapp-...`) with `connections:write`. */
  appToken: string;
  /** The Web API base URL, for `apps.connections.open`. */
  apiUrl: string;
  dispatch(delivery: SlackDelivery): Promise<BoltOutcome>;
  logger: Logger;
  /**
   * How long `start` waits for the connection before it returns and lets the connection
   * come up in the background. Default 10 s.
   */
  connectWaitMs?: number;
}

/** A Socket Mode session: opened by `start`, closed by `stop`. */
export interface SlackSocketMode {
  /**
   * Connects; throws a ConfigurationError when Slack rejects the app token. When Slack cannot
   * be reached in time, it returns and the connection keeps trying in the background, so
   * the rest of Dealwise starts anyway.
   */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Slack's errors for an app token it will never accept as it is. */
const TOKEN_REJECTED = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
]);
const CONNECT_WAIT_MS = 10_000;

const ENVELOPE_SOURCES: Record<string, SlackBodySource> = {
  events_api: 'events_api',
  slash_commands: 'slash_commands',
  interactive: 'interactive',
};

/**
 * Receives Slack over Socket Mode with Bolt's SocketModeReceiver, through the same checks and
 * listeners as HTTP events. An envelope is acknowledged only once its event is stored; one
 * that could not be stored is left unacknowledged so Slack delivers it again, while a
 * malformed one is acknowledged and dropped.
 */
export function createSlackSocketMode(options: SlackSocketModeOptions): SlackSocketMode {
  const logger = options.logger;
  const receiver = new SocketModeReceiver({
    appToken: options.appToken,
    logger: boltLogger(logger),
    installerOptions: { clientOptions: { slackApiUrl: options.apiUrl } },
    customPropertiesExtractor: (envelope) => ({ envelopeType: envelope.type }),
    processEventErrorHandler: async ({ error }) => {
      const malformed = error instanceof InputError;
      if (malformed) logger.warn({ code: error.code }, 'slack socket envelope refused');
      else logger.error({ err: error }, 'slack socket envelope failed; Slack will redeliver');
      return malformed;
    },
  });

  // The receiver calls `processEvent` of the app it is given; this one checks the body and
  // acknowledges only after Bolt's listeners have stored the event.
  receiver.init({
    processEvent: (event: ReceiverEvent) => deliver(event, options),
  } as unknown as App);

  return {
    async start() {
      const connecting = receiver.start().then(
        () => logger.info('slack socket mode connected'),
        (error: unknown) => {
          throw socketModeFailure(error);
        },
      );
      if (await settlesWithin(connecting, options.connectWaitMs ?? CONNECT_WAIT_MS)) return;
      logger.warn('slack socket mode not connected yet; it keeps trying in the background');
      connecting.catch((error: unknown) =>
        logger.error({ err: error }, 'slack socket mode could not connect'),
      );
    },
    async stop() {
      await receiver.stop();
    },
  };
}

/** Whether the promise settles within `ms`; a rejection within it is thrown. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  const timer = new AbortController();
  try {
    return await Promise.race([
      promise.then(() => true),
      sleep(ms, false, { signal: timer.signal }),
    ]);
  } finally {
    timer.abort();
  }
}

/** A rejected app token as a ConfigurationError that says what to do; anything else as is. */
function socketModeFailure(error: unknown): unknown {
  if (!(error instanceof webApi.WebAPIPlatformError)) return error;
  const reason = error.data.error;
  if (!TOKEN_REJECTED.has(reason)) return error;
  return new ConfigurationError({
    code: 'slack_app_token_rejected',
    message:
      `Slack rejected SLACK_APP_TOKEN (${reason}); create an app-level token with the ` +
      'connections:write scope under Basic Information → App-Level Tokens, or unset it to ' +
      'receive Slack over HTTP.',
    details: { reason },
    cause: error,
  });
}

async function deliver(event: ReceiverEvent, options: SlackSocketModeOptions): Promise<void> {
  const envelopeType = String(event.customProperties?.envelopeType ?? '');
  const source = ENVELOPE_SOURCES[envelopeType];
  if (source === undefined) {
    await event.ack();
    return;
  }

  const payload = classifySlackBody(event.body, source);
  if (payload.kind === 'ignored' || payload.kind === 'url_verification') {
    await event.ack();
    return;
  }

  const outcome = await options.dispatch({
    body: payload.body,
    retryNum: event.retryNum,
    retryReason: event.retryReason,
  });
  await event.ack(outcome.response);
}
