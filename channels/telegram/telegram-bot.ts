import { Bot, type Context } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { TelegramConfig } from '../../lib/channels-config.ts';
import type { Logger } from '../../lib/logger.ts';
import type { ChannelDependencies } from '../chat-channel.ts';
import { parseTelegramUpdate } from './parse-telegram-update.ts';
import { toTelegramError } from './telegram-api-error.ts';

/** Longest a Bot API call may take; above the 30-second long poll, far below grammY's 500. */
const API_TIMEOUT_SECONDS = 45;

/** What the bot needs from the channel. */
export interface TelegramBotOptions {
  config: TelegramConfig;
  dependencies: ChannelDependencies;
  logger: Logger;
  /** Who the bot is, when known without asking Telegram (tests); else `getMe` on first use. */
  botInfo?: UserFromGetMe | undefined;
}

/** A grammY bot whose handlers store updates as InboundEvents, and who it is. */
export interface TelegramBot {
  bot: Bot;
  /** The bot's `getMe`, asked once and kept; mentions in groups are checked against it. */
  identify(): Promise<UserFromGetMe>;
}

/**
 * Builds the grammY bot both the webhook and long polling feed: messages and button presses
 * are parsed and handed to `receive`, which must have stored them before the handler
 * returns; button presses are answered so the client's spinner stops. Everything else
 * passes unhandled. Nothing calls Telegram until the first update or `identify()`.
 */
export function createTelegramBot(options: TelegramBotOptions): TelegramBot {
  const bot = new Bot(options.config.botToken, {
    client: { apiRoot: options.config.apiRoot, timeoutSeconds: API_TIMEOUT_SECONDS },
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
  });
  const receive = (context: Context) => receiveUpdate(context, options);

  bot.on('message', receive);
  bot.on('callback_query', async (context) => {
    await receive(context);
    await answerPress(context, options.logger);
  });

  return { bot, identify: identifier(bot) };
}

async function receiveUpdate(context: Context, options: TelegramBotOptions): Promise<void> {
  const updateId = context.update.update_id;
  const now = options.dependencies.now?.() ?? new Date();
  const event = parseTelegramUpdate(context.update, { bot: context.me, now });
  if (!event) {
    options.logger.debug({ updateId }, 'telegram update ignored');
    return;
  }

  const receipt = await options.dependencies.receive(event);
  options.logger.debug({ updateId, receipt, body: event.body.type }, 'telegram update received');
}

/** Stops the button's spinner; a failure only leaves it spinning, so it is logged, not thrown. */
async function answerPress(context: Context, logger: Logger): Promise<void> {
  try {
    await context.answerCallbackQuery();
  } catch (error) {
    const failure = toTelegramError(error, { method: 'answerCallbackQuery' });
    logger.warn({ err: failure, updateId: context.update.update_id }, 'telegram press unanswered');
  }
}

function identifier(bot: Bot): () => Promise<UserFromGetMe> {
  let pending: Promise<UserFromGetMe> | undefined;
  return async () => {
    if (bot.isInited()) return bot.botInfo;
    // Not bot.init(): it retries forever, and a webhook request must fail fast instead.
    pending ??= bot.api.getMe().then(
      (me) => {
        bot.botInfo = me;
        return me;
      },
      (error: unknown) => {
        pending = undefined;
        throw toTelegramError(error, { method: 'getMe' });
      },
    );
    return pending;
  };
}
