import { type App, type ReceiverEvent, SocketModeReceiver } from '@slack/bolt';
import { InputError } from '../../lib/errors.ts';
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
}

/** A Socket Mode session: opened by `start`, closed by `stop`. */
export interface SlackSocketMode {
  start(): Promise<void>;
  stop(): Promise<void>;
}

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
      await receiver.start();
      logger.info('slack socket mode connected');
    },
    async stop() {
      await receiver.stop();
    },
  };
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
