import type { AnswerLanguage } from './message-language.ts';
import { noAnswer } from './no-answer.ts';
import type { ToolFailure } from './tool-outcomes.ts';

/** Error codes that mean the caller may not see or do this. */
const REFUSALS = /forbidden|out_of_scope|not_allowed|not_yours/;
/** Error codes that mean the thing asked about was not found. */
const NOT_FOUND = /not_found/;

const REFUSAL: Record<AnswerLanguage, string> = {
  zh: '抱歉，我只能提供贵司自己的信息，无法查看或处理这项内容。如有需要，请联系您的客户经理。',
  en:
    'Sorry, I can only discuss your own account and what your role allows. ' +
    'For anything else, please contact your account manager.',
};

/**
 * What to say when a tool failed: a polite refusal when the caller may not see it, the
 * tool's own message (which says what to change) otherwise. Never a guess.
 */
export function answerError(failure: ToolFailure, language: AnswerLanguage): string {
  if (REFUSALS.test(failure.code)) return REFUSAL[language];
  if (failure.tool === 'search_knowledge' && NOT_FOUND.test(failure.code)) {
    return noAnswer(language);
  }

  const reason = failure.message || failure.code;
  return language === 'zh'
    ? `没能查到结果（${failure.code}）：${reason}`
    : `I could not get this (${failure.code}): ${reason}`;
}
