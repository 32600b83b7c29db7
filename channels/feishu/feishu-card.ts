/**
 * Dealwise replies as Feishu message cards (msg_type `interactive`, card JSON 1.0): the text in
 * lark_md `div`s, a numbered 来源 / Sources list with links, and confirm/cancel buttons whose
 * `value` carries only the action id and the decision.
 */
import type { ReplyAction, ReplyCitation, ReplyMessage } from '../../messaging/reply-message.ts';
import { splitText } from '../split-text.ts';

/**
 * The most visible characters (UTF-16 units) in one card. Feishu caps a card's JSON at 30 KB;
 * 4,000 characters stay under it even when every character is a 3-byte Chinese one or an
 * escaped `&lt;`, and keep a card readable on a phone.
 */
export const FEISHU_CARD_TEXT_LIMIT = 4000;

/** Longest title or locator shown in the sources list, so the list cannot outgrow a card. */
const CITATION_PART_LIMIT = 200;

/** One element of a card: a lark_md block, a divider or a row of buttons. */
export type FeishuCardElement =
  | { tag: 'div'; text: { tag: 'lark_md'; content: string } }
  | { tag: 'hr' }
  | { tag: 'action'; actions: FeishuButton[] };

/** A callback button; pressing it sends `card.action.trigger` with this `value`. */
export interface FeishuButton {
  tag: 'button';
  text: { tag: 'plain_text'; content: string };
  type: 'primary' | 'default';
  value: { actionId: string; decision: 'confirm' | 'cancel' };
}

/** A message card, sent as the JSON text of a message's `content`. */
export interface FeishuCard {
  /** `update_multi`: a shared card, which Dealwise can redraw for everyone after a press. */
  config: { wide_screen_mode: true; update_multi: true };
  elements: FeishuCardElement[];
}

interface SizedCard {
  card: FeishuCard;
  /** Visible characters so far, counted as markdown (links count in full). */
  length: number;
}

/**
 * Formats a reply as cards of at most FEISHU_CARD_TEXT_LIMIT visible characters each. The
 * sources go under the last piece of text, or on cards of their own when they would push it
 * over the limit; the buttons go on the last card. An empty reply gives no card.
 */
export function feishuCards(message: ReplyMessage): FeishuCard[] {
  const cards: SizedCard[] = splitText(message.text, FEISHU_CARD_TEXT_LIMIT).map((piece) => ({
    card: card([markdownDiv(escapeLarkMarkdown(piece))]),
    length: piece.length,
  }));

  const sources = sourcesMarkdown(message.citations);
  for (const [index, piece] of splitText(sources, FEISHU_CARD_TEXT_LIMIT).entries()) {
    const last = cards.at(-1);
    if (index === 0 && last && last.length + piece.length <= FEISHU_CARD_TEXT_LIMIT) {
      last.card.elements.push({ tag: 'hr' }, markdownDiv(piece));
      last.length += piece.length;
    } else {
      cards.push({ card: card([markdownDiv(piece)]), length: piece.length });
    }
  }

  if (message.actions.length > 0) {
    const last = cards.at(-1) ?? { card: card([]), length: 0 };
    if (cards.length === 0) cards.push(last);
    last.card.elements.push(buttonRow(message.actions));
  }
  return cards.map((sized) => sized.card);
}

/**
 * Escapes what lark_md would read as markup rather than text: `&`, `<` and `>`, so that a
 * document quoted in an answer cannot, say, mention everyone with `<at id=all>`.
 */
export function escapeLarkMarkdown(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function sourcesMarkdown(citations: readonly ReplyCitation[]): string {
  if (citations.length === 0) return '';
  const lines = citations.map((citation) => `[${citation.n}] ${citationMarkdown(citation)}`);
  return ['**来源 / Sources**', ...lines].join('\n');
}

function citationMarkdown(citation: ReplyCitation): string {
  const title = escapeLarkMarkdown(shorten(citation.title));
  const locator = citation.locator ? ` · ${escapeLarkMarkdown(shorten(citation.locator))}` : '';
  const url = citation.url && /^https?:\/\//.test(citation.url) ? citation.url : undefined;
  if (url === undefined) return `${title}${locator}`;

  // Brackets in the title and parentheses in the URL would end the link early.
  const label = title.replaceAll('[', '(').replaceAll(']', ')');
  const target = url.replaceAll('(', '%28').replaceAll(')', '%29').replaceAll(' ', '%20');
  return `[${label}](${target})${locator}`;
}

function buttonRow(actions: readonly ReplyAction[]): FeishuCardElement {
  return {
    tag: 'action',
    actions: actions.map((action) => ({
      tag: 'button',
      text: { tag: 'plain_text', content: action.label },
      type: action.decision === 'confirm' ? 'primary' : 'default',
      value: { actionId: action.actionId, decision: action.decision },
    })),
  };
}

function markdownDiv(content: string): FeishuCardElement {
  return { tag: 'div', text: { tag: 'lark_md', content } };
}

function card(elements: FeishuCardElement[]): FeishuCard {
  return { config: { wide_screen_mode: true, update_multi: true }, elements };
}

function shorten(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= CITATION_PART_LIMIT ? clean : `${clean.slice(0, CITATION_PART_LIMIT)}…`;
}
