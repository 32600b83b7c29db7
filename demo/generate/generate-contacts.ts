import type { DemoAccount, DemoContact } from '../data-format.ts';
import type { Random } from './random.ts';

const surnames: readonly (readonly [string, string])[] = [
  ['王', 'wang'],
  ['李', 'li'],
  ['张', 'zhang'],
  ['刘', 'liu'],
  ['陈', 'chen'],
  ['杨', 'yang'],
  ['黄', 'huang'],
  ['吴', 'wu'],
  ['周', 'zhou'],
  ['徐', 'xu'],
  ['孙', 'sun'],
  ['马', 'ma'],
  ['朱', 'zhu'],
  ['胡', 'hu'],
  ['郭', 'guo'],
  ['林', 'lin'],
  ['何', 'he'],
  ['高', 'gao'],
  ['罗', 'luo'],
  ['郑', 'zheng'],
  ['梁', 'liang'],
  ['谢', 'xie'],
  ['宋', 'song'],
  ['唐', 'tang'],
  ['许', 'xu'],
  ['韩', 'han'],
  ['冯', 'feng'],
  ['邓', 'deng'],
  ['曹', 'cao'],
  ['彭', 'peng'],
];

const givenNames: readonly (readonly [string, string])[] = [
  ['建华', 'jianhua'],
  ['志强', 'zhiqiang'],
  ['秀英', 'xiuying'],
  ['丽娟', 'lijuan'],
  ['晓东', 'xiaodong'],
  ['海燕', 'haiyan'],
  ['国平', 'guoping'],
  ['文博', 'wenbo'],
  ['雅琴', 'yaqin'],
  ['明轩', 'mingxuan'],
  ['佳怡', 'jiayi'],
  ['振宇', 'zhenyu'],
  ['慧敏', 'huimin'],
  ['立新', 'lixin'],
  ['春梅', 'chunmei'],
  ['俊杰', 'junjie'],
  ['思远', 'siyuan'],
  ['婷婷', 'tingting'],
  ['学军', 'xuejun'],
  ['卫东', 'weidong'],
  ['玉兰', 'yulan'],
  ['子涵', 'zihan'],
  ['永刚', 'yonggang'],
  ['静怡', 'jingyi'],
  ['德明', 'deming'],
];

const englishNames: readonly string[] = [
  'Grace Lin',
  'Kevin Zhou',
  'Michael Chen',
  'Sophie Wang',
  'Eric Liu',
  'Rachel Ng',
  'Jason Huang',
  'Vivian Kwok',
  'Andrew Lau',
  'Cathy Xu',
  'Peter Yip',
  'Helen Tsang',
];

const titlesByIndustry: Record<string, readonly string[]> = {
  hospital: [
    '设备科科长',
    '采购中心主任',
    '重症医学科主任',
    '超声医学科主任',
    '普外科主任',
    '护理部主任',
    '总会计师（CFO）',
    '副院长（分管设备与后勤）',
    '麻醉科主任',
    '医学工程处处长',
  ],
  hospital_group: [
    'Group Procurement Director 集团采购总监',
    '集团首席财务官 CFO',
    '集团设备管理部经理',
    '医疗事业部总经理',
  ],
  distributor: ['总经理', '采购经理', '渠道业务总监', '商务经理'],
  clinic: ['院长', '护士长', '运营负责人'],
  third_party_lab: ['实验室主任', '采购经理', 'Chief Operating Officer'],
};

/** Contacts written by hand because other records or users depend on them. */
const fixedContacts: DemoContact[] = [
  {
    key: 'con-001-1',
    accountKey: 'acc-001',
    name: '刘敏',
    title: '设备科科长',
    email: 'liumin@dongpu-hospital.example.cn',
    phone: '+86 21 6000 0101',
    locale: 'zh-CN',
  },
  {
    key: 'con-001-2',
    accountKey: 'acc-001',
    name: '周立华',
    title: '重症医学科主任',
    email: 'zhoulihua@dongpu-hospital.example.cn',
    phone: '+86 21 6000 0102',
    locale: 'zh-CN',
  },
  {
    key: 'con-001-3',
    accountKey: 'acc-001',
    name: '高建',
    title: '采购中心主任',
    email: 'gaojian@dongpu-hospital.example.cn',
    locale: 'zh-CN',
  },
  {
    key: 'con-010-1',
    accountKey: 'acc-010',
    name: '孙浩',
    title: '渠道业务总监',
    email: 'sunhao@ruihe-supply.example.cn',
    phone: '+86 512 6000 1001',
    locale: 'zh-CN',
  },
  {
    key: 'con-010-2',
    accountKey: 'acc-010',
    name: '钱芳',
    title: '采购经理',
    email: 'qianfang@ruihe-supply.example.cn',
    locale: 'zh-CN',
  },
  {
    key: 'con-022-1',
    accountKey: 'acc-022',
    name: 'Linda Ho 何琳达',
    title: 'Group CEO 集团总裁',
    email: 'linda.ho@yuekang-group.example.cn',
    locale: 'en-US',
  },
];

const areaCodes: Record<string, string> = {
  Shanghai: '21',
  Jiangsu: '25',
  Zhejiang: '571',
  Guangdong: '20',
  Beijing: '10',
  Tianjin: '22',
  Hebei: '311',
  Sichuan: '28',
  Chongqing: '23',
};

function domainOf(account: DemoAccount): string {
  return (account.website ?? `https://www.${account.key}.example.cn`).replace('https://www.', '');
}

function contactCount(account: DemoAccount): number {
  if (account.sizeBand === 'enterprise' || account.industry === 'hospital_group') return 3;
  return 2;
}

/** Generates two or three contacts per account, keeping the hand-written ones. */
export function generateContacts(accounts: DemoAccount[], random: Random): DemoContact[] {
  const contacts: DemoContact[] = [];
  const usedNames = new Set<string>();

  for (const account of accounts) {
    const fixed = fixedContacts.filter((contact) => contact.accountKey === account.key);
    contacts.push(...fixed);
    const titles = [...(titlesByIndustry[account.industry] ?? titlesByIndustry.hospital ?? [])];
    for (const contact of fixed) usedNames.add(contact.name);

    for (let index = fixed.length; index < contactCount(account); index++) {
      const titleIndex = random.integer(0, titles.length - 1);
      const title = titles.splice(titleIndex, 1)[0] ?? '采购经理';
      const english = account.industry !== 'clinic' && random.chance(0.12);
      let name = '';
      let handle = '';
      do {
        if (english) {
          name = random.pick(englishNames);
          handle = name.toLowerCase().replace(' ', '.');
        } else {
          const [surname, surnamePinyin] = random.pick(surnames);
          const [given, givenPinyin] = random.pick(givenNames);
          name = surname + given;
          handle = surnamePinyin + givenPinyin;
        }
      } while (usedNames.has(name));
      usedNames.add(name);

      const contact: DemoContact = {
        key: `con-${account.key.slice(4)}-${index + 1}`,
        accountKey: account.key,
        name,
        title,
        email: `${handle}@${domainOf(account)}`,
        locale: english ? 'en-US' : 'zh-CN',
      };
      if (random.chance(0.6)) {
        const areaCode = areaCodes[account.region] ?? '10';
        contact.phone = `+86 ${areaCode} 6000 ${random.integer(1000, 9999)}`;
      }
      contacts.push(contact);
    }
  }
  return contacts;
}
