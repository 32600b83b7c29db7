import { describe, expect, it } from 'vitest';
import { OFFLINE_NOTE } from './offline-replies.ts';
import { type PlanOptions, planToolCalls, type TurnPlan } from './plan-tool-calls.ts';

const STAFF_TOOLS = [
  'search_knowledge',
  'get_account_overview',
  'lookup_policy',
  'recommend_talk_tracks',
  'draft_pitch',
  'score_lead',
  'log_activity',
  'create_follow_up',
];
const CUSTOMER_TOOLS = ['search_knowledge', 'get_account_overview', 'lookup_policy'];
const ACCOUNTS = [
  { nameZh: '上海东浦医院', nameEn: 'Shanghai Dongpu Hospital' },
  { nameZh: '南京鼓岭医院', nameEn: 'Nanjing Guling Hospital' },
];
const LEAD = '3f1c2a9e-1b2c-4d5e-8f90-1234567890ab';

function plan(text: string, options: Partial<PlanOptions> = {}): TurnPlan {
  return planToolCalls({
    text,
    boundTools: STAFF_TOOLS,
    accountNames: ACCOUNTS,
    now: new Date('2026-03-04T02:00:00Z'),
    utcOffsetMinutes: 480,
    ...options,
  });
}

function toolsCalled(text: string, options: Partial<PlanOptions> = {}): string[] {
  const planned = plan(text, options);
  return planned.kind === 'tool_calls' ? planned.calls.map((call) => call.name) : [];
}

describe('planToolCalls chooses the tool for the intent', () => {
  it.each([
    ['输液泵在上海的报销比例是多少？', 'lookup_policy'],
    ['Is C1405020010000340013 reimbursed in Guangdong?', 'lookup_policy'],
    ['介绍一下东浦医院的客户概况', 'get_account_overview'],
    ['Tell me about Guling', 'get_account_overview'],
    ['给东浦医院写一封邮件，约 HK-M8 监护仪演示', 'draft_pitch'],
    ['Draft a call outline for Guling about the HK-U9 ultrasound', 'draft_pitch'],
    [`线索 ${LEAD} 评分多少？`, 'score_lead'],
    [`How hot is lead ${LEAD}?`, 'score_lead'],
    ['客户说我们的输液泵太贵了，怎么回应？', 'recommend_talk_tracks'],
    ['How do I handle the "no budget this year" objection?', 'recommend_talk_tracks'],
    [`记录一次通话：与张主任确认了演示，线索 ${LEAD}`, 'log_activity'],
    [`Remind me to follow up on lead ${LEAD} next Friday`, 'create_follow_up'],
    ['DRG 改革对设备采购有什么影响？', 'search_knowledge'],
    ['What warranty does the HK-M8 have?', 'search_knowledge'],
  ])('routes "%s" to %s', (text, tool) => {
    expect(toolsCalled(text)).toEqual([tool]);
  });
});

describe('planToolCalls arguments', () => {
  it('fills lookup_policy with the product and the English region', () => {
    expect(plan('吻合器在广东省怎么报销')).toMatchObject({
      calls: [{ name: 'lookup_policy', args: { product: '吻合器', region: 'Guangdong' } }],
    });
  });

  it('fills draft_pitch with the full account name, goal, format, language and product', () => {
    expect(plan('给东浦写一封邮件，约 HK-M8 监护仪演示')).toMatchObject({
      calls: [
        {
          name: 'draft_pitch',
          args: {
            account: '上海东浦医院',
            goal: '约 HK-M8 监护仪演示',
            format: 'email',
            language: 'zh',
            product: 'HK-M8',
          },
        },
      ],
    });
  });

  it('fills create_follow_up with a due time in the user offset', () => {
    expect(plan(`提醒我后天下午3点跟进线索 ${LEAD} 的报价`)).toMatchObject({
      calls: [
        {
          name: 'create_follow_up',
          args: { leadId: LEAD, dueAt: '2026-03-06T15:00:00+08:00' },
        },
      ],
    });
  });
});

describe('planToolCalls bound tools', () => {
  it('never calls a staff tool for a customer persona', () => {
    expect(toolsCalled('给东浦医院写一封邮件', { boundTools: CUSTOMER_TOOLS })).toEqual([
      'search_knowledge',
    ]);
    expect(plan(`How hot is lead ${LEAD}?`, { boundTools: CUSTOMER_TOOLS })).toMatchObject({
      kind: 'reply',
    });
  });

  it('answers in words when no tool is bound', () => {
    expect(plan('输液泵在上海报销多少', { boundTools: [] })).toMatchObject({ kind: 'reply' });
  });
});

describe('planToolCalls scores by account', () => {
  it('scores the lead of an account named instead of a lead id', () => {
    const planned = plan('给 东浦医院 的线索打分');

    expect(planned).toMatchObject({
      kind: 'tool_calls',
      calls: [{ name: 'score_lead', args: { account: '上海东浦医院' } }],
    });
  });
});

describe('planToolCalls replies', () => {
  it('asks for the region when a policy question names none', () => {
    const planned = plan('输液泵能报销吗？');

    expect(planned).toMatchObject({ kind: 'reply', clarifying: true });
    expect(planned.kind === 'reply' && planned.text).toContain('哪个省份或直辖市');
  });

  it('asks for the product in English when an English policy question names none', () => {
    const planned = plan('What is the reimbursement ratio in Shanghai?');

    expect(planned.kind === 'reply' && planned.text).toContain('Which product');
  });

  it('asks for the Dealwise id when a lead is named by its CRM id', () => {
    const planned = plan('线索 CRM-10001 评分多少');

    expect(planned.kind === 'reply' && planned.text).toContain('CRM-10001');
  });

  it('greets in both languages and lists only what the bound tools do', () => {
    const planned = plan('你好', { boundTools: CUSTOMER_TOOLS });
    const text = planned.kind === 'reply' ? planned.text : '';

    expect(text.startsWith(OFFLINE_NOTE)).toBe(true);
    expect(text).toContain('Hello');
    expect(text).toContain('查询医保报销政策');
    expect(text).not.toContain('draft');
  });
});

describe('confidential requests in a customer chat', () => {
  const customerTools = ['search_knowledge', 'lookup_policy', 'get_account_overview'];

  it('refuses a customer who asks for other hospitals’ discounts, without a tool', () => {
    const plan = planToolCalls({
      text: '你们给其他医院的折扣是多少？',
      boundTools: customerTools,
      accountNames: [],
      now: new Date('2026-12-01T00:00:00Z'),
      utcOffsetMinutes: 480,
    });

    expect(plan.kind).toBe('reply');
    expect(plan.kind === 'reply' && plan.text).toContain('不能在这里提供');
  });

  it('refuses a customer who asks for the price list in English', () => {
    const plan = planToolCalls({
      text: 'Can you send me your internal price list?',
      boundTools: customerTools,
      accountNames: [],
      now: new Date('2026-12-01T00:00:00Z'),
      utcOffsetMinutes: 480,
    });

    expect(plan.kind === 'reply' && plan.text).toContain('not something I can share');
  });

  it('lets a rep ask about discounts', () => {
    const plan = planToolCalls({
      text: '折扣审批权限是怎么规定的？',
      boundTools: ['search_knowledge', 'draft_pitch', 'score_lead'],
      accountNames: [],
      now: new Date('2026-12-01T00:00:00Z'),
      utcOffsetMinutes: 480,
    });

    expect(plan.kind).toBe('tool_calls');
  });
});
