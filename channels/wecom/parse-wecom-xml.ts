import { InputError } from '../../lib/errors.ts';

/** The child elements of a WeCom XML document, by element name, as text. */
export type WecomFields = Readonly<Record<string, string>>;

interface Element {
  name: string;
  inner: string;
  end: number;
}

const OPEN_TAG = /<([A-Za-z_][\w.-]*)(?:\s[^<>]*?)?(\/?)>/y;
const CDATA_SECTION = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

/**
 * Reads the flat XML WeCom sends: the envelope (ToUserName, Encrypt, AgentID) and decrypted
 * messages (MsgType, Content, FromUserName, MsgId, CreateTime, Event...). Returns each direct
 * child of the root as text: CDATA kept exactly, other text trimmed with the five XML entities
 * and numeric references decoded. A child that has children of its own gives its inner XML.
 * The first of repeated names wins. DOCTYPEs are refused, so no entity expansion can happen.
 */
export function parseWecomXml(xml: string): WecomFields {
  // Limitation: no size cap here; the HTTP layer must bound the body before it reaches this.
  const start = skipProlog(xml);
  const root = readElement(xml, start);
  if (skipIgnorable(xml, root.end) !== xml.length) {
    throw malformed('Only whitespace and comments may follow the root element.');
  }

  const fields: Record<string, string> = {};
  let position = skipIgnorable(root.inner, 0);
  while (position < root.inner.length) {
    const child = readElement(root.inner, position);
    if (!Object.hasOwn(fields, child.name)) fields[child.name] = textOf(child.inner);
    position = skipIgnorable(root.inner, child.end);
  }
  return fields;
}

function skipProlog(xml: string): number {
  let position = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  position = skipIgnorable(xml, position);
  if (xml.startsWith('<?', position)) {
    const end = xml.indexOf('?>', position);
    if (end === -1) throw malformed('The XML declaration is not closed.');
    position = skipIgnorable(xml, end + 2);
  }
  return position;
}

/** Skips whitespace and comments. */
function skipIgnorable(source: string, from: number): number {
  let position = from;
  for (;;) {
    while (position < source.length && /\s/.test(source.charAt(position))) position += 1;
    if (!source.startsWith('<!--', position)) return position;
    const end = source.indexOf('-->', position + 4);
    if (end === -1) throw malformed('A comment is not closed.');
    position = end + 3;
  }
}

function readElement(source: string, start: number): Element {
  OPEN_TAG.lastIndex = start;
  const open = OPEN_TAG.exec(source);
  if (!open?.[1]) throw malformed(`Expected an element at offset ${start}.`);

  const name = open[1];
  const contentStart = start + open[0].length;
  if (open[2] === '/') return { name, inner: '', end: contentStart };

  const close = findClosingTag({ source, name, from: contentStart });
  return { name, inner: source.slice(contentStart, close.start), end: close.end };
}

/** Finds `</name>` for an element, skipping CDATA and nested elements of the same name. */
function findClosingTag(options: { source: string; name: string; from: number }): {
  start: number;
  end: number;
} {
  const { source, name } = options;
  const closing = new RegExp(`</${escapeRegExp(name)}\\s*>`, 'y');
  const nested = new RegExp(`<${escapeRegExp(name)}(?:\\s[^<>]*?)?(/?)>`, 'y');
  let depth = 0;
  let position = source.indexOf('<', options.from);

  while (position !== -1) {
    if (source.startsWith('<![CDATA[', position)) {
      const end = source.indexOf(']]>', position);
      if (end === -1) throw malformed(`A CDATA section in <${name}> is not closed.`);
      position = source.indexOf('<', end + 3);
      continue;
    }

    closing.lastIndex = position;
    const closeMatch = closing.exec(source);
    if (closeMatch) {
      if (depth === 0) return { start: position, end: position + closeMatch[0].length };
      depth -= 1;
    } else {
      nested.lastIndex = position;
      const openMatch = nested.exec(source);
      if (openMatch && openMatch[1] !== '/') depth += 1;
    }
    position = source.indexOf('<', position + 1);
  }
  throw malformed(`<${name}> is not closed.`);
}

function textOf(inner: string): string {
  const outside = inner.replace(CDATA_SECTION, '');
  if (outside.includes('<')) return inner.trim();

  const sections = [...inner.matchAll(CDATA_SECTION)];
  if (sections.length === 0) return decodeEntities(inner.trim());

  let text = '';
  let position = 0;
  for (const section of sections) {
    text += decodeEntities(inner.slice(position, section.index).trim());
    text += section[1] ?? '';
    position = section.index + section[0].length;
  }
  return text + decodeEntities(inner.slice(position).trim());
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9A-Fa-f]+|#\d+|[A-Za-z]+);/g, (entity, body: string) => {
    if (body.startsWith('#')) {
      const isHex = body[1] === 'x';
      const codePoint = Number.parseInt(body.slice(isHex ? 2 : 1), isHex ? 16 : 10);
      return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : entity;
    }
    return NAMED_ENTITIES[body] ?? entity;
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

function malformed(message: string): InputError {
  return new InputError({ code: 'wecom_payload_malformed', message: `WeCom XML: ${message}` });
}
