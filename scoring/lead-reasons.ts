import type { Contribution } from './trained-model.ts';

/** A factor in both languages a rep reads. */
export interface ReasonText {
  en: string;
  zh: string;
}

type Describe = (value: string, up: boolean) => ReasonText;

const count =
  (en: string, zh: string): Describe =>
  (value) => ({
    en: `${value} ${en} in the last 90 days`,
    zh: `近90天${zh}${value}次`,
  });

const recency =
  (en: string, zh: string): Describe =>
  (_value, up) => ({
    en: up ? `Recent ${en}` : `No recent ${en}`,
    zh: up ? `近期有${zh}` : `近期无${zh}`,
  });

const attribute =
  (en: string, zh: string): Describe =>
  (value) => ({
    en: `${en}: ${value}`,
    zh: `${zh}：${value}`,
  });

const SIZE_BANDS_ZH: Record<string, string> = {
  small: '小型',
  medium: '中型',
  large: '大型',
  enterprise: '超大型',
};

const DESCRIPTIONS: Record<string, Describe> = {
  web_visits: count('website visits', '访问官网'),
  pages_viewed: (value) => ({
    en: `${value} pages viewed on the website`,
    zh: `浏览官网页面${value}页`,
  }),
  dwell_minutes: (value) => ({
    en: `${value} minutes spent on the website`,
    zh: `官网停留${value}分钟`,
  }),
  email_opens: count('emails opened', '打开邮件'),
  positive_replies: count('positive email replies', '积极回复邮件'),
  neutral_replies: count('neutral email replies', '中性回复邮件'),
  negative_replies: count('negative email replies', '消极回复邮件'),
  downloads: count('downloads', '下载资料'),
  meetings: count('meetings', '会面'),
  calls: count('calls', '通话'),
  tender_open: (_value, up) =>
    up
      ? { en: 'A tender is open for bids now', zh: '有正在投标期内的招标公告' }
      : { en: 'No open tender', zh: '暂无在投标期内的招标' },
  tender_recency: recency('tender notice', '招标公告'),
  funding_recency: recency('funding news', '融资新闻'),
  registry_recency: recency('registry change', '工商变更'),
  patent_recency: recency('patent filing', '专利申请'),
  hours_to_first_contact: (value) =>
    value === 'missing'
      ? { en: 'Not contacted yet', zh: '尚未首次联系' }
      : {
          en: `First contacted ${value} hours after arriving`,
          zh: `线索进入后${value}小时首次联系`,
        },
  industry: attribute('Industry', '行业'),
  region: attribute('Region', '区域'),
  size_band: (value) => ({
    en: `Company size: ${value}`,
    zh: `规模：${SIZE_BANDS_ZH[value] ?? value}`,
  }),
  employee_count: attribute('Employees', '员工数'),
  product_line: attribute('Product line', '产品线'),
  source: attribute('Lead source', '线索来源'),
};

/** A factor in words, in English and Chinese; unknown columns read as `column: value`. */
export function describeContribution(contribution: Contribution): ReasonText {
  const value = formatValue(contribution.value);
  const up = contribution.logOdds > 0;
  const describe =
    DESCRIPTIONS[contribution.feature] ?? attribute(contribution.feature, contribution.feature);
  return describe(value, up);
}

function formatValue(value: Contribution['value']): string {
  if (value === null || value === undefined) return 'missing';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}
