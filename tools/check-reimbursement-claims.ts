import type { Caller } from '../auth/caller.ts';
import type { Database } from '../db/client.ts';
import { chineseNumber } from '../lib/chinese-numerals.ts';
import { NotFoundError } from '../lib/errors.ts';
import { callerToday, lookupPolicy } from './lookup-policy.ts';
import { regionsMentioned } from './region-names.ts';
import { type ProductRow, productAliases } from './resolve-product.ts';
import type { ToolCitation } from './tool-citation.ts';

/** What the policy table says about one reimbursement ratio stated in a text. */
export interface ClaimCheck {
  /** The sentence that states the ratio. */
  claim: string;
  productCode: string | null;
  region: string;
  /** The ratio stated, 0 to 1. */
  stated: number;
  /** The ratio in effect, 0 to 1; null when no rule was found. */
  actual: number | null;
  verdict: 'consistent' | 'contradicted' | 'unknown';
  /** The rule's source; null when the verdict is unknown. */
  citation: ToolCitation | null;
  /** Why the verdict is unknown, when it is. */
  reason?: string;
}

export interface CheckReimbursementClaimsOptions {
  text: string;
  /** The region to check against unless a sentence names another one. */
  region: string;
  now: Date;
}

/** A ratio stated in a sentence, with the product it is about when one is named. */
interface StatedRatio {
  sentence: string;
  stated: number;
  product: ProductRow | null;
  region: string;
}

const REIMBURSEMENT_CUE =
  /报销|医保支付|基金支付|医保比例|reimburs|insurance (?:covers|pays)|covered by insurance/gi;
const OUT_OF_POCKET_CUE = /自付|自费|个人负担|co-?pay|out[- ]of[- ]pocket|patients? pays?/gi;
const CUE_WINDOW = 24;
/** Ratios this close are the same claim, whatever the rounding. */
const TOLERANCE = 0.005;

/**
 * Finds every reimbursement ratio stated in a text ("报销比例70%", "七成", "70% reimbursed")
 * and checks it against the rule in effect for the product and region. Works on any
 * text, so what the model writes can be checked as well as what a tool drafted.
 */
export async function checkReimbursementClaims(
  db: Database,
  caller: Caller,
  options: CheckReimbursementClaimsOptions,
): Promise<ClaimCheck[]> {
  const products = await productAliases(db, caller);
  const stated = statedRatios(options.text, { products, region: options.region });
  const date = callerToday(caller, options.now);

  const checks: ClaimCheck[] = [];
  for (const ratio of stated) checks.push(await checkRatio(db, caller, ratio, date));
  return checks;
}

async function checkRatio(
  db: Database,
  caller: Caller,
  ratio: StatedRatio,
  date: string,
): Promise<ClaimCheck> {
  const base = { claim: ratio.sentence, region: ratio.region, stated: ratio.stated };
  if (!ratio.product) {
    return {
      ...base,
      productCode: null,
      actual: null,
      verdict: 'unknown',
      citation: null,
      reason: 'no product named',
    };
  }

  const productCode = ratio.product.code;
  try {
    const rule = await lookupPolicy(db, caller, {
      product: productCode,
      region: ratio.region,
      date,
    });
    const consistent = Math.abs(rule.reimbursementRatio - ratio.stated) < TOLERANCE;
    return {
      ...base,
      productCode,
      actual: rule.reimbursementRatio,
      verdict: consistent ? 'consistent' : 'contradicted',
      citation: rule.citation,
    };
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    return {
      ...base,
      productCode,
      actual: null,
      verdict: 'unknown',
      citation: null,
      reason: error.message,
    };
  }
}

// Limitation: a sentence is checked against the first region it names, else the given one.
// Limitation: a ratio with no product in its sentence is taken to be about the last product named.
/** The reimbursement ratios a text states, sentence by sentence. */
function statedRatios(
  text: string,
  context: { products: { product: ProductRow; aliases: string[] }[]; region: string },
): StatedRatio[] {
  const found: StatedRatio[] = [];
  let lastProduct: ProductRow | null = null;
  for (const sentence of sentences(text)) {
    const mentions = productMentions(sentence, context.products);
    const region = regionsMentioned(sentence)[0]?.region ?? context.region;
    for (const percent of percentages(sentence)) {
      if (!isReimbursementRatio(sentence, percent.index)) continue;
      const product = nearestProduct(mentions, percent.index) ?? lastProduct;
      found.push({ sentence: sentence.trim(), stated: percent.value / 100, product, region });
    }
    lastProduct = mentions.at(-1)?.product ?? lastProduct;
  }
  return found;
}

function sentences(text: string): string[] {
  return text
    .split(/(?<=[。！？；!?;\n])|(?<=\.)\s+/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

// Limitation: ratios spelled in English words ("seventy percent") or as 七成五 are not found.
/** Percentages written as 70%, 70％, 70 percent, 百分之七十 or 七成, with where they start. */
function percentages(sentence: string): { value: number; index: number }[] {
  const found: { value: number; index: number }[] = [];
  for (const match of sentence.matchAll(/(\d{1,3}(?:\.\d+)?)\s*(?:%|％|percent\b)/gi)) {
    found.push({ value: Number(match[1]), index: match.index });
  }
  for (const match of sentence.matchAll(/百分之([零一二两三四五六七八九十百\d.]+)/g)) {
    const value = parseChineseNumber(match[1] as string);
    if (value !== null) found.push({ value, index: match.index });
  }
  for (const match of sentence.matchAll(/([一二三四五六七八九十\d])成/g)) {
    const value = parseChineseNumber(match[1] as string);
    if (value !== null) found.push({ value: value * 10, index: match.index });
  }
  return found.filter((percent) => percent.value >= 0 && percent.value <= 100);
}

/** A number in Arabic or Chinese numerals (70, 七十, 八十五, 一百), else null. */
function parseChineseNumber(text: string): number | null {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  return chineseNumber(text) ?? null;
}

function isReimbursementRatio(sentence: string, index: number): boolean {
  const reimbursement = nearestCue(sentence, index, REIMBURSEMENT_CUE);
  if (reimbursement === null) return false;
  const outOfPocket = nearestCue(sentence, index, OUT_OF_POCKET_CUE);
  return outOfPocket === null || reimbursement < outOfPocket;
}

function nearestCue(sentence: string, index: number, cue: RegExp): number | null {
  let nearest: number | null = null;
  for (const match of sentence.matchAll(cue)) {
    const start = match.index;
    const end = start + match[0].length;
    const distance = end <= index ? index - end : Math.max(0, start - index);
    if (nearest === null || distance < nearest) nearest = distance;
  }
  return nearest !== null && nearest <= CUE_WINDOW ? nearest : null;
}

/** Product names in the sentence, longest first where they overlap, in order. */
function productMentions(
  sentence: string,
  products: { product: ProductRow; aliases: string[] }[],
): { product: ProductRow; index: number }[] {
  const lower = sentence.toLowerCase();
  const candidates = products.flatMap(({ product, aliases }) =>
    aliases.flatMap((alias) =>
      occurrences(lower, alias.toLowerCase()).map((index) => ({
        product,
        index,
        length: alias.length,
      })),
    ),
  );
  candidates.sort((left, right) => right.length - left.length);

  const taken: { product: ProductRow; index: number; length: number }[] = [];
  for (const candidate of candidates) {
    const overlaps = taken.some(
      (kept) =>
        candidate.index < kept.index + kept.length &&
        kept.index < candidate.index + candidate.length,
    );
    if (!overlaps) taken.push(candidate);
  }
  return taken.sort((left, right) => left.index - right.index);
}

function occurrences(text: string, word: string): number[] {
  const found: number[] = [];
  for (let index = text.indexOf(word); index >= 0; index = text.indexOf(word, index + 1)) {
    found.push(index);
  }
  return found;
}

/** The product named closest before the percentage, else the closest after it. */
function nearestProduct(
  mentions: { product: ProductRow; index: number }[],
  index: number,
): ProductRow | null {
  const before = mentions.filter((mention) => mention.index < index).at(-1);
  return (before ?? mentions.find((mention) => mention.index > index))?.product ?? null;
}
