import { segmentWords } from '../../knowledge/segment.ts';
import { isStopWord } from '../../knowledge/stop-words.ts';
import { answerText } from '../checks/answer-text.ts';
import { numbersIn, sameNumber } from '../checks/numbers-in-text.ts';

/** How much of an answer its evidence supports. */
export interface Groundedness {
  /** Answer sentences that carry content words. */
  sentences: number;
  supportedSentences: number;
  /** supportedSentences / sentences; 1 for an answer with no content sentences. */
  sentenceSupport: number;
  unsupported: string[];
  numbers: number;
  groundedNumbers: number;
  /** groundedNumbers / numbers; 1 for an answer without numbers. */
  numberSupport: number;
  ungroundedNumbers: number[];
}

/** Share of a sentence's content words that must occur in the evidence for it to count. */
export const DEFAULT_SUPPORT_THRESHOLD = 0.6;

const SENTENCE_END = /(?<=[。！？!?；;])|(?<=[.])\s+|\n+/;
const SOURCE_LIST = /^(?:来源|sources)\s*[:：]/im;
const MARKUP = /^[#>*\-\s]+|[*_`|]+/g;

// Limitation: support is lexical overlap; a sentence that reorders the evidence's words to
// say something false still counts as supported, and a faithful paraphrase may not.
/**
 * Groundedness of an answer against the passages and tool outputs of its turn: the share of
 * its sentences whose content words (segmented, stop words left out) mostly occur in the
 * evidence, and the share of its numbers that occur there too. The source list at the end
 * and lines that introduce a list (ending with a colon) are not judged.
 */
export function groundedness(options: {
  answer: string;
  evidence: readonly string[];
  threshold?: number;
}): Groundedness {
  const threshold = options.threshold ?? DEFAULT_SUPPORT_THRESHOLD;
  const body = answerText(options.answer.split(SOURCE_LIST)[0] ?? '');
  const evidenceText = options.evidence.join('\n');
  const evidenceWords = new Set(contentWords(evidenceText));

  const sentences = answerSentences(body);
  const unsupported = sentences.filter((sentence) => {
    const words = contentWords(sentence);
    const found = words.filter((word) => evidenceWords.has(word)).length;
    return found / words.length < threshold;
  });

  const evidenceNumbers = numbersIn(evidenceText);
  const numbers = numbersIn(body);
  const ungrounded = numbers.filter(
    (mention) => !evidenceNumbers.some((known) => sameNumber(mention, known)),
  );
  return {
    sentences: sentences.length,
    supportedSentences: sentences.length - unsupported.length,
    sentenceSupport: share(sentences.length - unsupported.length, sentences.length),
    unsupported,
    numbers: numbers.length,
    groundedNumbers: numbers.length - ungrounded.length,
    numberSupport: share(numbers.length - ungrounded.length, numbers.length),
    ungroundedNumbers: ungrounded.map((mention) => mention.value),
  };
}

/** The sentences of an answer worth judging: with content words, not a list's lead-in. */
function answerSentences(text: string): string[] {
  return text
    .split(SENTENCE_END)
    .map((sentence) => sentence.replace(MARKUP, '').trim())
    .filter((sentence) => sentence !== '' && !/[:：]$/.test(sentence))
    .filter((sentence) => !/^[（(].*[)）]$/.test(sentence))
    .filter((sentence) => contentWords(sentence).length > 0);
}

function contentWords(text: string): string[] {
  return segmentWords(text).filter((word) => !isStopWord(word) && !/^\d+(?:\.\d+)?$/.test(word));
}

function share(part: number, whole: number): number {
  return whole === 0 ? 1 : part / whole;
}
