import { findConcepts } from '../../knowledge/glossary.ts';
import { hanPairs } from '../../knowledge/segment.ts';
import { analyseText } from '../../knowledge/text-features.ts';

// Limitation: instruction-like sentences are spotted by pattern; a reworded one may be quoted.
/** Sentences that address the assistant rather than state a fact: never quoted. */
const INSTRUCTION = new RegExp(
  [
    '\\bignore\\b.{0,20}\\b(?:instructions?|previous|prior|above|rules)\\b',
    '\\bdisregard\\b',
    '\\bsystem prompt\\b',
    '\\byou are now\\b',
    '\\b(?:call|use|invoke|run) the \\w+ tool\\b',
    '\\bassistant\\s*:',
    '忽略.{0,8}(?:指令|指示|之前|以上|上面|规则)',
    '系统提示',
    '你现在是',
    '(?:请|立即)?调用.{0,12}工具',
  ].join('|'),
  'i',
);

/** Words of a question that say nothing about what is asked. */
const FILLER = new Set([
  'tell',
  'know',
  'give',
  'show',
  'find',
  'please',
  'about',
  'any',
  '告诉',
  '一下',
  '知道',
  '多少',
  '哪些',
]);

const SENTENCE_END = /(?<=[。！？!?；;])\s*|(?<=[.])\s+|\n+/;
const MARKUP = /^[#>*|\-\s]+|[*_`|]+/g;

/** A passage, the question it should answer and how much of it to quote. */
export interface QuoteOptions {
  text: string;
  question: string;
  /** Most sentences quoted; 2 by default. */
  maxSentences?: number;
  /** Longest quoted sentence in characters; longer ones are cut with an ellipsis. */
  maxLength?: number;
}

/**
 * The sentences of a passage that best answer the question, in passage order, quoted as
 * they are; the first sentence when none shares a word. Sentences that give orders to an
 * assistant are left out: passages are data, not instructions.
 */
export function quoteSentences(options: QuoteOptions): string {
  const sentences = splitSentences(options.text).filter((sentence) => !isInstruction(sentence));
  const terms = questionTerms(options.question);
  const ranked = sentences
    .map((sentence, index) => ({ sentence, index, score: overlap(sentence, terms) }))
    .sort((left, right) => right.score - left.score || left.index - right.index);

  const best = ranked[0]?.score ? ranked.filter((entry) => entry.score > 0) : ranked;
  const picked = best.slice(0, options.maxSentences ?? 2).sort((a, b) => a.index - b.index);
  return picked.map((entry) => shorten(entry.sentence, options.maxLength ?? 180)).join(' ');
}

// Limitation: relevance is word overlap (with glossary concepts); a paraphrase counts as no answer.
/** True when a passage shares a word, a Chinese character pair or a concept with the question. */
export function answersQuestion(text: string, question: string): boolean {
  const terms = questionTerms(question);
  const shared = overlap(text, terms);
  if (terms.size <= 2) return shared > 0;
  return shared >= 2 && shared / terms.size >= MIN_COVERAGE;
}

/** The text without its sentences that give an assistant orders. */
export function withoutInstructions(text: string): string {
  if (!isInstruction(text)) return text;
  return splitSentences(text)
    .filter((sentence) => !isInstruction(sentence))
    .join(' ');
}

/** True for text that gives an assistant orders, e.g. "ignore previous instructions". */
export function isInstruction(text: string): boolean {
  return INSTRUCTION.test(text);
}

function splitSentences(text: string): string[] {
  return text
    .split(SENTENCE_END)
    .map((sentence) => sentence.replace(MARKUP, '').trim())
    .filter((sentence) => sentence.length > 1);
}

/** Share of the question's terms a passage must contain to count as answering it. */
const MIN_COVERAGE = 0.35;

function questionTerms(question: string): Set<string> {
  return new Set([...termsOf(question)].filter((term) => !FILLER.has(term)));
}

function termsOf(text: string): Set<string> {
  const features = analyseText(text);
  const terms = new Set<string>(features.contentWords.filter((word) => word.length > 1));
  for (const run of features.hanRuns) for (const pair of hanPairs(run)) terms.add(pair);
  for (const concept of findConcepts(features)) terms.add(`concept:${concept}`);
  return terms;
}

function overlap(text: string, terms: ReadonlySet<string>): number {
  let shared = 0;
  for (const term of termsOf(text)) if (terms.has(term)) shared += 1;
  return shared;
}

function shorten(sentence: string, maxLength: number): string {
  const characters = [...sentence];
  return characters.length <= maxLength ? sentence : `${characters.slice(0, maxLength).join('')}…`;
}
