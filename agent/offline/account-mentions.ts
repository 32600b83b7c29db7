import { type AccountNames, nameWords } from '../../knowledge/query-expansion.ts';
import { hanPairs } from '../../knowledge/segment.ts';
import { regionMentions } from './region-mentions.ts';

/** An account's Chinese and English names, as the tenant's CRM holds them. */
export type { AccountNames };

const ORGANISATION_ENDINGS =
  '(?:医院|保健院|卫生院|门诊部|诊所|检验所|实验室|卫生服务中心|中心|集团|有限公司|公司)';
/** A phrase ending like a Chinese organisation's name: what marks it as an account's name. */
const CHINESE_NAME = new RegExp(`[\\p{Script=Han}A-Za-z0-9]{1,14}?${ORGANISATION_ENDINGS}`, 'u');
const CHINESE_ENDING = new RegExp(`${ORGANISATION_ENDINGS}$`, 'u');
/** Words that end the lead-in before a Chinese name: 给 | 介绍一下 | 关于 … */
const CHINESE_LEAD_IN =
  /(?:请|帮我|帮忙|我想|了解一下|了解|介绍一下|介绍|告诉我|说说|看看|看一下|查一下|查查|关于|给|为|向|跟|和|与|对|在|把|从|的)/g;
/** A run of capitalised English words ending like an organisation's name. */
const ENGLISH_NAME =
  /\b((?:[A-Z][\w'&.-]*\s+){0,5}(?:Hospital|Clinic|Center|Centre|Laboratory|Group|Co\.|Ltd\.?))/;
/** Capitalised words after a preposition: "about Dongpu", "to Guling Hospital". */
const ENGLISH_AFTER_PREPOSITION = new RegExp(
  '\\b(?:about|of|for|on|to|at|with|regarding)\\s+' +
    "((?:the\\s+)?[A-Z][\\w'&.-]*(?:\\s+[A-Z][\\w'&.-]*){0,5})",
);
/** Words of organisation names that say what kind it is, not which one. */
const GENERIC_WORDS = new Set(
  (
    'hospital medical healthcare health group company clinic center centre laboratory ' +
    "people's district central affiliated university trading supply chain logistics " +
    'technology devices equipment management maternal child maternity cardiovascular ' +
    'cancer outpatient community first second third area'
  ).split(' '),
);
/** Capitalised words that name something other than an account. */
const NOT_ACCOUNT = /^(?:I|HK-\S*|CRM-\S*|[A-Z]\d{19})$/;

/**
 * The accounts a message names, as references a tool can resolve. With the tenant's
 * account names, an account is named by a word or a pair of characters of its name that
 * no other account's name has (Dongpu, 东浦) and its full name is returned; otherwise the
 * phrase that looks like an organisation's name is passed on for the tool to resolve.
 */
export function accountMentions(text: string, accountNames: readonly AccountNames[]): string[] {
  const known = knownAccounts(text, accountNames);
  if (known.length > 0) return known;

  const phrase = organisationPhrase(text);
  return phrase === undefined ? [] : [phrase];
}

/** Names of the tenant's accounts the text names by a distinctive part, best match first. */
function knownAccounts(text: string, accountNames: readonly AccountNames[]): string[] {
  const lower = text.normalize('NFKC').toLowerCase();
  const words = new Set(nameWords(lower));
  const pairs = new Set(hanPairs(lower));
  const englishKeys = distinctive(accountNames.map((account) => nameWords(account.nameEn)));
  const chineseKeys = distinctive(accountNames.map((account) => hanPairs(bare(account) ?? '')));

  return accountNames
    .map((account, index) => {
      const hits =
        (englishKeys[index] ?? []).filter((word) => words.has(word)).length +
        (chineseKeys[index] ?? []).filter((pair) => pairs.has(pair)).length;
      return { name: account.nameZh ?? account.nameEn ?? '', hits };
    })
    .filter((candidate) => candidate.hits > 0 && candidate.name !== '')
    .sort((left, right) => right.hits - left.hits)
    .map((candidate) => candidate.name);
}

/** The Chinese name without the place it starts with, so 上海东浦 does not yield 海东. */
function bare(account: AccountNames): string | null {
  return account.nameZh?.replace(/^\p{Script=Han}{2}(?:市|省)?(?=\p{Script=Han}{2})/u, '') ?? null;
}

/** For each name, its keys that no other name has. */
function distinctive(keysByName: string[][]): string[][] {
  const named = keysByName.map((keys) => keys.filter(isNameKey));
  const counts = new Map<string, number>();
  for (const keys of named) {
    for (const key of new Set(keys)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return named.map((keys) => keys.filter((key) => counts.get(key) === 1));
}

/** False for a place or a generic word, which says where or what but not which account. */
function isNameKey(key: string): boolean {
  return !GENERIC_WORDS.has(key) && regionMentions(key).length === 0;
}

// Limitation: without the tenant's account names, only names with an organisation ending are found.
/** The phrase of a message that looks like an organisation's name, if any. */
function organisationPhrase(text: string): string | undefined {
  const chinese = CHINESE_NAME.exec(text)?.[0];
  if (chinese !== undefined) return namesOne(afterLeadIn(chinese));

  const english = ENGLISH_NAME.exec(text)?.[1] ?? ENGLISH_AFTER_PREPOSITION.exec(text)?.[1];
  const name = english?.replace(/^the\s+/i, '').trim();
  return name === undefined || name === '' || NOT_ACCOUNT.test(name) ? undefined : name;
}

/** The phrase, unless it is only a kind of organisation or a place and one (上海的医院 → 医院). */
function namesOne(phrase: string): string | undefined {
  const distinctive = phrase.replace(CHINESE_ENDING, '');
  const place = regionMentions(distinctive).length > 0 && distinctive.length <= 3;
  return distinctive.length < 2 || place ? undefined : phrase;
}

function afterLeadIn(phrase: string): string {
  let start = 0;
  for (const match of phrase.matchAll(CHINESE_LEAD_IN)) {
    const end = match.index + match[0].length;
    if (end < phrase.length - 1) start = Math.max(start, end);
  }
  return phrase.slice(start);
}
