import type { AnswerLanguage } from './message-language.ts';

const NO_ANSWER: Record<AnswerLanguage, string> = {
  zh: '知识库中没有找到相关内容，我不做猜测。可以换个说法再问，或请教负责这方面的同事。',
  en:
    "I couldn't find this in the knowledge base, so I won't guess. " +
    'Try rephrasing the question, or ask the colleague who owns this topic.',
};

/** What the assistant says when the knowledge base has no answer: that, and no guess. */
export function noAnswer(language: AnswerLanguage): string {
  return NO_ANSWER[language];
}
