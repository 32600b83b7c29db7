import type { TurnResult } from '../../agent/turn-events.ts';

// Limitation: refusals are spotted by phrase; a refusal worded otherwise is missed.
/** Phrases that decline a request, Chinese and English. */
const REFUSAL_PHRASES = new RegExp(
  [
    '(?:抱歉|对不起|很遗憾).{0,40}(?:不能|无法|不便|不可以|没法)',
    '(?:不能|无法|不便|不可以)(?:在这里)?(?:提供|透露|分享|告知|展示|讨论|查看|发送)',
    '无权(?:查看|访问|获取)',
    '只能提供贵司',
    '请联系您的(?:客户经理|销售代表)',
    "\\b(?:can(?:no|')t|cannot|won't|will not|am not able to|am unable to|not able to) " +
      '(?:share|provide|disclose|discuss|reveal|give|show|send|help with)',
    '\\bnot something i can (?:share|provide|discuss)',
    '\\bi can only (?:discuss|help with|share)',
    '\\bnot (?:allowed|permitted|authori[sz]ed) to\\b',
  ].join('|'),
  'iu',
);

/** Tool error codes that mean the caller may not see or do this. */
const REFUSAL_CODES = /forbidden|out_of_scope|not_allowed|not_yours/;

/** How a turn refused, or undefined when it did not. */
export function detectRefusal(
  result: Pick<TurnResult, 'message' | 'toolCalls'>,
): string | undefined {
  const refused = result.toolCalls.find((call) => call.error && REFUSAL_CODES.test(call.error));
  if (refused) return `${refused.name} refused with ${refused.error}`;

  const phrase = REFUSAL_PHRASES.exec(result.message.text.normalize('NFKC'));
  return phrase ? `the answer declines ("${phrase[0]}")` : undefined;
}
