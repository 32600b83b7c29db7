import type { AnswerLanguage } from './message-language.ts';

/** The note every offline answer starts with, so nobody mistakes it for a model's. */
export const OFFLINE_NOTE = '（离线模式 · offline mode）';

/** What the offline model needs to know before it can call a tool. */
export type MissingFact =
  | 'policy_product'
  | 'policy_region'
  | 'account'
  | 'lead_id'
  | 'lead_uuid'
  | 'record_id';

/** What each tool does, for the greeting, in both languages. */
const CAPABILITIES: Record<string, { zh: string; en: string }> = {
  search_knowledge: { zh: '搜索知识库（带出处）', en: 'search the knowledge base, with sources' },
  get_account_overview: { zh: '查看客户概况', en: 'give an account overview' },
  lookup_policy: { zh: '查询医保报销政策', en: 'look up reimbursement policy' },
  recommend_talk_tracks: { zh: '推荐销售话术', en: 'recommend talk tracks' },
  draft_pitch: { zh: '起草邮件或拜访提纲', en: 'draft a pitch email or call outline' },
  score_lead: { zh: '线索评分并解释原因', en: 'score a lead and explain why' },
  log_activity: { zh: '记录通话、邮件或会议', en: 'log a call, email or meeting' },
  create_follow_up: { zh: '设置跟进提醒', en: 'set a follow-up reminder' },
};

/** A short bilingual greeting that lists what the bound tools let the assistant do. */
export function greetingReply(toolNames: readonly string[]): string {
  const known = toolNames.filter((name) => CAPABILITIES[name] !== undefined);
  const lines = known.map((name) => {
    const capability = CAPABILITIES[name] as { zh: string; en: string };
    return `- ${capability.zh} / ${capability.en}`;
  });
  const intro = '您好！我是 Dealwise 销售助手。Hello! I am Dealwise, your sales assistant.';
  if (lines.length === 0) {
    return `${OFFLINE_NOTE}\n${intro}\n离线模式下暂时无法查询资料。I cannot look anything up right now.`;
  }
  return `${OFFLINE_NOTE}\n${intro}\n我可以帮您 / I can:\n${lines.join('\n')}`;
}

/** A question asking for the one fact a tool call still needs. */
export function clarifyingQuestion(options: {
  missing: MissingFact;
  language: AnswerLanguage;
  /** A CRM id the user gave, named in the `lead_uuid` question. */
  externalId?: string | undefined;
}): string {
  const question = QUESTIONS[options.missing][options.language].replace(
    '{id}',
    options.externalId ?? '',
  );
  return `${OFFLINE_NOTE}\n${question}`;
}

const QUESTIONS: Record<MissingFact, Record<AnswerLanguage, string>> = {
  policy_product: {
    zh: '请问是哪个产品？请告诉我产品名称或医保编码（例如 C0212040010000910017）。',
    en: 'Which product do you mean? Please give its name or insurance code (C0212040010000910017).',
  },
  policy_region: {
    zh: '请问是哪个省份或直辖市？报销政策因地区而异（例如：上海、广东）。',
    en: 'Which province or municipality? Reimbursement differs by region (Shanghai, Guangdong…).',
  },
  account: {
    zh: '请问是哪家客户？请告诉我客户的中文或英文名称。',
    en: 'Which account do you mean? Please give its Chinese or English name.',
  },
  lead_id: {
    zh: '请问是哪条线索？请提供线索 ID。',
    en: 'Which lead do you mean? Please give the lead id.',
  },
  lead_uuid: {
    zh: '{id} 是 CRM 系统的编号；请提供 Dealwise 中该线索的 ID（UUID 格式）。',
    en: '{id} is an id from your CRM; please give the lead id Dealwise uses (a UUID).',
  },
  record_id: {
    zh: '请问是哪条线索、商机或联系人？请提供它的 ID。',
    en: 'Which lead, deal or contact is it about? Please give its id.',
  },
};
