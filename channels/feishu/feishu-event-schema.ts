/**
 * The parts of Feishu's schema 2.0 events that Dealwise reads: the envelope header, a received
 * message (`im.message.receive_v1`) and a card button press (`card.action.trigger`). Unknown
 * fields pass; missing required ones make the payload malformed.
 */
import { z } from 'zod';

const id = z.string().min(1);

/** The envelope of every schema 2.0 event and callback. */
export const feishuHeaderSchema = z.object({
  event_id: id,
  event_type: id,
  /** The tenant (company) the event belongs to. */
  tenant_key: id,
  /** Milliseconds since the epoch, as a string. */
  create_time: z.string().optional(),
});

const mentionSchema = z.object({
  /** The placeholder in the text, e.g. `@_user_1`. */
  key: id,
  id: z.object({ open_id: z.string().optional() }).optional(),
  name: z.string().optional(),
});

/** `event` of `im.message.receive_v1`. */
export const feishuMessageEventSchema = z.object({
  sender: z.object({
    sender_id: z.object({ open_id: id }),
    /** `user` for people; bots and apps are ignored. */
    sender_type: z.string(),
  }),
  message: z.object({
    message_id: id,
    /** The first message of the reply chain or thread this one belongs to. */
    root_id: z.string().optional(),
    /** The thread (话题), in topic groups and replies in a thread. */
    thread_id: z.string().optional(),
    create_time: z.string().optional(),
    chat_id: id,
    /** `p2p` for a one-to-one chat with the bot, `group` otherwise. */
    chat_type: id,
    message_type: id,
    /** The message body as JSON text, shaped by message_type. */
    content: z.string(),
    mentions: z.array(mentionSchema).optional(),
  }),
});

/** `event` of `card.action.trigger`: a press of a button on a card Dealwise sent. */
export const feishuCardActionEventSchema = z.object({
  operator: z.object({ open_id: id }),
  action: z.object({
    value: z.object({
      actionId: id,
      decision: z.enum(['confirm', 'cancel']),
    }),
  }),
  context: z.object({
    open_message_id: id,
    open_chat_id: id,
  }),
});

/** A received message event; see feishuMessageEventSchema. */
export type FeishuMessageEvent = z.infer<typeof feishuMessageEventSchema>;

/** A mention inside a received message. */
export type FeishuMention = z.infer<typeof mentionSchema>;

/** A card button press; see feishuCardActionEventSchema. */
export type FeishuCardActionEvent = z.infer<typeof feishuCardActionEventSchema>;

/** The envelope header of an event; see feishuHeaderSchema. */
export type FeishuHeader = z.infer<typeof feishuHeaderSchema>;
