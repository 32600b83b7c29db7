import { z } from 'zod';
import { InputError } from '../../lib/errors.ts';
import type { ChatAddress, InboundEvent } from '../../messaging/inbound-event.ts';
import { dedupeKey } from '../dedupe-key.ts';
import { messageBody, slashCommandBody } from './slack-message-body.ts';
import type {
  SlackBlockActionsBody,
  SlackCommandBody,
  SlackEventEnvelope,
} from './slack-payload.ts';

/** The `action_id` of Dealwise's buttons; the value carries `<actionId>:<decision>`. */
export const BUTTON_ACTION_IDS = {
  confirm: 'dealwise_confirm',
  cancel: 'dealwise_cancel',
} as const;

const fileSchema = z.looseObject({
  mimetype: z.string().optional(),
  subtype: z.string().optional(),
});

/** The fields of an `app_mention` or `message` event that Dealwise reads. */
const userMessageSchema = z.looseObject({
  user: z.string().min(1),
  channel: z.string().min(1),
  ts: z.string().min(1),
  text: z.string().default(''),
  thread_ts: z.string().optional(),
  files: z.array(fileSchema).optional(),
});

type UserMessage = z.infer<typeof userMessageSchema>;

/**
 * An `app_mention` in a channel as an inbound event; the answer goes in the message's thread,
 * or starts one under a top-level mention. Undefined for a bot's mention, which is ignored.
 */
export function mentionEvent(
  envelope: SlackEventEnvelope,
  event: Record<string, unknown>,
  receivedAt: Date,
): InboundEvent | undefined {
  if (isFromBot(envelope, event)) return undefined;
  const message = readUserMessage(event);

  const address = {
    workspaceId: envelope.team_id,
    chatId: message.channel,
    threadId: message.thread_ts ?? message.ts,
    direct: false,
    messageId: message.ts,
  };
  return userMessageEvent({ envelope, message, address, mention: true, receivedAt });
}

/**
 * A person's direct message to the bot as an inbound event, answered in the same direct
 * chat (in its thread, if it was said in one). Undefined for what is ignored: messages in
 * other conversation types, bots' messages, and edits, deletions and other subtypes.
 */
export function directMessageEvent(
  envelope: SlackEventEnvelope,
  event: Record<string, unknown>,
  receivedAt: Date,
): InboundEvent | undefined {
  if (event.channel_type !== 'im') return undefined;
  if (event.subtype !== undefined && event.subtype !== 'file_share') return undefined;
  if (isFromBot(envelope, event)) return undefined;
  const message = readUserMessage(event);

  const address = {
    workspaceId: envelope.team_id,
    chatId: message.channel,
    threadId: message.thread_ts,
    direct: true,
    messageId: message.ts,
  };
  return userMessageEvent({ envelope, message, address, mention: false, receivedAt });
}

/**
 * A `/dealwise ...` slash command as an inbound event, answered in the channel it came from;
 * where the bot is not a member, through the command's response URL, to the rep alone.
 */
export function commandEvent(body: SlackCommandBody, receivedAt: Date): InboundEvent {
  return {
    platform: 'slack',
    dedupeKey: `slack:command:${body.trigger_id}`,
    sender: { workspaceId: body.team_id, userId: body.user_id, name: body.user_name },
    address: {
      workspaceId: body.team_id,
      chatId: body.channel_id,
      direct: isDirectChannel(body.channel_id, body.channel_name),
      ...replyUrlOf(body.response_url),
    },
    body: slashCommandBody(body.text),
    sentAt: receivedAt.toISOString(),
  };
}

/**
 * A press of a Dealwise confirm or cancel button as an inbound `action` event, answered where
 * the button's message is; the address names that message, so its buttons can be redrawn.
 * Throws an InputError when the button's value is not one Dealwise wrote
 * (`<actionId>:<decision>`, the decision matching the button).
 */
export function buttonEvent(
  body: SlackBlockActionsBody,
  action: { action_id: string; value?: string | undefined },
  receivedAt: Date,
): InboundEvent {
  const press = readButtonValue(action);
  const workspaceId = body.team?.id ?? body.user.team_id ?? '';
  const channelId = body.channel?.id;
  if (channelId === undefined) throw malformed('A Dealwise button press names its channel.');

  return {
    platform: 'slack',
    dedupeKey: `slack:action:${body.trigger_id}`,
    sender: { workspaceId, userId: body.user.id, name: body.user.name },
    address: {
      workspaceId,
      chatId: channelId,
      threadId: body.message?.thread_ts ?? body.container?.thread_ts,
      direct: isDirectChannel(channelId, body.channel?.name),
      // An ephemeral message (an answer through a response URL) cannot be updated.
      messageId: body.container?.is_ephemeral
        ? undefined
        : (body.message?.ts ?? body.container?.message_ts),
      ...replyUrlOf(body.response_url),
    },
    body: { type: 'action', ...press },
    sentAt: receivedAt.toISOString(),
  };
}

/** The bot's own user id, as Slack names it in the envelope's authorizations. */
export function botUserIdOf(envelope: SlackEventEnvelope): string | undefined {
  const authorization =
    envelope.authorizations?.find((entry) => entry.is_bot === true) ?? envelope.authorizations?.[0];
  return authorization?.user_id ?? envelope.authed_users?.[0];
}

function userMessageEvent(options: {
  envelope: SlackEventEnvelope;
  message: UserMessage;
  address: ChatAddress;
  mention: boolean;
  receivedAt: Date;
}): InboundEvent {
  const { envelope, message } = options;
  const key = dedupeKey({ platform: 'slack', payload: envelope });
  if (key === undefined) throw malformed('An Events API envelope carries an event_id.');

  return {
    platform: 'slack',
    dedupeKey: key,
    sender: { workspaceId: envelope.team_id, userId: message.user },
    address: options.address,
    body: messageBody({
      text: message.text,
      files: message.files,
      botUserId: botUserIdOf(envelope),
      mention: options.mention,
    }),
    sentAt: sentAtOf(envelope, message.ts, options.receivedAt),
  };
}

function readUserMessage(event: Record<string, unknown>): UserMessage {
  const parsed = userMessageSchema.safeParse(event);
  if (parsed.success) return parsed.data;

  const fields = parsed.error.issues.map((issue) => `event.${issue.path.join('.')}`);
  throw malformed(`The Slack message event has missing or invalid fields: ${fields.join(', ')}.`);
}

function readButtonValue(action: { action_id: string; value?: string | undefined }): {
  actionId: string;
  decision: 'confirm' | 'cancel';
} {
  const match = /^([^:]+):(confirm|cancel)$/.exec(action.value ?? '');
  const decision = match?.[2] as 'confirm' | 'cancel' | undefined;
  if (!match?.[1] || !decision || BUTTON_ACTION_IDS[decision] !== action.action_id) {
    throw malformed('The button value is not <actionId>:<decision> for this Dealwise button.');
  }
  return { actionId: match[1], decision };
}

function isFromBot(envelope: SlackEventEnvelope, event: Record<string, unknown>): boolean {
  if (event.bot_id !== undefined || event.subtype === 'bot_message') return true;
  const botUserId = botUserIdOf(envelope);
  return botUserId !== undefined && event.user === botUserId;
}

/**
 * A response URL Dealwise may post to: HTTPS on a Slack host. Anything else is dropped, not
 * refused, since the command itself is fine; its answer then goes by chat.postMessage only.
 */
function replyUrlOf(url: string | undefined): { replyUrl?: string } {
  if (url === undefined || !URL.canParse(url)) return {};
  const { protocol, hostname } = new URL(url);
  const slackHost = /(^|\.)slack(-gov)?\.com$/.test(hostname);
  return protocol === 'https:' && slackHost ? { replyUrl: url } : {};
}

/** Direct-message channel ids start with D; slash commands also name them `directmessage`. */
function isDirectChannel(channelId: string, channelName: string | undefined): boolean {
  return channelId.startsWith('D') || channelName === 'directmessage';
}

function sentAtOf(envelope: SlackEventEnvelope, ts: string, receivedAt: Date): string {
  const seconds = envelope.event_time ?? Number.parseFloat(ts);
  const date = new Date(seconds * 1000);
  return (Number.isNaN(date.getTime()) ? receivedAt : date).toISOString();
}

function malformed(message: string): InputError {
  return new InputError({ code: 'slack_payload_malformed', message });
}
