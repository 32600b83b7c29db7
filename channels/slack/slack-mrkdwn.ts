/** Code spans and fenced blocks, kept as they are apart from escaping. */
const CODE = /(```[\s\S]*?```|`[^`\n]+`)/g;

/**
 * Turns Dealwise's light markdown into Slack mrkdwn: `&`, `<` and `>` escaped everywhere,
 * `**bold**` → `*bold*`, `*italic*` → `_italic_`, `~~struck~~` → `~struck~`, headings bold,
 * `- ` and `* ` items as bullets, `[label](https://…)` → `<https://…|label>`. Code spans and
 * `[n]` citation markers stay as written.
 */
export function toMrkdwn(markdown: string): string {
  return markdown
    .split(CODE)
    .map((part, index) => (index % 2 === 1 ? escapeMrkdwn(part) : convertProse(part)))
    .join('');
}

/** Escapes the three characters Slack reserves for its markup. */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * A Slack link to `url` showing `label`; the label loses the `|` that would end it early.
 * Only http(s) URLs are linked; anything else is shown as text.
 */
export function mrkdwnLink(url: string, label: string): string {
  const text = escapeMrkdwn(label.replaceAll('|', '｜'));
  if (!/^https?:\/\//i.test(url)) return text;
  return `<${escapeMrkdwn(url).replaceAll('|', '%7C')}|${text}>`;
}

function convertProse(text: string): string {
  const BOLD = '\uE001';
  const links: string[] = [];
  const converted = escapeWithLinks(text, links)
    .replace(/^[ \t]*#{1,6}[ \t]+(.+?)[ \t]*#*$/gm, `${BOLD}$1${BOLD}`)
    .replace(/^([ \t]*)[-*+][ \t]+/gm, '$1• ')
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, `${BOLD}$1${BOLD}`)
    .replace(/__(?=\S)([\s\S]*?\S)__/g, `${BOLD}$1${BOLD}`)
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])/g, '$1_$2_')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '~$1~')
    .replaceAll(BOLD, '*');
  return converted.replace(/\uE000(\d+)\uE000/g, (_, index: string) => links[Number(index)] ?? '');
}

/** Escapes the text; markdown links become Slack links, held aside as numbered placeholders. */
function escapeWithLinks(text: string, links: string[]): string {
  const LINK = /\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g;
  let result = '';
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    result += escapeMrkdwn(text.slice(last, match.index));
    result += `\uE000${links.push(mrkdwnLink(match[2] ?? '', match[1] ?? '')) - 1}\uE000`;
    last = match.index + match[0].length;
  }
  return result + escapeMrkdwn(text.slice(last));
}
