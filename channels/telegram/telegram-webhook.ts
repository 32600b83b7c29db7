import { type Bot, BotError } from 'grammy';
import type { Update } from 'grammy/types';
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { problem, sendProblem, toProblem } from '../../api/problem.ts';
import { InputError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import type { TelegramBot } from './telegram-bot.ts';
import { verifyTelegramRequest } from './verify-telegram-request.ts';

/** Where Telegram posts updates; register it with `setWebhook` and the same secret token. */
export const TELEGRAM_WEBHOOK_PATH = '/telegram/webhook';

/** Updates are a few kilobytes; anything far larger did not come from Telegram. */
const MAX_BODY_BYTES = 1024 * 1024;

/** What the webhook needs: the bot that handles updates and the secret it was set with. */
export interface TelegramWebhookOptions {
  telegram: TelegramBot;
  secretToken: string;
  logger: Logger;
}

/**
 * `POST /telegram/webhook`: checks the secret token before reading the body, then hands the
 * update to the bot, whose handlers store it; the 200 goes out only after that, so Telegram
 * redelivers whatever was not stored. A wrong secret gets a 401, a malformed body a 400 or 413.
 */
export function telegramWebhookRoutes(options: TelegramWebhookOptions): Hono {
  const routes = new Hono();
  const tooLarge = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (context) =>
      sendProblem(
        context,
        413,
        problem({
          status: 413,
          code: 'telegram_body_too_large',
          detail: 'The update is too large.',
        }),
      ),
  });

  routes.post(
    TELEGRAM_WEBHOOK_PATH,
    checkSecret(options.secretToken),
    tooLarge,
    async (context) => {
      const update = readUpdate(await context.req.text());
      await options.telegram.identify();
      await handle(options.telegram.bot, update);
      return context.body(null, 200);
    },
  );

  routes.onError((error, context) => {
    const { status, problem: body } = toProblem(error);
    if (status >= 500) options.logger.error({ err: error }, 'telegram update not stored');
    else options.logger.warn({ code: body.code, status }, 'telegram webhook request refused');
    return sendProblem(context, status, body);
  });
  return routes;
}

function checkSecret(secretToken: string): MiddlewareHandler {
  return async (context, next) => {
    verifyTelegramRequest({ headers: context.req.raw.headers, secretToken });
    await next();
  };
}

/** The body as an update: a JSON object with an `update_id`; its content is checked later. */
function readUpdate(body: string): Update {
  let update: unknown;
  try {
    update = JSON.parse(body);
  } catch {
    throw new InputError({
      code: 'telegram_body_invalid',
      message: 'The webhook body is not JSON; Telegram posts each update as a JSON object.',
    });
  }

  const updateId = (update as { update_id?: unknown } | null)?.update_id;
  if (typeof update !== 'object' || Array.isArray(update) || !isUpdateId(updateId)) {
    throw new InputError({
      code: 'telegram_update_invalid',
      message: 'The webhook body is not a Telegram update: it needs a non-negative update_id.',
    });
  }
  return update as Update;
}

function isUpdateId(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Runs the bot's handlers; the error a handler threw comes out unwrapped. */
async function handle(bot: Bot, update: Update): Promise<void> {
  try {
    await bot.handleUpdate(update);
  } catch (error) {
    throw error instanceof BotError ? error.error : error;
  }
}
