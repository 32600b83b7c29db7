import type { DemoActivity } from '../data-format.ts';
import type { LeadPlan } from './lead-plan.ts';

type Draft = Omit<DemoActivity, 'key'>;

const site = 'https://huakang-demo.example.com';

function call(daysAgo: number, userKey: string, contactKey: string, notes: string): Draft {
  return {
    kind: 'call',
    daysAgo,
    userKey,
    contactKey,
    subject: '电话沟通',
    notes,
    durationSeconds: 540,
  };
}

function outbound(daysAgo: number, userKey: string, contactKey: string, subject: string): Draft {
  return {
    kind: 'email',
    daysAgo,
    userKey,
    contactKey,
    subject,
    emailDirection: 'outbound',
    emailOpened: true,
  };
}

function inbound(
  daysAgo: number,
  contactKey: string,
  subject: string,
  notes: string,
  replySentiment: 'positive' | 'neutral' | 'negative',
): Draft {
  return {
    kind: 'email',
    daysAgo,
    contactKey,
    subject,
    notes,
    emailDirection: 'inbound',
    replySentiment,
  };
}

/** The customer-contact account (acc-001) and the nudge-worthy leads, written by hand. */
export const scriptedLeads: LeadPlan[] = [
  {
    lead: {
      accountKey: 'acc-001',
      contactKey: 'con-001-1',
      source: 'tender',
      status: 'converted',
      productLine: 'patient_monitoring',
      ownerKey: 'u-rep-zhang',
      createdDaysAgo: 16.5,
      firstContactedDaysAgo: 16,
      convertedDaysAgo: 9,
    },
    endDaysAgo: 9,
    note: 'acc-001 new inpatient building ICU monitors, from tender sig-001',
    activities: [
      call(
        16,
        'u-rep-zhang',
        'con-001-1',
        '刘科长确认新住院楼ICU/CCU共64床监护需求，招标参数正在论证，邀请我们参加参数论证会。',
      ),
      {
        kind: 'download',
        daysAgo: 15.2,
        contactKey: 'con-001-1',
        documentTitle: 'HK-M8 多参数监护仪产品手册',
        documentUrl: `${site}/downloads/hk-m8-brochure.pdf`,
      },
      {
        kind: 'meeting',
        daysAgo: 12,
        userKey: 'u-rep-zhang',
        contactKey: 'con-001-2',
        subject: '新住院楼ICU监护方案交流',
        notes: '周主任关注中央站与移动护理的联动、转运监护无缝切换；要求提供三甲医院ICU案例。',
        durationSeconds: 5400,
      },
      inbound(
        10.5,
        'con-001-1',
        'Re: 东浦医院ICU监护方案',
        '方案内部评审反馈良好，请尽快提供报价及售后服务承诺。',
        'positive',
      ),
      outbound(9.2, 'u-rep-zhang', 'con-001-1', '东浦医院新住院楼监护项目报价及服务方案'),
      {
        kind: 'meeting',
        daysAgo: 4,
        userKey: 'u-rep-zhang',
        contactKey: 'con-001-3',
        subject: '商务条款沟通 Commercial terms',
        notes:
          '高主任要求维保期延长至5年、配件价格锁定；报价折扣超出区域经理权限，已提交大区销售总监审批。',
        durationSeconds: 3600,
      },
    ],
    deal: {
      accountKey: 'acc-001',
      name: '东浦医院新住院楼ICU监护设备项目',
      stage: 'negotiation',
      amount: 4680000,
      currency: 'CNY',
      expectedCloseDaysAgo: -21,
      productLine: 'patient_monitoring',
      ownerKey: 'u-rep-zhang',
      createdDaysAgo: 9,
      stageHistory: [
        { from: null, to: 'prospecting', daysAgo: 9 },
        { from: 'prospecting', to: 'qualification', daysAgo: 8.5 },
        { from: 'qualification', to: 'proposal', daysAgo: 7 },
        { from: 'proposal', to: 'negotiation', daysAgo: 4 },
      ],
    },
  },
  {
    lead: {
      accountKey: 'acc-001',
      contactKey: 'con-001-3',
      source: 'referral',
      status: 'converted',
      productLine: 'consumables',
      ownerKey: 'u-rep-zhang',
      createdDaysAgo: 240,
      firstContactedDaysAgo: 239,
      convertedDaysAgo: 212,
    },
    endDaysAgo: 212,
    note: 'acc-001 annual infusion-set supply, won',
    activities: [
      call(
        239,
        'u-rep-zhang',
        'con-001-3',
        '采购中心计划切换一次性输液器供应商，要求提供带量采购中选证明与配送方案。',
      ),
      {
        kind: 'meeting',
        daysAgo: 225,
        userKey: 'u-rep-zhang',
        contactKey: 'con-001-3',
        subject: '输液器年度供货方案',
        notes: '确认年用量约120万套，配送由苏州瑞和负责。',
        durationSeconds: 2700,
      },
      inbound(
        214,
        'con-001-3',
        'Re: 年度供货方案',
        '同意按中选价执行，走院内议价流程。',
        'positive',
      ),
    ],
    deal: {
      accountKey: 'acc-001',
      name: '东浦医院2026年度一次性输液器供货',
      stage: 'closed_won',
      amount: 3120000,
      currency: 'CNY',
      expectedCloseDaysAgo: 180,
      productLine: 'consumables',
      ownerKey: 'u-rep-zhang',
      createdDaysAgo: 212,
      stageHistory: [
        { from: null, to: 'prospecting', daysAgo: 212 },
        { from: 'prospecting', to: 'qualification', daysAgo: 205 },
        { from: 'qualification', to: 'proposal', daysAgo: 196 },
        { from: 'proposal', to: 'negotiation', daysAgo: 188 },
        { from: 'negotiation', to: 'closed_won', daysAgo: 180 },
      ],
    },
  },
  {
    lead: {
      accountKey: 'acc-001',
      contactKey: 'con-001-2',
      source: 'website',
      status: 'working',
      productLine: 'ultrasound',
      ownerKey: 'u-rep-zhang',
      createdDaysAgo: 20,
      firstContactedDaysAgo: 18.5,
    },
    endDaysAgo: 0,
    note: 'acc-001 bedside ultrasound interest from the ICU director',
    activities: [
      {
        kind: 'web_visit',
        daysAgo: 20,
        contactKey: 'con-001-2',
        pages: [
          { url: `${site}/products/hk-u3`, title: 'HK-U3 便携式超声', dwellSeconds: 210 },
          { url: `${site}/cases/icu-pocus`, title: 'ICU 床旁超声案例', dwellSeconds: 160 },
        ],
        dwellSeconds: 370,
      },
      call(
        18.5,
        'u-rep-zhang',
        'con-001-2',
        '周主任希望ICU配置床旁超声，预算需等新楼设备清单确定。',
      ),
    ],
  },
  {
    lead: {
      accountKey: 'acc-040',
      contactKey: 'con-040-1',
      source: 'outbound',
      status: 'working',
      productLine: 'patient_monitoring',
      ownerKey: 'u-rep-he',
      createdDaysAgo: 38,
      firstContactedDaysAgo: 36.5,
    },
    endDaysAgo: 0,
    note: 'nudge: funding news sig on acc-040 two days ago, last touch nine days ago',
    activities: [
      call(36.5, 'u-rep-he', 'con-040-1', '重症医学科计划扩床，目前在等资金落实。'),
      outbound(20, 'u-rep-he', 'con-040-1', '重症医学科扩容监护与输注整体方案'),
      call(9, 'u-rep-he', 'con-040-1', '对方表示资金批复后会启动论证，暂无明确时间表。'),
    ],
  },
  {
    lead: {
      accountKey: 'acc-008',
      contactKey: 'con-008-1',
      source: 'trade_show',
      status: 'qualified',
      productLine: 'ultrasound',
      ownerKey: 'u-rep-li',
      createdDaysAgo: 50,
      firstContactedDaysAgo: 47,
    },
    endDaysAgo: 0,
    note: 'nudge: equipment-renewal funding three days ago, no follow-up for eleven days',
    activities: [
      call(47, 'u-rep-li', 'con-008-1', 'CMEF展会后回访，超声科有2台老旧彩超待更新。'),
      {
        kind: 'meeting',
        daysAgo: 20,
        userKey: 'u-rep-li',
        contactKey: 'con-008-1',
        subject: 'HK-U9 现场演示 Demo',
        notes: '超声科试用反馈图像质量满意，等待设备更新资金。',
        durationSeconds: 7200,
      },
      outbound(11, 'u-rep-li', 'con-008-1', 'HK-U9 试用总结与配置建议'),
    ],
  },
  {
    lead: {
      accountKey: 'acc-014',
      contactKey: 'con-014-1',
      source: 'tender',
      status: 'new',
      productLine: 'ultrasound',
      ownerKey: 'u-rep-li',
      createdDaysAgo: 0.8,
    },
    endDaysAgo: 0,
    note: 'nudge: tender notice published a day ago, lead not yet contacted',
    activities: [],
  },
  {
    lead: {
      accountKey: 'acc-027',
      contactKey: 'con-027-1',
      source: 'referral',
      status: 'working',
      productLine: 'patient_monitoring',
      ownerKey: 'u-rep-zhao',
      createdDaysAgo: 25,
      firstContactedDaysAgo: 24,
    },
    endDaysAgo: 0,
    note: 'nudge: chest-pain-center press release two days ago, last touch eight days ago',
    activities: [
      call(24, 'u-rep-zhao', 'con-027-1', '心外ICU扩建在规划中，关注中央监护与转运监护。'),
      outbound(8, 'u-rep-zhao', 'con-027-1', '心外ICU监护配置建议'),
    ],
  },
  {
    lead: {
      accountKey: 'acc-015',
      contactKey: 'con-015-1',
      source: 'website',
      status: 'working',
      productLine: 'infusion',
      ownerKey: 'u-rep-li',
      createdDaysAgo: 30,
      firstContactedDaysAgo: 28,
    },
    endDaysAgo: 0,
    note: 'nudge: brochure downloaded two days ago, no follow-up since',
    activities: [
      call(28, 'u-rep-li', 'con-015-1', '护理部关注输液泵报警与药物库功能。'),
      outbound(12, 'u-rep-li', 'con-015-1', 'HK-IP300 输液泵药物库说明'),
      {
        kind: 'download',
        daysAgo: 2,
        contactKey: 'con-015-1',
        documentTitle: 'HK-IP300 输液泵技术白皮书',
        documentUrl: `${site}/downloads/hk-ip300-whitepaper.pdf`,
      },
    ],
  },
  {
    lead: {
      accountKey: 'acc-021',
      contactKey: 'con-021-1',
      source: 'outbound',
      status: 'working',
      productLine: 'surgical_stapler',
      ownerKey: 'u-rep-liang',
      createdDaysAgo: 22,
      firstContactedDaysAgo: 21,
    },
    endDaysAgo: 0,
    note: 'nudge: positive reply three days ago, no outbound since',
    activities: [
      call(21, 'u-rep-liang', 'con-021-1', '手术室扩建后腔镜手术量预计翻倍，可安排临床试用。'),
      outbound(6, 'u-rep-liang', 'con-021-1', '腔镜吻合器临床试用安排'),
      inbound(
        3,
        'con-021-1',
        'Re: 腔镜吻合器临床试用安排',
        '普外科同意下周开始试用，请确认跟台工程师和样品数量。',
        'positive',
      ),
    ],
  },
  {
    lead: {
      accountKey: 'acc-037',
      contactKey: 'con-037-1',
      source: 'partner',
      status: 'working',
      productLine: 'ultrasound',
      ownerKey: 'u-rep-he',
      createdDaysAgo: 60,
      firstContactedDaysAgo: 57,
    },
    endDaysAgo: 0,
    note: 'nudge: repeated pricing-page visits in the last two days, last touch fourteen days ago',
    activities: [
      call(57, 'u-rep-he', 'con-037-1', '经蜀康物流引荐，超声科有意向采购中端彩超。'),
      outbound(14, 'u-rep-he', 'con-037-1', '超声专科联盟配置方案'),
      {
        kind: 'web_visit',
        daysAgo: 1.5,
        contactKey: 'con-037-1',
        pages: [
          { url: `${site}/products/hk-u9`, title: 'HK-U9 彩超', dwellSeconds: 240 },
          { url: `${site}/pricing-request`, title: '获取报价', dwellSeconds: 180 },
        ],
        dwellSeconds: 420,
      },
      {
        kind: 'web_visit',
        daysAgo: 0.5,
        contactKey: 'con-037-1',
        pages: [{ url: `${site}/pricing-request`, title: '获取报价', dwellSeconds: 300 }],
        dwellSeconds: 300,
      },
    ],
  },
];
