import type { DemoActivity, DemoDeal, DemoLead, DemoUser } from '../data-format.ts';
import type { LeadTraits } from './lead-plan.ts';
import { type Random, roundDays } from './random.ts';

type Draft = Omit<DemoActivity, 'key'>;

const site = 'https://huakang-demo.example.com';

const brochures: Record<string, readonly (readonly [string, string])[]> = {
  patient_monitoring: [
    ['HK-M8 多参数监护仪产品手册', 'hk-m8-brochure.pdf'],
    ['HK-T5 Transport Monitor Brochure (EN)', 'hk-t5-brochure-en.pdf'],
  ],
  infusion: [
    ['HK-IP300 输液泵技术白皮书', 'hk-ip300-whitepaper.pdf'],
    ['HK-SP200 注射泵产品彩页', 'hk-sp200-leaflet.pdf'],
  ],
  ultrasound: [
    ['HK-U9 彩色多普勒超声产品彩页', 'hk-u9-brochure.pdf'],
    ['HK-U3 Portable Ultrasound Brochure (EN)', 'hk-u3-brochure-en.pdf'],
  ],
  consumables: [
    ['一次性使用精密过滤输液器临床资料汇编', 'precision-infusion-set-clinical.pdf'],
    ['输注耗材带量采购中选信息一览', 'infusion-set-vbp-summary.pdf'],
  ],
  surgical_stapler: [
    ['Endoscopic Stapler Clinical Evidence Summary (EN)', 'stapler-clinical-evidence-en.pdf'],
    ['腔镜吻合器钉仓选型指南', 'stapler-reload-guide.pdf'],
  ],
};

const productPages: Record<string, readonly (readonly [string, string])[]> = {
  patient_monitoring: [
    ['/products/hk-m8', 'HK-M8 多参数监护仪'],
    ['/en/products/hk-t5', 'HK-T5 Transport Monitor'],
    ['/cases/icu-central-station', 'ICU 中央监护案例'],
  ],
  infusion: [
    ['/products/hk-ip300', 'HK-IP300 容量输液泵'],
    ['/products/hk-sp200', 'HK-SP200 注射泵'],
  ],
  ultrasound: [
    ['/products/hk-u9', 'HK-U9 彩超'],
    ['/en/products/hk-u3', 'HK-U3 Portable Ultrasound'],
  ],
  consumables: [
    ['/products/infusion-sets', '一次性使用输液器'],
    ['/reimbursement', '医保报销查询'],
  ],
  surgical_stapler: [
    ['/products/endo-stapler', '腔镜直线切割吻合器'],
    ['/en/clinical-evidence/stapler', 'Stapler clinical evidence'],
  ],
};

const callNotes = {
  zh: [
    '初次电话，了解科室现有设备数量和使用年限。',
    '确认预算来源与采购方式，对方表示需走院内论证。',
    '介绍产品与同类竞品差异，对方要求发送资料。',
    '跟进上次资料，对方尚在内部讨论。',
    '了解决策链：设备科牵头，临床科室提参数。',
  ],
  en: [
    'Intro call: mapped the installed base and replacement cycle.',
    'Confirmed budget source and procurement route; needs internal review.',
    'Walked through differentiators versus the incumbent; sending materials.',
    'Follow-up on materials; they are still discussing internally.',
  ],
};

const emailSubjects = {
  zh: [
    '华康产品资料及案例分享',
    '关于贵院设备更新的方案建议',
    '跟进：报价与配置清单',
    '临床试用安排确认',
  ],
  en: [
    'Huakang product overview and references',
    'Proposal for your equipment renewal',
    'Follow-up: quote and configuration',
  ],
};

const replyNotes: Record<'positive' | 'neutral' | 'negative', readonly string[]> = {
  positive: [
    '方案很有参考价值，请安排下周到院交流。',
    'Thanks, the team liked the proposal. Can we set up an on-site demo?',
    '科室同意试用，请提供样机时间。',
  ],
  neutral: ['资料已收到，后续有需要再联系。', 'Received, will share internally.'],
  negative: [
    '今年暂无预算，明年再说。',
    'We have just renewed with another vendor, not a priority now.',
  ],
};

/** Options for deriving a random lead's activities from its traits. */
export interface LeadActivitiesOptions {
  lead: DemoLead;
  traits: LeadTraits;
  endDaysAgo: number;
  owner: DemoUser;
  random: Random;
}

function between(random: Random, older: number, newer: number): number {
  return roundDays(random.between(Math.min(older, newer), Math.max(older, newer)));
}

function webVisit(random: Random, lead: DemoLead, daysAgo: number): Draft {
  const pages = (productPages[lead.productLine] ?? []).filter(() => random.chance(0.7));
  const chosen = pages.length > 0 ? pages : (productPages[lead.productLine] ?? []).slice(0, 1);
  const visits = chosen.map(([path, title]) => ({
    url: `${site}${path}`,
    title,
    dwellSeconds: random.integer(30, 360),
  }));
  if (random.chance(0.3)) {
    visits.push({
      url: `${site}/pricing-request`,
      title: '获取报价',
      dwellSeconds: random.integer(20, 200),
    });
  }
  return {
    kind: 'web_visit',
    daysAgo,
    pages: visits,
    dwellSeconds: visits.reduce((sum, page) => sum + page.dwellSeconds, 0),
  };
}

/** Activities that make a random lead's hidden traits visible in its history. */
export function leadActivities(options: LeadActivitiesOptions): Draft[] {
  const { lead, traits, endDaysAgo, owner, random } = options;
  const english = owner.locale === 'en-US';
  const language = english ? 'en' : 'zh';
  const drafts: Draft[] = [];
  const start = lead.createdDaysAgo;
  const end = Math.max(endDaysAgo, 0.1);

  if (random.chance(lead.source === 'website' ? 0.8 : 0.05)) {
    drafts.push(webVisit(random, lead, roundDays(start)));
  }
  if (traits.download) {
    const [title, file] = random.pick(brochures[lead.productLine] ?? []);
    drafts.push({
      kind: 'download',
      daysAgo: between(random, start, end),
      documentTitle: title,
      documentUrl: `${site}/downloads/${file}`,
    });
  }

  const first = lead.firstContactedDaysAgo;
  if (first === undefined) return drafts;

  const touch = random.chance(0.6) ? 'call' : 'email';
  drafts.push(
    touch === 'call'
      ? {
          kind: 'call',
          daysAgo: first,
          userKey: owner.key,
          subject: english ? 'Intro call' : '首次电话沟通',
          notes: random.pick(callNotes[language]),
          durationSeconds: random.integer(120, 1500),
        }
      : {
          kind: 'email',
          daysAgo: first,
          userKey: owner.key,
          subject: random.pick(emailSubjects[language]),
          emailDirection: 'outbound',
          emailOpened: random.chance(0.6),
        },
  );

  const emailDay = between(random, first, end);
  const sentReply = traits.reply !== 'none';
  if (sentReply || random.chance(0.6)) {
    drafts.push({
      kind: 'email',
      daysAgo: emailDay,
      userKey: owner.key,
      subject: random.pick(emailSubjects[language]),
      emailDirection: 'outbound',
      emailOpened: sentReply || random.chance(0.5),
    });
  }
  if (traits.reply !== 'none') {
    drafts.push({
      kind: 'email',
      daysAgo: between(random, emailDay, end),
      subject: 'Re: 华康医疗 / Huakang',
      notes: random.pick(replyNotes[traits.reply]),
      emailDirection: 'inbound',
      replySentiment: traits.reply,
    });
  }
  if (traits.meeting) {
    drafts.push({
      kind: 'meeting',
      daysAgo: between(random, first, end),
      userKey: owner.key,
      subject: english ? 'On-site product session' : '到院产品交流会',
      notes: english
        ? 'Met clinical and equipment teams; agreed next steps on configuration.'
        : '与临床科室和设备科共同交流，明确配置需求和下一步。',
      durationSeconds: random.integer(1800, 7200),
    });
  }
  if (random.chance(0.12)) {
    drafts.push({
      kind: 'call',
      daysAgo: between(random, first, end),
      userKey: owner.key,
      subject: english ? 'Follow-up call' : '跟进电话',
      notes: random.pick(callNotes[language]),
      durationSeconds: random.integer(60, 900),
    });
  }
  return drafts;
}

const stageNotes: Partial<Record<DemoDeal['stage'], readonly [string, string]>> = {
  proposal: ['提交技术方案与报价', 'Proposal and quote submitted'],
  negotiation: ['商务谈判：付款方式与维保条款', 'Negotiation: payment terms and service'],
  closed_won: ['中标/签约确认', 'Award confirmed, contract signed'],
  closed_lost: ['项目丢单复盘', 'Loss review'],
};

/** One activity per stage change of a deal, by its owner. */
export function dealActivities(deal: DemoDeal, owner: DemoUser, contactKey?: string): Draft[] {
  const english = owner.locale === 'en-US';
  return deal.stageHistory.flatMap((change) => {
    const note = stageNotes[change.to];
    if (!note) return [];
    const draft: Draft = {
      kind: change.to === 'proposal' ? 'email' : 'meeting',
      daysAgo: change.daysAgo,
      dealKey: deal.key,
      userKey: owner.key,
      subject: english ? note[1] : note[0],
    };
    if (contactKey) draft.contactKey = contactKey;
    if (draft.kind === 'email') {
      draft.emailDirection = 'outbound';
      draft.emailOpened = true;
    } else {
      draft.durationSeconds = 3600;
    }
    return [draft];
  });
}
