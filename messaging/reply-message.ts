/** A source the answer cites, as a chat reply shows it. */
export interface ReplyCitation {
  /** The `[n]` marker in the text. */
  n: number;
  title: string;
  /** Heading, page or date inside the source. */
  locator: string;
  /** Where a reader can open the source, when there is such a place. */
  url?: string | undefined;
}

/** A button under a reply; pressing it comes back as an `action` event with this id. */
export interface ReplyAction {
  /** The `channel_actions` row; short enough for Telegram's 64-byte callback data. */
  actionId: string;
  decision: 'confirm' | 'cancel';
  label: string;
}

/**
 * What Dealwise says in a chat, before any platform's formatting: text in light markdown
 * (`**bold**`, `` `code` ``, `- ` lists, `[n]` citation markers), the sources, and buttons.
 */
export interface ReplyMessage {
  text: string;
  citations: ReplyCitation[];
  actions: ReplyAction[];
}

/** A reply with text only. */
export function textReply(text: string): ReplyMessage {
  return { text, citations: [], actions: [] };
}

/** A plain "来源：" or "Sources:" list closing a text, as the offline model writes one. */
const TRAILING_SOURCE_LIST = /\n+(?:来源|Sources)[:：]\n(?:\[\d+\][^\n]*(?:\n|$))+$/;

/**
 * The answer text without a plain source list at its end, when the reply carries the
 * citations itself: every platform shows them as its own linked list.
 */
export function withoutTrailingSourceList(
  text: string,
  citations: readonly ReplyCitation[],
): string {
  return citations.length > 0 ? text.replace(TRAILING_SOURCE_LIST, '').trimEnd() : text;
}
