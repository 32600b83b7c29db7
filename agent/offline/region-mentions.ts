import { canonicalRegion, regionsMentioned } from '../../tools/region-names.ts';

/** Big cities by the province the policy table files them under, in Chinese and English. */
const CITY_REGIONS: readonly (readonly [chinese: string, english: string, region: string])[] = [
  ['广州', 'guangzhou', 'Guangdong'],
  ['深圳', 'shenzhen', 'Guangdong'],
  ['佛山', 'foshan', 'Guangdong'],
  ['东莞', 'dongguan', 'Guangdong'],
  ['珠海', 'zhuhai', 'Guangdong'],
  ['南京', 'nanjing', 'Jiangsu'],
  ['苏州', 'suzhou', 'Jiangsu'],
  ['无锡', 'wuxi', 'Jiangsu'],
  ['常州', 'changzhou', 'Jiangsu'],
  ['杭州', 'hangzhou', 'Zhejiang'],
  ['宁波', 'ningbo', 'Zhejiang'],
  ['温州', 'wenzhou', 'Zhejiang'],
  ['绍兴', 'shaoxing', 'Zhejiang'],
  ['成都', 'chengdu', 'Sichuan'],
  ['绵阳', 'mianyang', 'Sichuan'],
  ['石家庄', 'shijiazhuang', 'Hebei'],
  ['保定', 'baoding', 'Hebei'],
  ['武汉', 'wuhan', 'Hubei'],
  ['长沙', 'changsha', 'Hunan'],
  ['西安', "xi'an", 'Shaanxi'],
  ['郑州', 'zhengzhou', 'Henan'],
  ['济南', 'jinan', 'Shandong'],
  ['青岛', 'qingdao', 'Shandong'],
  ['厦门', 'xiamen', 'Fujian'],
  ['福州', 'fuzhou', 'Fujian'],
  ['合肥', 'hefei', 'Anhui'],
  ['沈阳', 'shenyang', 'Liaoning'],
  ['大连', 'dalian', 'Liaoning'],
];

// Limitation: only provinces, municipalities and the big cities listed map to a region.
/**
 * The regions a message names, as the English province names the policy table uses
 * (上海 → Shanghai, 深圳 → Guangdong), in the order found. Provinces come before cities.
 */
export function regionMentions(text: string): string[] {
  const provinces = regionsMentioned(text)
    .filter((hit) => isWholeName(text, hit.index, hit.region.length))
    .map((hit) => canonicalRegion(hit.region));

  const lower = text.toLowerCase();
  const cities = CITY_REGIONS.filter(
    ([chinese, english]) =>
      text.includes(chinese) || isWholeName(lower, lower.indexOf(english), english.length),
  ).map(([, , region]) => region);

  return [...new Set([...provinces, ...cities])];
}

/** True when a Latin name found at `index` is a whole word; Chinese names always are. */
function isWholeName(text: string, index: number, length: number): boolean {
  if (index < 0) return false;
  if (!/[A-Za-z]/.test(text.charAt(index))) return true;

  const before = text.charAt(index - 1);
  const after = text.charAt(index + length);
  return !/[A-Za-z]/.test(before) && !/[A-Za-z]/.test(after);
}
