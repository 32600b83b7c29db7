import type { TurnResult } from '../../agent/turn-events.ts';

// Limitation: "I don't know" is spotted by phrase; an answer that hedges otherwise is missed.
/** Phrases that say the knowledge base has no answer, Chinese and English. */
const UNKNOWN_PHRASES = new RegExp(
  [
    '知识库(?:中|里)?(?:没有|未|暂无)(?:找到|查到)?(?:相关|这方面的)?(?:内容|信息|资料|答案)?',
    '没(?:有|能)?(?:找到|查到)(?:相关|这方面的)?(?:内容|信息|资料|结果|答案)',
    '(?:暂无|没有)(?:相关|这方面的)(?:信息|资料|内容|记录)',
    '我(?:不知道|不确定|无法确定)',
    '无法回答',
    "\\bcouldn't find\\b|\\bcould not find\\b|\\bdid not find\\b|\\bdidn't find\\b",
    '\\bnot in the knowledge base\\b|\\bknowledge base (?:has|had|contains) no\\b',
    "\\bi (?:don't|do not) (?:know|have (?:any )?information)\\b",
    '\\bno (?:relevant )?(?:information|answer|record)s? (?:on|about|for|in)\\b',
    "\\bi'?m not sure\\b|\\bi am not sure\\b",
  ].join('|'),
  'iu',
);

/** The phrase by which the answer says it does not know, or undefined. */
export function detectUnknown(result: Pick<TurnResult, 'message'>): string | undefined {
  return UNKNOWN_PHRASES.exec(result.message.text.normalize('NFKC'))?.[0];
}
