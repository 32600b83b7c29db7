/** Chinese numerals (七十, 两千三百零五, 一万二千, 七十点五) read as numbers. */

/** The value of each Chinese digit character. */
export const CHINESE_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1_000 };
/** Multipliers of the large-number characters 万 and 亿. */
export const CHINESE_MAGNITUDES: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };

/** The value of a Chinese numeral such as 七十, 两千三百, 一万二千 or 七十点五. */
export function chineseNumber(numeral: string): number | undefined {
  const [whole = '', fraction] = numeral.split('点');
  const integer = chineseInteger(whole);
  if (integer === undefined) return undefined;
  if (fraction === undefined) return integer;

  const decimals = [...fraction].map((character) => CHINESE_DIGITS[character]);
  if (decimals.some((digit) => digit === undefined)) return undefined;
  return Number(`${integer}.${decimals.join('')}`);
}

function chineseInteger(numeral: string): number | undefined {
  if (numeral === '') return undefined;
  let total = 0;
  let section = 0;
  let digit: number | undefined;

  for (const character of numeral) {
    if (character in CHINESE_DIGITS) {
      digit = CHINESE_DIGITS[character];
    } else if (character in UNITS) {
      section += (digit ?? 1) * (UNITS[character] ?? 1);
      digit = undefined;
    } else if (character in CHINESE_MAGNITUDES) {
      total += (section + (digit ?? 0)) * (CHINESE_MAGNITUDES[character] ?? 1);
      section = 0;
      digit = undefined;
    } else {
      return undefined;
    }
  }
  return total + section + (digit ?? 0);
}
