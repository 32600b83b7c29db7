import type { TelegramBotIdentity, TelegramEntity, TelegramMessage } from './telegram-update.ts';

/**
 * Whether a group message is meant for the bot: it mentions `@botname`, mentions the bot by
 * name (a text mention), or replies to one of the bot's messages.
 */
export function isAddressedToBot(message: TelegramMessage, bot: TelegramBotIdentity): boolean {
  const text = message.text ?? message.caption ?? '';
  const entities = message.entities ?? message.caption_entities ?? [];
  if (entities.some((entity) => isBotMention(text, entity, bot))) return true;

  const replied = message.reply_to_message;
  // In a forum topic every message "replies" to the topic's first message; that is no reply.
  return replied?.from?.id === bot.id && replied.forum_topic_created === undefined;
}

/**
 * The text without its mentions of the bot, and without the comma or colon that often
 * follows one ("@dealwise_bot，东浦医院…" → "东浦医院…").
 */
export function stripBotMentions(
  text: string,
  entities: readonly TelegramEntity[],
  bot: TelegramBotIdentity,
): string {
  const mentions = entities
    .filter((entity) => isBotMention(text, entity, bot))
    .sort((a, b) => b.offset - a.offset);

  let stripped = text;
  for (const mention of mentions) {
    const after = stripped.slice(mention.offset + mention.length).replace(/^\s*[,，:：]/, '');
    stripped = `${stripped.slice(0, mention.offset)} ${after}`;
  }
  return mentions.length === 0 ? text.trim() : stripped.replace(/[ \t]{2,}/g, ' ').trim();
}

function isBotMention(text: string, entity: TelegramEntity, bot: TelegramBotIdentity): boolean {
  if (entity.type === 'text_mention') return entity.user?.id === bot.id;
  if (entity.type !== 'mention') return false;

  const mentioned = text.slice(entity.offset, entity.offset + entity.length);
  return mentioned.toLowerCase() === `@${bot.username.toLowerCase()}`;
}
