import type { App } from '@slack/bolt';
import type { Logger } from '../../lib/logger.ts';
import type { InboundEvent } from '../../messaging/inbound-event.ts';
import type { Receipt } from '../../messaging/receive-inbound-event.ts';
import {
  buttonEvent,
  commandEvent,
  directMessageEvent,
  mentionEvent,
} from './slack-inbound-event.ts';
import type {
  SlackBlockActionsBody,
  SlackCommandBody,
  SlackEventEnvelope,
} from './slack-payload.ts';

/** What the listeners hand verified events to. */
export interface SlackListenerOptions {
  receive(event: InboundEvent): Promise<Receipt>;
  now: () => Date;
  logger: Logger;
}

/** The ephemeral answer to a slash command; the real answer follows with chat.postMessage. */
export const COMMAND_ACKNOWLEDGEMENT = {
  response_type: 'ephemeral',
  text: 'Working on it… 正在处理…',
} as const;

/** Button presses Dealwise answers: its confirm and cancel buttons. */
const DEALWISE_BUTTONS = /^dealwise_(confirm|cancel)$/;

/**
 * Registers Dealwise's Bolt listeners: mentions in channels, direct messages, the slash
 * command and the confirm/cancel buttons. Each turns its payload into an InboundEvent and
 * hands it to `receive` before acknowledging; what it ignores is acknowledged untouched.
 * Bodies reach Bolt already checked by classifySlackBody, hence the casts.
 */
export function registerSlackListeners(app: App, options: SlackListenerOptions): void {
  app.event('app_mention', async ({ body, event }) => {
    const envelope = body as unknown as SlackEventEnvelope;
    await deliver(options, mentionEvent(envelope, asRecord(event), options.now()));
  });

  app.message(async ({ body, message }) => {
    const envelope = body as unknown as SlackEventEnvelope;
    await deliver(options, directMessageEvent(envelope, asRecord(message), options.now()));
  });

  app.command(/^\//, async ({ body, ack }) => {
    await deliver(options, commandEvent(body as unknown as SlackCommandBody, options.now()));
    await ack(COMMAND_ACKNOWLEDGEMENT);
  });

  app.action(DEALWISE_BUTTONS, async ({ body, action, ack }) => {
    const press = action as { action_id: string; value?: string };
    const interaction = body as unknown as SlackBlockActionsBody;
    await deliver(options, buttonEvent(interaction, press, options.now()));
    await ack();
  });
}

async function deliver(
  options: SlackListenerOptions,
  event: InboundEvent | undefined,
): Promise<void> {
  if (event === undefined) return;
  const receipt = await options.receive(event);
  options.logger.debug(
    { dedupeKey: event.dedupeKey, body: event.body.type, receipt },
    'slack event received',
  );
}

function asRecord(value: unknown): Record<string, unknown> {
  return value as Record<string, unknown>;
}
