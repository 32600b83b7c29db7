/** Inline markup of Dealwise's light markdown: `code`, **bold**, [text](https://link). */
const INLINE = /`([^`\n]+)`|\*\*([^*\n]+?)\*\*|\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g;

const HEADING = /^#{1,6}\s+(.+)$/;
const BULLET = /^(\s*)[-*]\s+(.*)$/;

/** Escapes text for Telegram's HTML parse mode, which needs only &, < and > escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value such as a link's `href`. */
export function escapeAttribute(text: string): string {
  return escapeHtml(text).replace(/"/g, '&quot;');
}

/**
 * Renders Dealwise's light markdown as Telegram HTML: `**bold**` and `# headings` in <b>,
 * `` `code` `` in <code>, `[text](url)` as a link, `- ` items as bullets, everything else
 * escaped. What a reader sees is never longer than the markdown, so a piece split to the limit
 * stays within it; markup left open by a split is shown as typed, never as a broken tag.
 */
export function renderTelegramHtml(markdown: string): string {
  return markdown.split('\n').map(renderLine).join('\n');
}

/** The text a reader sees in a Telegram HTML message: tags dropped, entities decoded. */
export function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

function renderLine(line: string): string {
  const heading = HEADING.exec(line);
  if (heading) return `<b>${escapeHtml(withoutInlineMarkup(heading[1] ?? ''))}</b>`;

  const bullet = BULLET.exec(line);
  if (bullet) return `${bullet[1] ?? ''}• ${renderInline(bullet[2] ?? '')}`;
  return renderInline(line);
}

function renderInline(text: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    html += escapeHtml(text.slice(last, match.index));
    html += renderMarkup(match);
    last = match.index + match[0].length;
  }
  return html + escapeHtml(text.slice(last));
}

function renderMarkup(match: RegExpMatchArray): string {
  const [, code, bold, linkText, url] = match;
  if (code !== undefined) return `<code>${escapeHtml(code)}</code>`;
  if (bold !== undefined) return `<b>${escapeHtml(bold)}</b>`;
  return `<a href="${escapeAttribute(url ?? '')}">${escapeHtml(linkText ?? '')}</a>`;
}

/** A heading is bold already; its inline markers are dropped rather than nested. */
function withoutInlineMarkup(text: string): string {
  return text.replace(INLINE, (_match, code, bold, linkText) => code ?? bold ?? linkText ?? '');
}
