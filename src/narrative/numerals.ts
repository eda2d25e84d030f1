/**
 * Chinese numerals (中文数字) as written in reports: 一 两 十二 二十 一百零五 三千 两万.
 * Only whole numbers; the scanner decides whether a numeral is a count at all (it must be followed
 * by a counting word, and idioms such as 一是 / 一律 / 第三轮 are excluded there).
 */
const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 三: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };

/** Characters a Chinese numeral is made of (for the scanner's character class). */
export const CHINESE_NUMERAL_CHARS = '零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟';

/** Value of a Chinese numeral, or null when the characters do not form one ("十十", "两零"). */
export function parseChineseNumeral(text: string): number | null {
  if (!text) return null;
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let lastSmall = Infinity;
  for (const ch of text) {
    if (ch in DIGITS) {
      if (digit !== null && digit !== 0 && DIGITS[ch] !== 0) return null; // "三四" is a range, not a number
      digit = DIGITS[ch];
    } else if (ch in SMALL_UNITS) {
      const u = SMALL_UNITS[ch];
      if (u >= lastSmall) return null;
      section += (digit ?? (u === 10 ? 1 : NaN)) * u; // "十二": a bare 十 means 一十
      if (Number.isNaN(section)) return null;
      lastSmall = u;
      digit = null;
    } else if (ch in BIG_UNITS) {
      section += digit ?? 0;
      if (section === 0) return null;
      total += section * BIG_UNITS[ch];
      section = 0;
      digit = null;
      lastSmall = Infinity;
    } else {
      return null;
    }
  }
  return total + section + (digit ?? 0);
}
