import type { AnswerLanguage } from './message-language.ts';

const CHINESE_ABOUT = /关于(.+?)(?:的(?:邮件|提纲|信|pitch)|[，,。；;]|$)/;
const ENGLISH_ABOUT = /\b(?:about|regarding|on)\s+(.+?)(?:[,.;!?]|$)/i;
const ENGLISH_TO_DO = new RegExp(
  '\\bto\\s+((?:book|propose|introduce|schedule|invite|present|arrange|discuss|offer)\\b' +
    '.+?)(?:[,.;!?]|$)',
  'i',
);
const DRAFT_CLAUSE = /写|拟|起草|draft|write|compose|prepare/i;
const CLAUSE_BREAK = /[，,：:；;。\n]/;

const DEFAULT_GOAL: Record<AnswerLanguage, string> = {
  zh: '介绍我们的方案并约一次沟通',
  en: 'introduce our solution and arrange a short meeting',
};

// Limitation: the goal is the message's "about …" phrase or other clause; nothing is understood.
/**
 * What a pitch should achieve, in the user's words: the "关于 …" / "about …" phrase,
 * a "to book …" phrase, or the clause beside the drafting request; a neutral goal else.
 */
export function pitchGoal(text: string, language: AnswerLanguage): string {
  const phrase =
    CHINESE_ABOUT.exec(text)?.[1] ??
    ENGLISH_TO_DO.exec(text)?.[1] ??
    ENGLISH_ABOUT.exec(text)?.[1] ??
    otherClause(text);
  const goal = phrase?.trim();
  return goal === undefined || goal.length < 2 ? DEFAULT_GOAL[language] : goal.slice(0, 500);
}

/** The first clause that is not the drafting request itself. */
function otherClause(text: string): string | undefined {
  const clauses = text.split(CLAUSE_BREAK).map((clause) => clause.trim());
  if (clauses.length < 2) return undefined;
  return clauses.find((clause) => clause !== '' && !DRAFT_CLAUSE.test(clause));
}
