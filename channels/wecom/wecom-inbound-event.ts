import { InputError } from '../../lib/errors.ts';
import type { InboundBody, InboundEvent, UnsupportedKind } from '../../messaging/inbound-event.ts';
import { commandText } from '../command-text.ts';
import { dedupeKey } from '../dedupe-key.ts';
import { parseUnixSeconds } from '../timestamp-window.ts';
import type { WecomFields } from './parse-wecom-xml.ts';

/** Message types an app receives that carry no text, and what the core calls them. */
const ATTACHMENTS: ReadonlyMap<string, UnsupportedKind> = new Map([
  ['image', 'photo'],
  ['voice', 'voice'],
  ['video', 'video'],
  ['shortvideo', 'video'],
  ['file', 'file'],
  ['location', 'location'],
  ['link', 'other'],
]);

const BUTTON_KEY = /^([^:]+):(confirm|cancel)$/;

/**
 * Turns a decrypted WeCom app message into an InboundEvent: text (or a command), a template
 * card button press, or an attachment the assistant cannot read. Returns undefined for events
 * to acknowledge and drop (enter_agent, subscribe, contact changes...). Throws an InputError
 * when a field the message type needs is missing or malformed.
 */
export function wecomInboundEvent(
  fields: WecomFields,
  options: { corpId: string },
): InboundEvent | undefined {
  const sender = required(fields, 'FromUserName');
  const createTime = parseUnixSeconds(required(fields, 'CreateTime'));
  if (createTime === undefined) throw malformed('CreateTime is not a Unix time in seconds.');

  const body = bodyOf(fields);
  if (body === undefined) return undefined;

  const key = dedupeKey({ platform: 'wecom', fields });
  if (key === undefined) throw malformed('The message has no MsgId, sender or time to dedupe by.');

  // A card press has no MsgId; its ResponseCode is what WeCom updates the pressed card by.
  const messageId = fields.MsgId || fields.ResponseCode || undefined;
  return {
    platform: 'wecom',
    dedupeKey: key,
    sender: { workspaceId: options.corpId, userId: sender },
    address: {
      workspaceId: options.corpId,
      chatId: sender,
      direct: true,
      ...(messageId ? { messageId } : {}),
    },
    body,
    sentAt: new Date(createTime * 1000).toISOString(),
  };
}

function bodyOf(fields: WecomFields): InboundBody | undefined {
  const type = required(fields, 'MsgType');
  if (type === 'event') return eventBody(fields);
  if (type === 'text') return textBody(fields);

  // Limitation: media is not downloaded; images and voice get a polite note, not an answer.
  return { type: 'unsupported', kind: ATTACHMENTS.get(type) ?? 'other' };
}

function textBody(fields: WecomFields): InboundBody {
  const content = fields.Content?.trim();
  if (!content) throw malformed('A text message needs a non-empty Content.');
  return commandText(content);
}

function eventBody(fields: WecomFields): InboundBody | undefined {
  if (required(fields, 'Event') !== 'template_card_event') return undefined;

  const match = BUTTON_KEY.exec(required(fields, 'EventKey'));
  const [, actionId, decision] = match ?? [];
  if (!actionId || (decision !== 'confirm' && decision !== 'cancel')) {
    throw malformed('EventKey is not a Dealwise button key (<actionId>:<confirm|cancel>).');
  }
  return { type: 'action', actionId, decision };
}

function required(fields: WecomFields, name: string): string {
  const value = fields[name];
  if (value === undefined || value.trim() === '') throw malformed(`${name} is missing.`);
  return value.trim();
}

function malformed(message: string): InputError {
  return new InputError({ code: 'wecom_payload_malformed', message: `WeCom message: ${message}` });
}
