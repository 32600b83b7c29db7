/** What kind of CRM record an id in a message belongs to, from the words before it. */
export type RecordKind = 'lead' | 'deal' | 'contact' | 'account' | 'unknown';

/** A Dealwise record id (a UUID) named in a message. */
export interface RecordIdMention {
  id: string;
  kind: RecordKind;
}

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
/** An id from the tenant's own CRM, such as CRM-10001. */
const EXTERNAL_ID = /\b[A-Z]{2,6}-\d{4,}\b/g;
/** How far before an id its kind may be named ("lead 1f0e…", "商机 1f0e…"). */
const KIND_WINDOW = 16;

const KIND_WORDS: readonly (readonly [RecordKind, RegExp])[] = [
  ['deal', /deal|opportunity|商机|订单/i],
  ['contact', /contact|联系人/i],
  ['account', /account|客户|医院/i],
  ['lead', /lead|线索/i],
];

/** The UUIDs a message names, each with the kind of record the words before it say. */
export function recordIdMentions(text: string): RecordIdMention[] {
  const mentions: RecordIdMention[] = [];
  for (const match of text.matchAll(UUID)) {
    const before = text.slice(Math.max(0, match.index - KIND_WINDOW), match.index);
    mentions.push({ id: match[0].toLowerCase(), kind: kindNamedIn(before) });
  }
  return mentions;
}

/** The tenant's own CRM ids a message names, e.g. CRM-10001. */
export function externalIdMentions(text: string): string[] {
  return [...new Set(text.match(EXTERNAL_ID) ?? [])];
}

function kindNamedIn(text: string): RecordKind {
  let found: { kind: RecordKind; at: number } = { kind: 'unknown', at: -1 };
  for (const [kind, pattern] of KIND_WORDS) {
    const at = lastMatchIndex(text, pattern);
    if (at > found.at) found = { kind, at };
  }
  return found.kind;
}

function lastMatchIndex(text: string, pattern: RegExp): number {
  const global = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`);
  let last = -1;
  for (const match of text.matchAll(global)) last = match.index;
  return last;
}
