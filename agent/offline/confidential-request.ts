import type { AnswerLanguage } from './message-language.ts';
import { OFFLINE_NOTE } from './offline-replies.ts';

/** Tools only the seller's staff are given; their absence marks a customer-facing chat. */
const STAFF_TOOLS = ['draft_pitch', 'score_lead', 'recommend_talk_tracks', 'log_activity'];

/**
 * What a customer may not be told: internal pricing and discounts, other customers,
 * the seller's pipeline and playbooks.
 */
const CONFIDENTIAL = new RegExp(
  [
    '折扣|优惠幅度|底价|内部价|价格表|价目表|审批权限|返利',
    '其他(?:医院|客户|经销商)|别的(?:医院|客户)|竞争对手的(?:价格|报价)',
    '销售(?:漏斗|管道|线索|业绩|打法|话术)|商机|提成',
    '\\bdiscounts?\\b|\\bprice ?list\\b|\\bfloor price\\b|\\binternal pric',
    '\\bother (?:customers?|hospitals?|clients?|accounts?)\\b',
    "\\b(?:pipeline|leads?|quota|playbooks?|commission)\\b|\\brep'?s\\b",
  ].join('|'),
  'i',
);

const REFUSAL: Record<AnswerLanguage, string> = {
  zh:
    '抱歉，内部价格、折扣、其他客户的信息以及我们的销售资料不能在这里提供。' +
    '我可以帮您查询产品资料、医保报销政策，以及贵司自己的项目文件。',
  en:
    'Sorry, internal pricing, discounts, other customers and our sales material are not ' +
    'something I can share here. I can help with product information, reimbursement ' +
    "policy and your own organisation's documents.",
};

/**
 * A refusal for a customer-facing chat (no staff tools bound) asking for confidential
 * material; undefined when the request is fine or the chat is the staff's.
 */
export function confidentialRefusal(options: {
  text: string;
  boundTools: readonly string[];
  language: AnswerLanguage;
}): string | undefined {
  const customerFacing = !options.boundTools.some((tool) => STAFF_TOOLS.includes(tool));
  if (!customerFacing || !CONFIDENTIAL.test(options.text)) return undefined;
  return `${OFFLINE_NOTE}\n${REFUSAL[options.language]}`;
}
