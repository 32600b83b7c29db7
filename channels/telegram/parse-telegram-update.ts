import { InputError } from '../../lib/errors.ts';
import {
  type ChatAddress,
  type InboundBody,
  type InboundEvent,
  withUnreadAttachment,
} from '../../messaging/inbound-event.ts';
import { decodeCallbackData } from './telegram-callback-data.ts';
import { parseTelegramCommand, type TelegramCommand } from './telegram-command.ts';
import { isAddressedToBot, stripBotMentions } from './telegram-mentions.ts';
import {
  ATTACHMENT_FIELDS,
  type TelegramBotIdentity,
  type TelegramCallbackQuery,
  type TelegramMessage,
  telegramUpdateSchema,
} from './telegram-update.ts';

/** What parsing an update needs besides the update. */
export interface ParseTelegramUpdateOptions {
  bot: TelegramBotIdentity;
  /** When the update arrived; a button press carries no time of its own. */
  now: Date;
}

type MessagePlace = Pick<
  TelegramMessage,
  'message_id' | 'chat' | 'message_thread_id' | 'is_topic_message'
>;

/**
 * Turns a Telegram update into an InboundEvent, or undefined when the bot should let it pass:
 * edits, service messages, messages from bots, and group messages not meant for it. Throws an
 * InputError for an update that does not have the shape Telegram sends.
 */
export function parseTelegramUpdate(
  update: unknown,
  options: ParseTelegramUpdateOptions,
): InboundEvent | undefined {
  const parsed = telegramUpdateSchema.safeParse(update);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError({
      code: 'telegram_update_invalid',
      message:
        `The Telegram update is malformed at ${issue?.path.join('.') || 'its root'}: ` +
        `${issue?.message ?? 'unexpected shape'}. Send updates as the Bot API defines them.`,
    });
  }

  const { update_id: updateId, message, callback_query: press } = parsed.data;
  const dedupeKey = `telegram:${options.bot.id}:${updateId}`;
  if (message) return messageEvent(message, { ...options, dedupeKey });
  if (press) return buttonEvent(press, { ...options, dedupeKey });
  return undefined;
}

function messageEvent(
  message: TelegramMessage,
  options: ParseTelegramUpdateOptions & { dedupeKey: string },
): InboundEvent | undefined {
  const sender = message.from;
  // Limitation: anonymous group admins write as a bot (GroupAnonymousBot), so they are ignored.
  if (!sender || sender.is_bot || message.chat.type === 'channel') return undefined;

  const body = messageBody(message, options.bot);
  if (!body) return undefined;
  return {
    platform: 'telegram',
    dedupeKey: options.dedupeKey,
    sender: {
      workspaceId: '',
      userId: String(sender.id),
      name: sender.username ?? sender.first_name,
    },
    address: addressOf(message),
    body,
    sentAt: new Date(message.date * 1000).toISOString(),
  };
}

/**
 * What a message says to the bot, or undefined when it says nothing to it. A captioned
 * attachment is read by its caption; one without a caption is answered with a polite note.
 */
function messageBody(message: TelegramMessage, bot: TelegramBotIdentity): InboundBody | undefined {
  const direct = message.chat.type === 'private';
  const addressed = direct || isAddressedToBot(message, bot);
  const attachment = ATTACHMENT_FIELDS.find(([field]) => isPresent(message, field))?.[1];
  const said = message.text ?? message.caption;
  const entities = (message.text === undefined ? message.caption_entities : message.entities) ?? [];
  const text = said === undefined ? '' : stripBotMentions(said, entities, bot);
  if (attachment && text === '')
    return addressed ? { type: 'unsupported', kind: attachment } : undefined;
  if (said === undefined) return undefined;

  const command = parseTelegramCommand(text);
  if (command) return commandBody(command, { text, direct, addressed, bot });

  if (!addressed) return undefined;
  // A bare mention asks what the bot can do.
  if (text === '') return { type: 'command', command: 'help', argument: '' };
  return withUnreadAttachment({ type: 'text', text }, attachment);
}

/**
 * A command for this bot: `/ask@dealwise_bot`, any command in a private chat or with a
 * mention, and the core's commands without a bot name in groups. One for another bot is
 * ignored in groups and read as plain text in a private chat.
 */
function commandBody(
  command: TelegramCommand,
  context: { text: string; direct: boolean; addressed: boolean; bot: TelegramBotIdentity },
): InboundBody | undefined {
  const { target } = command;
  if (target !== undefined && target !== context.bot.username.toLowerCase()) {
    return context.direct ? { type: 'text', text: context.text } : undefined;
  }

  const forBot = context.addressed || target !== undefined || command.known;
  if (!forBot) return undefined;
  return { type: 'command', command: command.command, argument: command.argument };
}

function buttonEvent(
  press: TelegramCallbackQuery,
  options: ParseTelegramUpdateOptions & { dedupeKey: string },
): InboundEvent | undefined {
  const decoded = press.data === undefined ? undefined : decodeCallbackData(press.data);
  if (!decoded || !press.message || press.from.is_bot) return undefined;

  return {
    platform: 'telegram',
    dedupeKey: options.dedupeKey,
    sender: {
      workspaceId: '',
      userId: String(press.from.id),
      name: press.from.username ?? press.from.first_name,
    },
    address: addressOf(press.message),
    body: { type: 'action', actionId: decoded.actionId, decision: decoded.decision },
    sentAt: options.now.toISOString(),
  };
}

/** Where the answer goes: the chat, the forum topic if any, replying to the message. */
function addressOf(message: MessagePlace): ChatAddress {
  const inTopic = message.is_topic_message === true && message.message_thread_id !== undefined;
  return {
    workspaceId: '',
    chatId: String(message.chat.id),
    threadId: inTopic ? String(message.message_thread_id) : undefined,
    direct: message.chat.type === 'private',
    messageId: String(message.message_id),
  };
}

function isPresent(message: TelegramMessage, field: string): boolean {
  return (message as Record<string, unknown>)[field] !== undefined;
}
