import { findConcepts, GLOSSARY } from './glossary.ts';
import { hanPairs } from './segment.ts';
import { analyseText } from './text-features.ts';

/** An account's names, as the tenant's CRM holds them. */
export interface AccountNames {
  nameZh: string | null;
  nameEn: string | null;
}

const entries = new Map(GLOSSARY.map((entry) => [entry.concept, entry]));

/**
 * Words to add to a query so that it reaches passages in the other language: the other
 * forms of each glossary concept it mentions (报销比例 → reimbursement ratio), and the
 * other name of each account it names (Dongpu → 上海东浦医院).
 */
export function expandQuery(query: string, accounts: readonly AccountNames[]): string[] {
  const lower = query.normalize('NFKC').toLowerCase();
  const expansions = new Set<string>();

  for (const concept of new Set(findConcepts(analyseText(query)))) {
    const entry = entries.get(concept);
    for (const form of [...(entry?.chinese ?? []), ...(entry?.english ?? [])]) {
      if (!lower.includes(form.toLowerCase())) expansions.add(form);
    }
  }
  for (const name of namedAccounts(lower, accounts)) expansions.add(name);
  return [...expansions];
}

/**
 * The other-language names of the accounts a query names. An account is named when
 * the query holds a word of its English name, or a pair of characters of its Chinese
 * name, that no other account's name has: Dongpu or 东浦, but not Shanghai or 医院.
 */
function namedAccounts(lowerQuery: string, accounts: readonly AccountNames[]): string[] {
  const englishKeys = distinctiveKeys(accounts.map((account) => nameWords(account.nameEn)));
  const chineseKeys = distinctiveKeys(accounts.map((account) => hanPairs(account.nameZh ?? '')));
  const queryWords = new Set(nameWords(lowerQuery));
  const queryPairs = new Set(hanPairs(lowerQuery));

  const names: string[] = [];
  accounts.forEach((account, index) => {
    const byEnglish = englishKeys[index]?.some((word) => queryWords.has(word));
    const byChinese = chineseKeys[index]?.some((pair) => queryPairs.has(pair));
    if (byEnglish && account.nameZh) names.push(account.nameZh);
    if (byChinese && account.nameEn) names.push(account.nameEn);
  });
  return names;
}

/** For each name, its keys that appear in no other name. */
function distinctiveKeys(keysByName: string[][]): string[][] {
  const frequency = new Map<string, number>();
  for (const keys of keysByName) {
    for (const key of new Set(keys)) frequency.set(key, (frequency.get(key) ?? 0) + 1);
  }
  return keysByName.map((keys) => keys.filter((key) => frequency.get(key) === 1));
}

/** The words of an English name that can tell it apart: four letters or more, no possessive. */
export function nameWords(text: string | null): string[] {
  return (text?.toLowerCase().match(/[a-z][a-z']{3,}/g) ?? []).map((word) =>
    word.replace(/'s$/, ''),
  );
}
