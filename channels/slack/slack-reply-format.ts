import type { types } from '@slack/bolt';
import type { ReplyAction, ReplyCitation, ReplyMessage } from '../../messaging/reply-message.ts';
import { splitText } from '../split-text.ts';
import { BUTTON_ACTION_IDS } from './slack-inbound-event.ts';
import { escapeMrkdwn, mrkdwnLink, toMrkdwn } from './slack-mrkdwn.ts';

/** Slack's limit on a section block's text. */
export const SECTION_TEXT_LIMIT = 3000;
/** Slack truncates a message's `text` beyond this. */
export const MESSAGE_TEXT_LIMIT = 40_000;
/** Slack's limit on blocks in one message. */
const MESSAGE_BLOCK_LIMIT = 50;
/** A context block holds at most ten elements. */
const CONTEXT_ELEMENT_LIMIT = 10;
/** A button's label is cut to this. */
const BUTTON_LABEL_LIMIT = 75;
const SECTION_SEPARATOR = '\n\n';

/** One `chat.postMessage` worth of a reply: mrkdwn fallback text and Block Kit blocks. */
export interface SlackMessage {
  text: string;
  blocks: types.KnownBlock[];
}

/**
 * Formats a reply for Slack: the text as mrkdwn sections of at most 3,000 characters,
 * packed into messages whose text stays within 40,000 and blocks within 50; the sources
 * as a "Sources / 来源" context list with links and the buttons as actions blocks, both on
 * the last message.
 */
export function formatSlackReply(message: ReplyMessage): SlackMessage[] {
  const messages = packSections(mrkdwnSections(message.text), MESSAGE_BLOCK_LIMIT);
  const extras = [...sourcesBlocks(message.citations), ...actionsBlocks(message.actions)];

  const last = messages.at(-1);
  if (last !== undefined && last.blocks.length + extras.length <= MESSAGE_BLOCK_LIMIT) {
    last.blocks.push(...extras);
    return messages;
  }
  for (let start = 0; start < extras.length; start += MESSAGE_BLOCK_LIMIT) {
    const blocks = extras.slice(start, start + MESSAGE_BLOCK_LIMIT);
    messages.push({ text: fallbackOf(message), blocks });
  }
  return messages;
}

/**
 * Splits text into mrkdwn pieces that each fit a section. Pieces are cut from the source
 * text (at paragraphs, lines, sentences) and converted; one that escaping made too long is
 * cut again, finer.
 */
export function mrkdwnSections(text: string, limit = SECTION_TEXT_LIMIT): string[] {
  return cutAndConvert(text, limit, limit);
}

function cutAndConvert(text: string, cutAt: number, limit: number): string[] {
  // Limitation: a cut inside `**bold**` or a markdown link leaves its markers as plain text.
  return splitText(text, cutAt).flatMap((piece) => {
    const mrkdwn = toMrkdwn(piece);
    if (mrkdwn.length <= limit) return [mrkdwn];
    return cutAndConvert(piece, Math.max(2, Math.floor(piece.length / 2)), limit);
  });
}

function packSections(sections: string[], blockLimit: number): SlackMessage[] {
  const messages: SlackMessage[] = [];
  let current: SlackMessage | undefined;

  for (const section of sections) {
    const text = current ? `${current.text}${SECTION_SEPARATOR}${section}` : section;
    if (!current || text.length > MESSAGE_TEXT_LIMIT || current.blocks.length >= blockLimit) {
      current = { text: section, blocks: [] };
      messages.push(current);
    } else {
      current.text = text;
    }
    current.blocks.push({ type: 'section', text: { type: 'mrkdwn', text: section } });
  }
  return messages;
}

function sourcesBlocks(citations: readonly ReplyCitation[]): types.ContextBlock[] {
  if (citations.length === 0) return [];
  const lines = ['*Sources / 来源*', ...citations.map(citationLine)].join('\n');
  const elements = splitText(lines, SECTION_TEXT_LIMIT).map((text) => ({
    type: 'mrkdwn' as const,
    text,
  }));

  const blocks: types.ContextBlock[] = [];
  for (let start = 0; start < elements.length; start += CONTEXT_ELEMENT_LIMIT) {
    blocks.push({
      type: 'context',
      elements: elements.slice(start, start + CONTEXT_ELEMENT_LIMIT),
    });
  }
  return blocks;
}

function citationLine(citation: ReplyCitation): string {
  const title = citation.url
    ? mrkdwnLink(citation.url, citation.title)
    : escapeMrkdwn(citation.title);
  const locator = citation.locator ? ` · ${escapeMrkdwn(citation.locator)}` : '';
  return `[${citation.n}] ${title}${locator}`;
}

/** One actions block per pending write, so each block's action ids stay unique. */
function actionsBlocks(actions: readonly ReplyAction[]): types.ActionsBlock[] {
  const byWrite = new Map<string, ReplyAction[]>();
  for (const action of actions) {
    byWrite.set(action.actionId, [...(byWrite.get(action.actionId) ?? []), action]);
  }
  return [...byWrite.values()].map((buttons) => ({
    type: 'actions',
    elements: uniqueDecisions(buttons).map(button),
  }));
}

function button(action: ReplyAction): types.Button {
  return {
    type: 'button',
    action_id: BUTTON_ACTION_IDS[action.decision],
    text: { type: 'plain_text', text: action.label.slice(0, BUTTON_LABEL_LIMIT), emoji: true },
    value: `${action.actionId}:${action.decision}`,
    ...(action.decision === 'confirm' ? { style: 'primary' as const } : {}),
  };
}

function uniqueDecisions(actions: ReplyAction[]): ReplyAction[] {
  return actions.filter(
    (action, index) => actions.findIndex((other) => other.decision === action.decision) === index,
  );
}

/** The notification text of a message holding only sources and buttons. */
function fallbackOf(message: ReplyMessage): string {
  if (message.citations.length > 0) return 'Sources / 来源';
  return [...new Set(message.actions.map((action) => action.label))].join(' / ') || ' ';
}
