import { GrammyError, HttpError } from 'grammy';
import { ConfigurationError, RemoteServiceError } from '../../lib/errors.ts';

/** What the failed call was doing, for the message: "sendMessage to chat 42". */
export interface TelegramCallContext {
  method: string;
  chatId?: string | undefined;
}

/**
 * Turns a failed Bot API call into a RemoteServiceError (so the send job is retried) with a
 * code and a message that say what to do: a user who blocked the bot or never started it, a
 * rate limit, a refusal, or a network failure. A rejected token is a ConfigurationError.
 * Errors that are not grammY's are returned as they are.
 */
export function toTelegramError(error: unknown, context: TelegramCallContext): unknown {
  const where = context.chatId ? `${context.method} to chat ${context.chatId}` : context.method;
  if (error instanceof GrammyError) return apiRefusal(error, where);
  if (error instanceof HttpError) {
    return new RemoteServiceError({
      code: 'telegram_unreachable',
      message: `Telegram could not be reached for ${where}; check the network or TELEGRAM_API_ROOT.`,
      cause: error,
    });
  }
  return error;
}

function apiRefusal(error: GrammyError, where: string): RemoteServiceError | ConfigurationError {
  const details = { errorCode: error.error_code, description: error.description };
  const description = error.description.toLowerCase();

  if (error.error_code === 401) {
    return new ConfigurationError({
      code: 'telegram_token_rejected',
      message: 'Telegram rejected TELEGRAM_BOT_TOKEN; copy the token again from @BotFather.',
      cause: error,
      details,
    });
  }
  if (error.error_code === 403 && description.includes('blocked')) {
    return remote('telegram_bot_blocked', {
      message: `${where} failed: the user has blocked the bot; they must unblock it to hear from Dealwise.`,
      error,
      details,
    });
  }
  if (error.error_code === 403 && description.includes("can't initiate")) {
    return remote('telegram_chat_not_started', {
      message: `${where} failed: the user has never started the bot; they must open it and press Start.`,
      error,
      details,
    });
  }
  if (error.error_code === 429) {
    const retryAfter = error.parameters.retry_after;
    return remote('telegram_rate_limited', {
      message: `${where} was rate limited by Telegram; it is retried after ${retryAfter ?? 'a'} seconds.`,
      error,
      details: { ...details, retryAfterSeconds: retryAfter },
    });
  }
  return remote('telegram_api_error', {
    message: `${where} failed: Telegram answered ${error.error_code} "${error.description}".`,
    error,
    details,
  });
}

function remote(
  code: string,
  options: { message: string; error: GrammyError; details: Record<string, unknown> },
): RemoteServiceError {
  return new RemoteServiceError({
    code,
    message: options.message,
    cause: options.error,
    details: options.details,
  });
}
