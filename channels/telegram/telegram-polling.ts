import { setTimeout as sleep } from 'node:timers/promises';
import type { BotError } from 'grammy';
import { ConfigurationError, InputError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { toTelegramError } from './telegram-api-error.ts';
import type { TelegramBot } from './telegram-bot.ts';

/**
 * Waits before trying again to store an update that failed, e.g. while the database is down;
 * the last wait repeats until the update is stored or polling stops.
 */
const DEFAULT_RETRY_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 16_000];

/** What long polling needs. */
export interface TelegramPollingOptions {
  telegram: TelegramBot;
  logger: Logger;
  /** Waits before each new attempt at an update that could not be stored; the last repeats. */
  retryDelaysMs?: readonly number[] | undefined;
}

/** Long polling, started and stopped with the process. */
export interface TelegramPolling {
  /**
   * Resolves once polling runs (the bot is known, any webhook deleted), or at once when
   * Telegram is unreachable, polling then starting in the background; a rejected token throws.
   */
  start(): Promise<void>;
  /** Stops polling after the update in hand and confirms what was handled. */
  stop(): Promise<void>;
}

/**
 * Receives updates with `getUpdates` instead of a webhook, for running without a public URL.
 * grammY deletes any registered webhook first; the bot's handlers are the webhook's. Updates
 * are handled one at a time, and the next `getUpdates` confirms them to Telegram.
 */
export function createTelegramPolling(options: TelegramPollingOptions): TelegramPolling {
  const { bot } = options.telegram;
  const retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  let running: Promise<void> | undefined;
  let stopping = new AbortController();

  bot.catch((failure) =>
    retryUpdate(failure, { ...options, retryDelaysMs, signal: stopping.signal }),
  );

  const launch = (started: () => void = () => {}, failed: (error: unknown) => void = () => {}) => {
    running = bot
      .start({
        allowed_updates: ['message', 'callback_query'],
        onStart: (me) => {
          options.logger.info({ username: me.username }, 'telegram long polling started');
          started();
        },
      })
      .catch((error: unknown) => {
        const failure = toTelegramError(error, { method: 'getUpdates' });
        options.logger.error({ err: failure }, 'telegram long polling stopped');
        failed(failure);
      });
  };

  return {
    async start(): Promise<void> {
      stopping = new AbortController();
      try {
        await options.telegram.identify();
      } catch (error) {
        if (error instanceof ConfigurationError) throw error;
        // grammY keeps trying to reach Telegram; the rest of the server need not wait for it.
        options.logger.warn({ err: error }, 'telegram unreachable; long polling keeps trying');
        launch();
        return;
      }
      await new Promise<void>((resolve, reject) => launch(resolve, reject));
    },

    async stop(): Promise<void> {
      stopping.abort();
      try {
        await bot.stop();
      } catch (error) {
        // Unconfirmed updates come again at the next start; the store ignores them then.
        const failure = toTelegramError(error, { method: 'getUpdates' });
        options.logger.warn({ err: failure }, 'telegram could not confirm the last updates');
      }
      await running;
      running = undefined;
    },
  };
}

/**
 * Tries again to store an update whose handler failed, until it is stored or polling stops,
 * since Telegram will not send it again once the next `getUpdates` confirms it; the updates
 * behind it wait. Malformed updates are skipped.
 */
async function retryUpdate(
  failure: BotError,
  options: TelegramPollingOptions & { retryDelaysMs: readonly number[]; signal: AbortSignal },
): Promise<void> {
  const { bot } = options.telegram;
  const updateId = failure.ctx.update.update_id;
  if (failure.error instanceof InputError) {
    options.logger.warn({ updateId, code: failure.error.code }, 'telegram update skipped');
    return;
  }

  let lastError = failure.error;
  for (let attempt = 0; !options.signal.aborted; attempt += 1) {
    const delayMs = options.retryDelaysMs[Math.min(attempt, options.retryDelaysMs.length - 1)];
    options.logger.warn(
      { updateId, err: lastError, delayMs },
      'telegram update not stored; retrying',
    );
    await sleep(delayMs ?? 1_000, undefined, { signal: options.signal }).catch(() => {});
    if (options.signal.aborted) break;
    try {
      await bot.handleUpdate(failure.ctx.update);
      return;
    } catch (error) {
      lastError = (error as BotError).error ?? error;
    }
  }
  // Limitation: an update still unstored when polling stops is lost; a webhook would resend it.
  options.logger.error({ updateId, err: lastError }, 'telegram update lost at shutdown');
}
