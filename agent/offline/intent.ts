/** What a user's message asks for; every intent but `greeting` is served by one tool. */
export type Intent =
  | 'greeting'
  | 'draft_pitch'
  | 'log_activity'
  | 'create_follow_up'
  | 'score_lead'
  | 'recommend_talk_tracks'
  | 'lookup_policy'
  | 'get_account_overview'
  | 'search_knowledge';

/** Intents served by a tool, in the order the offline model tries them. */
export type ToolIntent = Exclude<Intent, 'greeting'>;

/** A case-insensitive pattern matching any of the alternatives. */
function anyOf(alternatives: readonly string[]): RegExp {
  return new RegExp(alternatives.join('|'), 'i');
}

// Limitation: intents are read from cue phrases; a request worded without one goes to search.
/** Cue phrases of each tool intent, Chinese and English, in priority order. */
const CUES: readonly (readonly [ToolIntent, RegExp])[] = [
  [
    'draft_pitch',
    anyOf([
      '(?:写|拟|起草)(?:一|个|封|份|篇){0,2}(?:邮件|信|开发信|提纲|pitch)',
      '(?:拜访|通话|电话|沟通)提纲',
      '邮件草稿',
      '\\b(?:draft|write|compose|prepare)\\b.{0,40}?' +
        '\\b(?:e-?mail|pitch|outline|letter|call plan)\\b',
      '\\bcall outline\\b',
    ]),
  ],
  [
    'log_activity',
    anyOf([
      '记录',
      '记一下',
      '记一笔',
      '登记',
      '\\b(?:log|record)\\b.{0,30}?\\b(?:call|meeting|e-?mail|visit|activity|conversation)\\b',
    ]),
  ],
  [
    'create_follow_up',
    anyOf([
      '提醒我',
      '跟进提醒',
      '设(?:置)?(?:一个|个)?提醒',
      '\\bremind me\\b',
      '\\bfollow[- ]?up (?:on|with)\\b',
      '\\b(?:set|schedule) (?:a |up a )?(?:reminder|follow[- ]?up)\\b',
    ]),
  ],
  [
    'score_lead',
    anyOf([
      '评分|打分|分数|热度|多热|意向度|靠谱吗|成交(?:的)?可能',
      '\\bscore\\b',
      '\\bhow (?:hot|warm|promising|likely)\\b',
      '\\brate (?:this|the|that) lead\\b',
      '\\blead quality\\b',
    ]),
  ],
  [
    'recommend_talk_tracks',
    anyOf([
      '话术|异议|太贵|没(?:有)?预算',
      '(?:怎么|如何)(?:回应|应对|回答|回复|处理|说)',
      '客户(?:说|嫌|觉得)',
      '\\btalk ?tracks?\\b',
      '\\bobjections?\\b',
      '\\bhow (?:do|should|can) i (?:handle|respond|answer|reply|counter|deal with)\\b',
      '\\bwhat (?:do|should) i say\\b',
      '\\bcustomer says\\b',
      '\\bpush ?back\\b',
      '\\btoo expensive\\b',
      '\\bno budget\\b',
    ]),
  ],
  [
    'lookup_policy',
    anyOf([
      '报销|医保|甲类|乙类|支付比例|支付标准|自付',
      '\\breimburs\\w*',
      '\\b(?:medical|health) insurance\\b',
      '\\binsurance (?:policy|coverage|code)\\b',
      '\\bcover(?:age|ed)\\b',
      '\\b(?:category|class) [ab]\\b',
    ]),
  ],
  [
    'get_account_overview',
    anyOf([
      '概况|基本情况|客户情况|客户信息|介绍一下|了解一下|最新动态|近况',
      '\\b(?:account )?overview\\b',
      '\\btell me about\\b',
      '\\bwhat do (?:we|you) know about\\b',
      '\\bbrief me\\b',
      '\\bbackground (?:on|of)\\b',
      '\\bupdate on\\b',
    ]),
  ],
];

/** Intents a pitch draft already covers: its product rule, its account facts, its guidance. */
const COVERED_BY_PITCH: ReadonlySet<ToolIntent> = new Set([
  'lookup_policy',
  'get_account_overview',
  'recommend_talk_tracks',
]);

const GREETING = new RegExp(
  '^(?:你好|您好|嗨|哈喽|在吗|早上好|下午好|晚上好|谢谢|多谢|你是谁|你能做什么|你会什么|帮助|' +
    'hi|hello|hey|good (?:morning|afternoon|evening)|thanks|thank you|who are you|' +
    'what can you do|help)(?:\\s*(?:there|dealwise|呀|啊))?[\\s!！.。?？~,，]*$',
  'i',
);

/**
 * The intents of a message in priority order, always ending with `search_knowledge`, or
 * just `greeting` for small talk. A pitch request absorbs the intents its draft covers.
 */
export function detectIntents(text: string): Intent[] {
  const trimmed = text.trim();
  if (GREETING.test(trimmed)) return ['greeting'];

  const found = CUES.filter(([, cue]) => cue.test(trimmed)).map(([intent]) => intent);
  const intents = found.includes('draft_pitch')
    ? found.filter((intent) => !COVERED_BY_PITCH.has(intent))
    : found;
  return [...intents, 'search_knowledge'];
}
