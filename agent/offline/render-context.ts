import type { CitationNumbers } from './citation-numbers.ts';
import type { AnswerLanguage } from './message-language.ts';
import type { ToolSuccess } from './tool-outcomes.ts';

/** What every result renderer writes with. */
export interface RenderContext {
  language: AnswerLanguage;
  /** The user's message the results answer. */
  question: string;
  citations: CitationNumbers;
}

/**
 * Writes the part of an answer that one tool's result gives, quoting its data and
 * marking its citations; undefined when the data does not have the tool's shape.
 */
export type ResultRenderer = (result: ToolSuccess, context: RenderContext) => string | undefined;

/** Picks the text in the answer's language. */
export function inLanguage(context: RenderContext, texts: { zh: string; en: string }): string {
  return texts[context.language];
}

/** A label and what follows it, with the colon of the answer's language. */
export function labelled(
  context: RenderContext,
  label: { zh: string; en: string },
  text: string,
): string {
  return context.language === 'zh' ? `${label.zh}：${text}` : `${label.en}: ${text}`;
}

/** A percentage from a 0-to-1 ratio, to one decimal place at most. */
export function percent(ratio: number): string {
  return `${Math.round(ratio * 1000) / 10}%`;
}
