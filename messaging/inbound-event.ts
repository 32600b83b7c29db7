import { z } from 'zod';
import { platform } from '../db/schema/index.ts';

/** A chat platform Dealwise speaks on. */
export type Platform = (typeof platform.enumValues)[number];

/** The chat platforms, in the order start-up reports them. */
export const PLATFORMS: readonly Platform[] = platform.enumValues;

/** Attachments the assistant cannot read yet; it answers them with a polite note. */
export const UNSUPPORTED_KINDS = [
  'sticker',
  'photo',
  'voice',
  'video',
  'file',
  'location',
  'other',
] as const;

/** The commands every channel understands, whatever the platform calls them. */
export const CHANNEL_COMMANDS = ['ask', 'pitch', 'score', 'link', 'new', 'help'] as const;

/** Where in a platform a message was said, and so where its answer goes. */
export const chatAddressSchema = z.object({
  /** Slack team, WeCom corp, Feishu tenant key; '' where the platform has none (Telegram). */
  workspaceId: z.string(),
  /** The channel, chat or conversation id. */
  chatId: z.string().min(1),
  /** A thread inside the chat (a Slack thread's `thread_ts`); answers go there. */
  threadId: z.string().optional(),
  /** True for a one-to-one chat with the bot. */
  direct: z.boolean(),
  /**
   * The platform's id of the message being answered, to reply to it where supported; for a
   * button press, what the pressed message is updated by (a WeCom card's ResponseCode).
   */
  messageId: z.string().optional(),
  /**
   * A URL the platform gave for answering this one message, good for a short while even
   * where the bot is not a member of the chat (a Slack command's `response_url`).
   */
  replyUrl: z.url({ protocol: /^https$/ }).optional(),
});

/** Where a message was said; see chatAddressSchema. */
export type ChatAddress = z.infer<typeof chatAddressSchema>;

const bodySchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('text'),
    text: z.string(),
    /** An attachment sent with the text (a captioned photo) that Dealwise did not read. */
    unreadAttachment: z.enum(UNSUPPORTED_KINDS).optional(),
  }),
  z.object({
    type: z.literal('command'),
    command: z.enum(CHANNEL_COMMANDS),
    argument: z.string(),
  }),
  z.object({
    type: z.literal('action'),
    /** The `channel_actions` row the button stands for. */
    actionId: z.string().min(1),
    decision: z.enum(['confirm', 'cancel']),
  }),
  z.object({ type: z.literal('unsupported'), kind: z.enum(UNSUPPORTED_KINDS) }),
]);

/**
 * A platform event, verified and normalized by its adapter: who said what, where. This is
 * all the core needs; platform payloads stop at the adapter.
 */
export const inboundEventSchema = z.object({
  platform: z.enum(platform.enumValues),
  /** Recognises a redelivery: `slack:<event_id>`, `telegram:<update_id>`... */
  dedupeKey: z.string().min(1),
  sender: z.object({
    workspaceId: z.string(),
    userId: z.string().min(1),
    /** For logs and greetings only; never trusted. */
    name: z.string().optional(),
  }),
  address: chatAddressSchema,
  body: bodySchema,
  /** ISO time the platform says the event happened, or when it arrived. */
  sentAt: z.string(),
});

/** A verified, normalized platform event; see inboundEventSchema. */
export type InboundEvent = z.infer<typeof inboundEventSchema>;

/** The body of an inbound event: text, a command, a button press or an attachment. */
export type InboundBody = InboundEvent['body'];

/** An attachment Dealwise cannot read: a photo, a voice message, a file... */
export type UnsupportedKind = (typeof UNSUPPORTED_KINDS)[number];

/**
 * The body with the attachment sent along with it noted, when the body is text: the text is
 * answered and the reply says the attachment was not read. Other bodies are returned as is.
 */
export function withUnreadAttachment(
  body: InboundBody,
  attachment: UnsupportedKind | undefined,
): InboundBody {
  return body.type === 'text' && attachment ? { ...body, unreadAttachment: attachment } : body;
}
