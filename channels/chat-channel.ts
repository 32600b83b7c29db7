import type { Hono } from 'hono';
import type { Logger } from '../lib/logger.ts';
import type { ChannelClient } from '../messaging/channel-client.ts';
import type { InboundEvent, Platform } from '../messaging/inbound-event.ts';
import type { Receipt } from '../messaging/receive-inbound-event.ts';

/** What every channel adapter gets from the process hosting it. */
export interface ChannelDependencies {
  logger: Logger;
  /**
   * Stores a verified, normalized event and queues its processing. An adapter acknowledges
   * the platform only after this resolves; `duplicate` means a redelivery, ignored.
   */
  receive(event: InboundEvent): Promise<Receipt>;
  /** The clock for timestamp windows; tests pin it. */
  now?: () => Date;
}

/**
 * One chat platform, adapted to Dealwise. Inbound: verify the request (signature,
 * timestamp, secret) before anything else, parse it into InboundEvents, hand each to
 * `receive`, acknowledge fast; malformed input gets a 4xx, never a 5xx. Outbound: the
 * client formats and sends replies, proactive messages and buttons.
 */
export interface ChatChannel {
  readonly platform: Platform;
  /** The platform's webhook routes, mounted on the HTTP app (e.g. `POST /slack/events`). */
  readonly routes: Hono;
  readonly client: ChannelClient;
  /** How it receives, for the start-up log: "HTTP events at POST /slack/events". */
  readonly receiving: string;
  /** Starts receiving without a public URL (Socket Mode, long polling), where configured. */
  start?(): Promise<void>;
  stop?(): Promise<void>;
}
