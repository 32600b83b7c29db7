/**
 * The body of a received Feishu message as Dealwise reads it: text (from `text` and rich-text
 * `post` messages) with the bot's mention removed, a /command, or an attachment it cannot read.
 */

import { InputError } from '../../lib/errors.ts';
import {
  type InboundBody,
  type UnsupportedKind,
  withUnreadAttachment,
} from '../../messaging/inbound-event.ts';
import { commandText } from '../command-text.ts';
import type { FeishuMention, FeishuMessageEvent } from './feishu-event-schema.ts';

/** Feishu message types the assistant cannot read, by the kind it names in its polite note. */
const UNSUPPORTED_BY_TYPE: Readonly<Record<string, UnsupportedKind>> = {
  image: 'photo',
  audio: 'voice',
  media: 'video',
  file: 'file',
  folder: 'file',
  sticker: 'sticker',
  location: 'location',
};

/** Message types nobody wrote to the bot, e.g. "X joined the group": ignored. */
const IGNORED_TYPES: ReadonlySet<string> = new Set(['system']);

/** `/name argument`; the space may be missing before Chinese text (`/pitch东浦医院`). */

export interface FeishuMessageBodyOptions {
  message: FeishuMessageEvent['message'];
  /** Whether a mention is of the bot; those are removed from the text. */
  isBot(mention: FeishuMention): boolean;
}

/** Reads a received message's body; undefined for a message nobody wrote to the bot. */
export function feishuMessageBody(options: FeishuMessageBodyOptions): InboundBody | undefined {
  const { message } = options;
  if (IGNORED_TYPES.has(message.message_type)) return undefined;

  if (message.message_type === 'text') {
    const text = parseContent(message.content).text;
    if (typeof text !== 'string') throw malformed('A text message has no text in its content.');
    return commandText(replaceMentions({ ...options, text }));
  }

  if (message.message_type === 'post') {
    const post = flattenPost(parseContent(message.content));
    const text = replaceMentions({ ...options, text: post.text });
    if (text.length === 0) return { type: 'unsupported', kind: post.hasMedia ? 'photo' : 'other' };
    return withUnreadAttachment(commandText(text), post.hasMedia ? 'photo' : undefined);
  }

  return { type: 'unsupported', kind: UNSUPPORTED_BY_TYPE[message.message_type] ?? 'other' };
}

/**
 * Replaces the `@_user_n` placeholders Feishu puts in the text: the bot's are removed, anyone
 * else's become `@name`.
 */
function replaceMentions(options: FeishuMessageBodyOptions & { text: string }): string {
  const mentions = [...(options.message.mentions ?? [])].sort(
    (left, right) => right.key.length - left.key.length,
  );
  let text = options.text;
  for (const mention of mentions) {
    const replacement = options.isBot(mention) ? '' : `@${mention.name ?? ''}`;
    text = text.replaceAll(mention.key, replacement);
  }
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]{2,}/g, ' ').trim())
    .join('\n')
    .trim();
}

/** The text of a rich-text post: its title and the text of its paragraphs, line by line. */
function flattenPost(content: Record<string, unknown>): { text: string; hasMedia: boolean } {
  const post = Array.isArray(content.content) ? content : firstLocale(content);
  const paragraphs = Array.isArray(post.content) ? post.content : [];
  let hasMedia = false;

  const lines = paragraphs.map((paragraph) => {
    if (!Array.isArray(paragraph)) return '';
    return paragraph
      .map((element: Record<string, unknown>) => {
        if (element?.tag === 'img' || element?.tag === 'media') hasMedia = true;
        if (element?.tag === 'at') return stringOf(element.user_id);
        return stringOf(element?.text);
      })
      .join('');
  });

  const title = stringOf(post.title);
  const text = [title, ...lines].filter((line) => line.trim().length > 0).join('\n');
  return { text, hasMedia };
}

/** A post sent in several languages (`{"zh_cn": {...}}`): the first one. */
function firstLocale(content: Record<string, unknown>): Record<string, unknown> {
  const locale = Object.values(content).find(
    (value) => typeof value === 'object' && value !== null && 'content' in value,
  );
  return (locale as Record<string, unknown> | undefined) ?? {};
}

function parseContent(content: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (error) {
    throw malformed('The message content is not JSON.', error);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw malformed('The message content is not a JSON object.');
  }
  return value as Record<string, unknown>;
}

function stringOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function malformed(message: string, cause?: unknown): InputError {
  return new InputError({ code: 'feishu_event_malformed', message, cause });
}
