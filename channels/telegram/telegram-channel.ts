import type { UserFromGetMe } from 'grammy/types';
import { Hono } from 'hono';
import type { TelegramConfig } from '../../lib/channels-config.ts';
import { ConfigurationError } from '../../lib/errors.ts';
import type { ChannelDependencies, ChatChannel } from '../chat-channel.ts';
import { toTelegramError } from './telegram-api-error.ts';
import { createTelegramBot, type TelegramBot } from './telegram-bot.ts';
import { createTelegramClient } from './telegram-client.ts';
import { createTelegramPolling } from './telegram-polling.ts';
import { TELEGRAM_WEBHOOK_PATH, telegramWebhookRoutes } from './telegram-webhook.ts';
import { assertTelegramSecretToken } from './verify-telegram-request.ts';

/** Knobs for tests; production passes none. */
export interface TelegramChannelOptions {
  /** The bot's `getMe`, to skip asking Telegram for it. */
  botInfo?: UserFromGetMe | undefined;
  /** Waits before each new attempt at a polled update that could not be stored. */
  pollingRetryDelaysMs?: readonly number[] | undefined;
}

/**
 * The Telegram channel: a webhook at `POST /telegram/webhook` when a webhook secret is
 * configured (registered with Telegram at `start()` when its public URL is too), otherwise
 * long polling between `start()` and `stop()`; both feed the same grammY handlers. Nothing
 * calls Telegram until `start()` or the first update.
 */
export function createTelegramChannel(
  config: TelegramConfig,
  dependencies: ChannelDependencies,
  options: TelegramChannelOptions = {},
): ChatChannel {
  const logger = dependencies.logger.child({ module: 'telegram' });
  const telegram = createTelegramBot({ config, dependencies, logger, botInfo: options.botInfo });
  const client = createTelegramClient(telegram.bot.api);

  if (config.webhookSecret !== undefined) {
    const secret = config.webhookSecret;
    assertTelegramSecretToken(secret);
    return {
      platform: 'telegram',
      routes: telegramWebhookRoutes({ telegram, secretToken: secret, logger }),
      client,
      receiving: `webhook at POST ${TELEGRAM_WEBHOOK_PATH}`,
      start: async () => {
        await identifyAtStartUp(telegram, logger);
        if (config.webhookUrl) {
          await registerWebhook(telegram, { url: config.webhookUrl, secret, logger });
        }
      },
    };
  }

  const polling = createTelegramPolling({
    telegram,
    logger,
    retryDelaysMs: options.pollingRetryDelaysMs,
  });
  return {
    platform: 'telegram',
    // No secret, no webhook: an unauthenticated route would accept forged updates.
    routes: new Hono(),
    client,
    receiving: 'long polling (set TELEGRAM_WEBHOOK_SECRET to use a webhook)',
    start: polling.start,
    stop: polling.stop,
  };
}

/** Checks the token at start-up; a Telegram outage only delays this to the first update. */
async function identifyAtStartUp(
  telegram: TelegramBot,
  logger: ChannelDependencies['logger'],
): Promise<void> {
  try {
    const me = await telegram.identify();
    logger.info({ username: me.username }, 'telegram bot ready for its webhook');
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    logger.warn({ err: error }, 'telegram getMe failed; asked again on the first update');
  }
}

/**
 * Tells Telegram where to send updates, with the secret it must send back. A rejected token
 * stops start-up; an unreachable Telegram is logged, and the webhook stays as it was.
 */
async function registerWebhook(
  telegram: TelegramBot,
  options: { url: string; secret: string; logger: ChannelDependencies['logger'] },
): Promise<void> {
  try {
    await telegram.bot.api.setWebhook(options.url, {
      secret_token: options.secret,
      allowed_updates: ['message', 'callback_query'],
    });
    options.logger.info({ url: options.url }, 'telegram webhook registered');
  } catch (error) {
    const failure = toTelegramError(error, { method: 'setWebhook' });
    if (failure instanceof ConfigurationError) throw failure;
    options.logger.error({ err: failure }, 'telegram webhook not registered; register it by hand');
  }
}
