import { CHINESE_DIGITS, CHINESE_MAGNITUDES, chineseNumber } from '../../lib/chinese-numerals.ts';
import { normalizeForMatch } from './normalize-for-match.ts';

export { chineseNumber };

/** A number stated in a text: its value, whether it is a percentage, and how it was written. */
export interface NumberMention {
  value: number;
  percent: boolean;
  /** `arabic` for digits (70, 3.5, 70%), `chinese` for numerals (百分之七十, 七成, 两千). */
  script: 'arabic' | 'chinese';
}

const NUMERAL = '[零〇一二两三四五六七八九十百千万亿]';
const ARABIC = /(\d+(?:\.\d+)?)\s*(%|percent\b|成)?\s*([万亿])?/g;
const CHINESE_PERCENT = new RegExp(`百分之(${NUMERAL}+(?:点[零〇一二三四五六七八九]+)?)`, 'g');
const CHINESE_TENTHS = /([一二三四五六七八九十])成([一二三四五六七八九])?/g;
// Limitation: a lone Chinese numeral counts only before a measure word; 一次性 and 第一 are skipped.
const CHINESE_COUNT = new RegExp(
  `(${NUMERAL}{2,}|${NUMERAL}(?=[个把台天年次家人床位名周件套])(?!次性))`,
  'g',
);

/**
 * The numbers a text states, Chinese or English: digits with an optional `%`, `成`, `万` or
 * `亿`, and Chinese numerals as percentages (百分之七十, 七成) or counts (两千, 三个).
 */
export function numbersIn(text: string): NumberMention[] {
  const normalized = normalizeForMatch(text);
  const mentions: NumberMention[] = [];
  const taken: [number, number][] = [];
  const claim = (start: number, length: number): boolean => {
    if (taken.some(([from, to]) => start < to && start + length > from)) return false;
    taken.push([start, start + length]);
    return true;
  };

  for (const match of normalized.matchAll(CHINESE_PERCENT)) {
    const value = chineseNumber(match[1] ?? '');
    if (value !== undefined && claim(match.index, match[0].length)) {
      mentions.push({ value, percent: true, script: 'chinese' });
    }
  }
  for (const match of normalized.matchAll(CHINESE_TENTHS)) {
    const tenths = chineseNumber(match[1] ?? '') ?? 0;
    const hundredths = match[2] ? (CHINESE_DIGITS[match[2]] ?? 0) : 0;
    if (claim(match.index, match[0].length)) {
      mentions.push({ value: tenths * 10 + hundredths, percent: true, script: 'chinese' });
    }
  }
  for (const match of normalized.matchAll(ARABIC)) {
    if (!claim(match.index, match[0].length)) continue;
    mentions.push(...arabicMentions(match));
  }
  for (const match of normalized.matchAll(CHINESE_COUNT)) {
    const value = chineseNumber(match[1] ?? '');
    if (value !== undefined && claim(match.index, match[0].length)) {
      mentions.push({ value, percent: false, script: 'chinese' });
    }
  }
  return mentions;
}

/**
 * True when two stated numbers agree within the tolerance; a percentage also agrees with
 * its ratio (70% with 0.7).
 */
export function sameNumber(
  left: { value: number; percent: boolean },
  right: { value: number; percent: boolean },
  tolerance = 0,
): boolean {
  const slack = Math.max(tolerance, 1e-9);
  return readings(left).some((a) => readings(right).some((b) => Math.abs(a - b) <= slack));
}

function arabicMentions(match: RegExpMatchArray): NumberMention[] {
  const value = Number(match[1]);
  const unit = match[2];
  const section = match[3];
  if (unit === '%' || unit === 'percent') return [{ value, percent: true, script: 'arabic' }];
  if (unit === '成') return [{ value: value * 10, percent: true, script: 'arabic' }];

  const plain: NumberMention = { value, percent: false, script: 'arabic' };
  if (!section) return [plain];
  const scaled = value * (CHINESE_MAGNITUDES[section] ?? 1);
  return [plain, { value: scaled, percent: false, script: 'arabic' }];
}

function readings(mention: { value: number; percent: boolean }): number[] {
  return mention.percent ? [mention.value, mention.value / 100] : [mention.value];
}
