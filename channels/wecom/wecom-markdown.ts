import { messageLanguage } from '../../agent/offline/message-language.ts';
import type { ReplyCitation, ReplyMessage } from '../../messaging/reply-message.ts';
import { splitTextByBytes } from './split-text-by-bytes.ts';

/** WeCom's cap on an app message's markdown content, in UTF-8 bytes. */
export const WECOM_MARKDOWN_MAX_BYTES = 2048;

/** WeCom's cap on a group robot's markdown content, in UTF-8 bytes. */
export const WECOM_ROBOT_MARKDOWN_MAX_BYTES = 4096;

/**
 * Renders a reply's text and sources as WeCom markdown (`**bold**`, `[text](url)`, `> quote`),
 * split into pieces of at most `maxBytes` UTF-8 bytes, breaking between paragraphs and lines
 * first, so a source's link is never cut. Buttons are not part of it; see wecomConfirmCards.
 */
export function formatWecomMarkdown(
  message: Pick<ReplyMessage, 'text' | 'citations'>,
  maxBytes: number = WECOM_MARKDOWN_MAX_BYTES,
): string[] {
  // Limitation: a piece boundary inside a **bold** span leaves the span unrendered in both.
  const sources = sourcesBlock(message);
  const markdown = sources ? `${message.text.trim()}\n\n${sources}` : message.text.trim();
  return splitTextByBytes(markdown, maxBytes);
}

/** A "来源" (or "Sources") list: one line per citation, its title linked where possible. */
function sourcesBlock(message: Pick<ReplyMessage, 'text' | 'citations'>): string | undefined {
  if (message.citations.length === 0) return undefined;

  const heading = messageLanguage(message.text) === 'zh' ? '来源' : 'Sources';
  const lines = [...message.citations].sort((a, b) => a.n - b.n).map(citationLine);
  return `**${heading}**\n${lines.join('\n')}`;
}

function citationLine(citation: ReplyCitation): string {
  const title = linkText(citation.title);
  const url = safeUrl(citation.url);
  const source = url ? `[${title}](${url})` : title;
  const locator = oneLine(citation.locator);
  return `> [${citation.n}] ${source}${locator ? ` · ${locator}` : ''}`;
}

/** Brackets would end the link text early; WeCom has no escape, so use full-width ones. */
function linkText(text: string): string {
  return oneLine(text).replaceAll('[', '【').replaceAll(']', '】') || '—';
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** An http(s) URL with the characters that would end a markdown link encoded; else none. */
function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined || !/^https?:\/\//i.test(url) || !URL.canParse(url)) return undefined;
  const encoded = url.replace(/[\s<>]/g, (character) => encodeURIComponent(character));
  return encoded.replaceAll('(', '%28').replaceAll(')', '%29');
}
