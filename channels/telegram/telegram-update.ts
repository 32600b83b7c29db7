import { z } from 'zod';
import type { UNSUPPORTED_KINDS } from '../../messaging/inbound-event.ts';

/**
 * The parts of a Telegram Bot API `Update` that Dealwise reads, checked before use: a message
 * or a button press. Other update kinds (edits, channel posts, membership changes) are dropped
 * by the parse and acknowledged without being stored.
 */

const userSchema = z.object({
  id: z.number().int(),
  is_bot: z.boolean(),
  first_name: z.string(),
  username: z.string().optional(),
});

const chatSchema = z.object({
  id: z.number().int(),
  type: z.enum(['private', 'group', 'supergroup', 'channel']),
});

const entitySchema = z.object({
  type: z.string(),
  /** In UTF-16 code units, as JavaScript strings count. */
  offset: z.number().int().nonnegative(),
  length: z.number().int().nonnegative(),
  user: userSchema.optional(),
});

/** Message fields that carry an attachment, and the kind the assistant reports for each. */
export const ATTACHMENT_FIELDS: readonly (readonly [string, (typeof UNSUPPORTED_KINDS)[number]])[] =
  [
    ['sticker', 'sticker'],
    ['photo', 'photo'],
    ['voice', 'voice'],
    ['audio', 'file'],
    // An animation also carries `document`; it comes first so it counts as a video.
    ['animation', 'video'],
    ['video', 'video'],
    ['video_note', 'video'],
    ['document', 'file'],
    ['venue', 'location'],
    ['location', 'location'],
    ['contact', 'other'],
    ['poll', 'other'],
    ['dice', 'other'],
    ['game', 'other'],
    ['story', 'other'],
  ];

const attachmentShape = Object.fromEntries(
  ATTACHMENT_FIELDS.map(([field]) => [field, z.unknown().optional()]),
);

/** Where a message sits: its chat and, in a forum supergroup, its topic. */
const messagePlaceShape = {
  message_id: z.number().int(),
  /** Unix seconds; 0 for a message the bot can no longer access. */
  date: z.number().int().nonnegative(),
  chat: chatSchema,
  message_thread_id: z.number().int().optional(),
  is_topic_message: z.boolean().optional(),
};

const messageSchema = z.object({
  ...messagePlaceShape,
  from: userSchema.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  entities: z.array(entitySchema).optional(),
  caption_entities: z.array(entitySchema).optional(),
  reply_to_message: z
    .object({ from: userSchema.optional(), forum_topic_created: z.unknown().optional() })
    .optional(),
  ...attachmentShape,
});

const callbackQuerySchema = z.object({
  id: z.string().min(1),
  from: userSchema,
  /** Absent when the button was under an inline-mode message, which Dealwise never sends. */
  message: z.object(messagePlaceShape).optional(),
  data: z.string().optional(),
});

/** A Telegram update as far as Dealwise reads it. */
export const telegramUpdateSchema = z.object({
  update_id: z.number().int().nonnegative(),
  message: messageSchema.optional(),
  callback_query: callbackQuerySchema.optional(),
});

/** A checked Telegram update; see telegramUpdateSchema. */
export type TelegramUpdate = z.infer<typeof telegramUpdateSchema>;
/** A checked Telegram message. */
export type TelegramMessage = z.infer<typeof messageSchema>;
/** A checked press of an inline keyboard button. */
export type TelegramCallbackQuery = z.infer<typeof callbackQuerySchema>;
/** A checked message entity: a mention, a command, a link... */
export type TelegramEntity = z.infer<typeof entitySchema>;
/** Who the bot is, from `getMe`: what a message must mention to reach it in a group. */
export interface TelegramBotIdentity {
  id: number;
  username: string;
}
