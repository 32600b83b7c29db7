import type { ReplyAction, ReplyCitation, ReplyMessage } from '../../messaging/reply-message.ts';
import { splitText } from '../split-text.ts';
import { encodeCallbackData } from './telegram-callback-data.ts';
import { escapeAttribute, escapeHtml, renderTelegramHtml, visibleText } from './telegram-html.ts';

/** Telegram's longest message text, counted after its HTML is parsed. */
export const TELEGRAM_MESSAGE_LIMIT = 4096;

/** Longest citation title or locator shown, so one source can never fill a message. */
const TITLE_MAX_LENGTH = 200;

const SOURCES_HEADING = '<b>来源 / Sources</b>';

/** A button of an inline keyboard, as `sendMessage` takes it. */
export interface TelegramButton {
  text: string;
  callback_data: string;
}

/** One `sendMessage` call: HTML text and, under the last message, the buttons. */
export interface TelegramOutgoingMessage {
  html: string;
  keyboard: TelegramButton[][] | undefined;
}

/**
 * Formats a reply as Telegram HTML messages within the length limit: the text split at
 * paragraph, line or sentence breaks before rendering (so no tag is ever cut), then the
 * numbered sources as links, then the confirm and cancel buttons under the last message.
 */
export function formatTelegramReply(
  message: ReplyMessage,
  limit: number = TELEGRAM_MESSAGE_LIMIT,
): TelegramOutgoingMessage[] {
  const pieces = splitText(message.text, limit).map(renderTelegramHtml);
  const texts = appendSources(pieces, message.citations, limit);
  // Telegram refuses an empty text; a reply with only buttons still needs one.
  if (texts.length === 0) texts.push('…');

  const keyboard = message.actions.length > 0 ? keyboardOf(message.actions) : undefined;
  return texts.map((html, index) => ({
    html,
    keyboard: index === texts.length - 1 ? keyboard : undefined,
  }));
}

/** Adds the sources after the text, on the last piece while they fit, else on new ones. */
function appendSources(
  pieces: readonly string[],
  citations: readonly ReplyCitation[],
  limit: number,
): string[] {
  const texts = [...pieces];
  const lines = [...citations].sort((a, b) => a.n - b.n).map(citationLine);
  if (lines.length === 0) return texts;

  const parts = [`${SOURCES_HEADING}\n${lines[0]}`, ...lines.slice(1)];
  let current = texts.pop() ?? '';
  for (const [index, part] of parts.entries()) {
    const separator = current === '' ? '' : index === 0 ? '\n\n' : '\n';
    const joined = `${current}${separator}${part}`;
    if (visibleText(joined).length <= limit || current === '') {
      current = joined;
      continue;
    }
    texts.push(current);
    current = part;
  }
  texts.push(current);
  return texts;
}

/** `[1] <a href="…">年报 Annual report</a> · p. 3`; the title plain when there is no link. */
function citationLine(citation: ReplyCitation): string {
  const title = escapeHtml(shorten(citation.title, TITLE_MAX_LENGTH));
  const linked = citation.url ? `<a href="${escapeAttribute(citation.url)}">${title}</a>` : title;
  const locator = citation.locator
    ? ` · ${escapeHtml(shorten(citation.locator, TITLE_MAX_LENGTH))}`
    : '';
  return `[${citation.n}] ${linked}${locator}`;
}

/** One row per prepared write: its confirm and cancel buttons side by side. */
function keyboardOf(actions: readonly ReplyAction[]): TelegramButton[][] {
  const rows = new Map<string, TelegramButton[]>();
  for (const action of actions) {
    const row = rows.get(action.actionId) ?? [];
    row.push({ text: action.label, callback_data: encodeCallbackData(action) });
    rows.set(action.actionId, row);
  }
  return [...rows.values()];
}

function shorten(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1)}…`;
}
