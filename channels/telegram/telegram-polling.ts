import { setTimeout as sleep } from 'node:timers/promises';
import type { BotError } from 'grammy';
import { ConfigurationError, InputError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { toTelegramError } from './telegram-api-error.ts';
import type { TelegramBot } from './telegram-bot.ts';

/** Waits before trying again to store an update that failed, e.g. while the database is down. */
const DEFAULT_RETRY_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 16_000];

/** What long polling needs. */
export interface TelegramPollingOptions {
  telegram: TelegramBot;
  logger: Logger;
  /** Waits before each new attempt at an update that could not be stored. */
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

  bot.catch((failure) => retryUpdate(failure, { ...options, retryDelaysMs }));

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
 * Tries again to store an update whose handler failed, while polling runs, since Telegram
 * will not send it again once the next `getUpdates` confirms it. Malformed updates are skipped.
 */
async function retryUpdate(
  failure: BotError,
  options: TelegramPollingOptions & { retryDelaysMs: readonly number[] },
): Promise<void> {
  const { bot } = options.telegram;
  const updateId = failure.ctx.update.update_id;
  if (failure.error instanceof InputError) {
    options.logger.warn({ updateId, code: failure.error.code }, 'telegram update skipped');
    return;
  }

  let lastError = failure.error;
  for (const delayMs of options.retryDelaysMs) {
    options.logger.warn(
      { updateId, err: lastError, delayMs },
      'telegram update not stored; retrying',
    );
    await sleep(delayMs);
    if (!bot.isRunning()) break;
    try {
      await bot.handleUpdate(failure.ctx.update);
      return;
    } catch (error) {
      lastError = (error as BotError).error ?? error;
    }
  }
  // Limitation: an update still failing after the retries is lost; a webhook would redeliver it.
  options.logger.error({ updateId, err: lastError }, 'telegram update lost');
}
