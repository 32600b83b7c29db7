/**
 * Turns an authenticated Feishu payload into the InboundEvent the core stores, or says why it
 * is ignored: bots' messages, group messages not addressed to the bot, events Dealwise does not
 * subscribe to.
 */
import type { z } from 'zod';
import { InputError } from '../../lib/errors.ts';
import type { ChatAddress, InboundEvent } from '../../messaging/inbound-event.ts';
import { dedupeKey } from '../dedupe-key.ts';
import {
  type FeishuHeader,
  type FeishuMention,
  feishuCardActionEventSchema,
  feishuHeaderSchema,
  feishuMessageEventSchema,
} from './feishu-event-schema.ts';
import { feishuMessageBody } from './feishu-message-body.ts';
import type { FeishuPayload } from './feishu-payload.ts';

/** The event types Dealwise handles; every other one is acknowledged and dropped. */
export const FEISHU_MESSAGE_RECEIVED = 'im.message.receive_v1';
export const FEISHU_CARD_ACTION = 'card.action.trigger';

/** An event to store, or the reason a payload is acknowledged and dropped. */
export type FeishuInbound =
  | { kind: 'event'; event: InboundEvent; eventType: string }
  | { kind: 'ignored'; reason: string };

export interface FeishuInboundOptions {
  /** The payload, already authenticated and decrypted. */
  payload: FeishuPayload;
  /** The bot's open_id; asked for only when a message mentions someone. */
  botOpenId(): Promise<string | undefined>;
  /** When the event arrived, for events that carry no time. */
  now: Date;
}

/**
 * Reads a schema 2.0 event into an InboundEvent. Throws an InputError (`feishu_event_malformed`)
 * when a field Dealwise needs is missing or of the wrong type.
 */
export async function feishuInboundEvent(options: FeishuInboundOptions): Promise<FeishuInbound> {
  const { payload } = options;
  if (payload.schema !== '2.0') {
    // Limitation: schema 1.0 events are dropped (im.message.receive_v1 only exists in 2.0), and
    // old-style card callbacks (卡片请求网址, no schema) are refused; subscribe card.action.trigger.
    if (payload.type === 'event_callback') return ignored('a schema 1.0 event');
    throw malformed('The payload is neither a schema 2.0 event nor a url_verification request.');
  }

  const header = parseWith(feishuHeaderSchema, payload.header, 'header');
  const key = dedupeKey({ platform: 'feishu', payload }) ?? `feishu:${header.event_id}`;
  switch (header.event_type) {
    case FEISHU_MESSAGE_RECEIVED:
      return messageEvent({ ...options, header, dedupeKey: key });
    case FEISHU_CARD_ACTION:
      return cardActionEvent({ ...options, header, dedupeKey: key });
    default:
      return ignored(`event type ${header.event_type}`);
  }
}

interface EventContext extends FeishuInboundOptions {
  header: FeishuHeader;
  dedupeKey: string;
}

async function messageEvent(context: EventContext): Promise<FeishuInbound> {
  const { sender, message } = parseWith(feishuMessageEventSchema, context.payload.event, 'event');
  if (sender.sender_type !== 'user') return ignored(`a message from a ${sender.sender_type}`);

  const mentions = message.mentions ?? [];
  const botOpenId = mentions.length > 0 ? await context.botOpenId() : undefined;
  if (botOpenId !== undefined && sender.sender_id.open_id === botOpenId) {
    return ignored("the bot's own message");
  }

  // Without the bot's open_id (its lookup failed), every mention is taken for the bot's: with
  // the recommended scope Feishu only delivers group messages that mention the bot anyway.
  const isBot = (mention: FeishuMention): boolean =>
    botOpenId === undefined || mention.id?.open_id === botOpenId;
  const direct = message.chat_type === 'p2p';
  if (!direct && !mentions.some(isBot)) return ignored('a group message for someone else');

  const body = feishuMessageBody({ message, isBot });
  if (body === undefined) return ignored(`a ${message.message_type} message`);

  const workspaceId = context.header.tenant_key;
  const address: ChatAddress = {
    workspaceId,
    chatId: message.chat_id,
    ...threadOf(message, direct),
    direct,
    messageId: message.message_id,
  };
  return {
    kind: 'event',
    eventType: FEISHU_MESSAGE_RECEIVED,
    event: {
      platform: 'feishu',
      dedupeKey: context.dedupeKey,
      sender: { workspaceId, userId: sender.sender_id.open_id },
      address,
      body,
      sentAt: sentAt(message.create_time ?? context.header.create_time, context.now),
    },
  };
}

/**
 * The conversation a message belongs to. In a group every message the bot is asked starts one,
 * continued by replies to it (which carry its id as root_id) and by its thread. In a one-to-one
 * chat the whole chat is one conversation, so quoting an earlier answer keeps the context; only
 * a thread (话题) there starts another.
 */
function threadOf(
  message: { message_id: string; root_id?: string | undefined; thread_id?: string | undefined },
  direct: boolean,
): { threadId?: string } {
  const threadId = direct
    ? message.thread_id || undefined
    : message.root_id || message.thread_id || message.message_id;
  return threadId === undefined ? {} : { threadId };
}

function cardActionEvent(context: EventContext): FeishuInbound {
  const event = parseWith(feishuCardActionEventSchema, context.payload.event, 'event');
  const workspaceId = context.header.tenant_key;
  const { value } = event.action;

  return {
    kind: 'event',
    eventType: FEISHU_CARD_ACTION,
    event: {
      platform: 'feishu',
      dedupeKey: context.dedupeKey,
      sender: { workspaceId, userId: event.operator.open_id },
      // Limitation: a card press does not say whether its chat is one-to-one; direct is false.
      address: {
        workspaceId,
        chatId: event.context.open_chat_id,
        direct: false,
        messageId: event.context.open_message_id,
      },
      body: { type: 'action', actionId: value.actionId, decision: value.decision },
      sentAt: sentAt(context.header.create_time, context.now),
    },
  };
}

/** An ISO time from Feishu's epoch time: milliseconds, or seconds or microseconds in callbacks. */
function sentAt(createTime: string | undefined, now: Date): string {
  const value = createTime && /^\d{10,17}$/.test(createTime) ? Number(createTime) : undefined;
  if (value === undefined) return now.toISOString();
  const milliseconds =
    value < 1e11 ? value * 1000 : value > 1e14 ? Math.floor(value / 1000) : value;
  return new Date(milliseconds).toISOString();
}

function parseWith<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  part: string,
): z.infer<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = [part, ...(issue?.path ?? [])].join('.');
  throw malformed(`The event's ${path} is missing or malformed: ${issue?.message ?? 'invalid'}.`);
}

function ignored(reason: string): FeishuInbound {
  return { kind: 'ignored', reason };
}

function malformed(message: string): InputError {
  return new InputError({ code: 'feishu_event_malformed', message });
}
