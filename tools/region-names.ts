/**
 * Chinese names of the provinces and municipalities, keyed by the English name the
 * policy table uses, so that "上海" and "上海市" find the Shanghai rule.
 */
const CHINESE_REGION_NAMES: Record<string, string> = {
  Beijing: '北京',
  Tianjin: '天津',
  Hebei: '河北',
  Shanxi: '山西',
  'Inner Mongolia': '内蒙古',
  Liaoning: '辽宁',
  Jilin: '吉林',
  Heilongjiang: '黑龙江',
  Shanghai: '上海',
  Jiangsu: '江苏',
  Zhejiang: '浙江',
  Anhui: '安徽',
  Fujian: '福建',
  Jiangxi: '江西',
  Shandong: '山东',
  Henan: '河南',
  Hubei: '湖北',
  Hunan: '湖南',
  Guangdong: '广东',
  Guangxi: '广西',
  Hainan: '海南',
  Chongqing: '重庆',
  Sichuan: '四川',
  Guizhou: '贵州',
  Yunnan: '云南',
  Tibet: '西藏',
  Shaanxi: '陕西',
  Gansu: '甘肃',
  Qinghai: '青海',
  Ningxia: '宁夏',
  Xinjiang: '新疆',
};

const REGION_SUFFIXES = /(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)$/;

/**
 * The English region name the policy table uses for a region written in English or
 * Chinese ("上海市", "shanghai"); the input trimmed when it is not a known region.
 */
export function canonicalRegion(region: string): string {
  const trimmed = region.trim();
  const bare = trimmed.replace(REGION_SUFFIXES, '');
  for (const [english, chinese] of Object.entries(CHINESE_REGION_NAMES)) {
    if (english.toLowerCase() === trimmed.toLowerCase() || chinese === bare) return english;
  }
  return trimmed;
}

/** Regions named in a text, English names as the policy table spells them, in order found. */
export function regionsMentioned(text: string): { region: string; index: number }[] {
  const found: { region: string; index: number }[] = [];
  const lower = text.toLowerCase();
  for (const [english, chinese] of Object.entries(CHINESE_REGION_NAMES)) {
    for (const name of [english.toLowerCase(), chinese]) {
      const index = lower.indexOf(name);
      if (index >= 0) found.push({ region: english, index });
    }
  }
  return found.sort((left, right) => left.index - right.index);
}
