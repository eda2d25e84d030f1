import type { Comparator, Figure } from '../../schemas/figure.js';
import { boundedMemo } from '../memo.js';
import { compactKey } from '../text/normalize.js';

/**
 * Reading numbers as written in table cells and targets. A value keeps its written form and
 * precision; nothing here produces a float.
 *   "951.90" → 951.90 (2 decimals)      "95%以上" → ≥ 95 %      "930余处" → ≥ 930 处 (approximate)
 *   "≥50个" → ≥ 50 个                    "约6.83亿元" → ~ 6.83 亿元   "1,234.5" → 1234.5
 */

const UNITS = [
  '万平方米', '平方米', '万元', '亿元', '千元', '元', '台套', '人次', '万人', '公里', '千米', '平方公里', '亩',
  '%', '‰', '㎡', 'm²', 'm2', '个', '次', '份', '件', '人', '家', '台', '处', '条', '起', '宗', '项', '户',
  '天', '日', '小时', '分钟', '月', '年', '所', '座', '辆', '名', '批', '场', '期', '篇', '本', '套', '张',
  '间', '栋', '块', '吨', '米', '分', '本', '种', '类', '批次', '轮', '节', '课', '部',
  // animals, groups, cases, seeds, plants (192只, 12头, 80组, 12例, 550万粒, 1200株)
  '头', '只', '组', '例', '粒', '盏', '匹', '羽', '枚', '册', '棵', '株', '万粒', '万头', '万只', '万亩', '万株',
];
/** Units written as words ("100百分比"): read as their sign. 百分点 (a difference of rates) is not one. */
const WORD_UNITS: Record<string, string> = { 百分比: '%' };
const WORD_UNIT_AT = /^(百分比)/;
const UNIT_RE = UNITS.slice().sort((a, b) => b.length - a.length).map(escapeRe).join('|');
/** A unit at the start of the text, longest first. */
const UNIT_AT = new RegExp(`^(${UNIT_RE})`);

const PREFIX_CMP: Array<[RegExp, Comparator, boolean]> = [
  [/^(≥|>=|不低于|不少于|大于等于|至少)/, '>=', false],
  [/^(≤|<=|不高于|不超过|不多于|小于等于|控制在)/, '<=', false],
  [/^(>|大于|高于|超过)/, '>', false],
  [/^(<|小于|低于)/, '<', false],
  [/^(=|＝|等于)/, '=', false],
  [/^(约|近|大约|接近|将近)/, '~', true],
];
const SUFFIX_CMP: Array<[RegExp, Comparator, boolean]> = [
  [/^(及以上|以上|或以上|\+)/, '>=', false],
  [/^(及以下|以下|以内|或以下)/, '<=', false],
  [/^(左右|上下)/, '~', true],
];
const AFTER_NUMBER_APPROX = /^(余|多)/;

const NUMBER_RE = /^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A decimal already in canonical form: no sign, separators or leading zeros. */
const CANONICAL = /^(?:[1-9]\d*|0)(?:\.\d+)?$/;

/** Canonical decimal string of a written number ("1,234.50" → "1234.50", "−3" → "-3"). */
export function canonicalNumber(written: string): { value: string; decimals: number } {
  // most numbers are written canonically already ("951.90", "12", "0.5"): nothing to rewrite
  if (CANONICAL.test(written)) {
    const dot = written.indexOf('.');
    return { value: written, decimals: dot < 0 ? 0 : written.length - dot - 1 };
  }
  const clean = written.replace(/,/g, '').replace('−', '-');
  const dot = clean.indexOf('.');
  const decimals = dot < 0 ? 0 : clean.length - dot - 1;
  let [intPart, frac] = dot < 0 ? [clean, ''] : [clean.slice(0, dot), clean.slice(dot + 1)];
  const negative = intPart.startsWith('-');
  if (negative) intPart = intPart.slice(1);
  intPart = intPart.replace(/^0+(?=\d)/, '');
  const isZero = /^0*$/.test(intPart) && /^0*$/.test(frac);
  const value = (negative && !isZero ? '-' : '') + intPart + (dot < 0 ? '' : '.' + frac);
  return { value, decimals };
}

/**
 * How a figure is written, for telling restatements apart (src/facts/pair.ts groups a report's
 * figures by value and writing): its text without white space. OCR reads a space into a number or
 * before its unit ("1 234.5", "232 份") that the print does not have — the same figure twice, not two
 * writings; separators and units ("1,234.5", "232份" / "232个") still differ.
 */
export function figureWriting(text: string): string {
  return /\s/u.test(text) ? text.replace(/\s+/gu, '') : text;
}

/**
 * Parse a cell that should hold exactly one figure, optionally with comparator, qualifier and unit.
 * Returns null when the cell holds anything else (words, dates, several numbers, nothing).
 * Remembered per cell text (shared result: do not change it): a report's tables repeat "100%", "10",
 * "0" and the recognizers read the same cells more than once.
 */
export const parseFigure: (raw: string) => Figure | null = boundedMemo(readFigure, { maxEntries: 20_000, maxKeyLength: 64 });

function readFigure(raw: string): Figure | null {
  const text = raw;
  let s = compactKey(raw);
  if (!s || !/\d/.test(s)) return null; // words only: no figure (most text cells)
  // a bare canonical number ("951.90", "12"): what the general reading below gives, without its matches
  if (CANONICAL.test(s)) {
    const dot = s.indexOf('.');
    return { value: s, decimals: dot < 0 ? 0 : s.length - dot - 1, unit: null, comparator: '=', approximate: false, qualifiers: [], text };
  }
  let comparator: Comparator = '=';
  let approximate = false;
  const qualifiers: string[] = [];
  for (const [re, cmp, approx] of PREFIX_CMP) {
    const m = re.exec(s);
    if (m) {
      comparator = cmp;
      approximate = approx;
      qualifiers.push(m[0]);
      s = s.slice(m[0].length);
      break;
    }
  }
  const num = NUMBER_RE.exec(s);
  if (!num) return null;
  s = s.slice(num[0].length);
  const approxAfter = AFTER_NUMBER_APPROX.exec(s);
  if (approxAfter) {
    // "930余处": at least 930, not exactly.
    approximate = true;
    if (comparator === '=') comparator = '>=';
    qualifiers.push(approxAfter[0]);
    s = s.slice(approxAfter[0].length);
  }
  let unit: string | null = null;
  // a unit written as a word after the value ("≥100百分比" is ≥ 100 %)
  const word = WORD_UNIT_AT.exec(s);
  if (word) {
    unit = WORD_UNITS[word[1]];
    s = s.slice(word[0].length);
  }
  const unitMatch = word ? null : UNIT_AT.exec(s);
  if (unitMatch) {
    unit = unitMatch[1] === 'm²' || unitMatch[1] === 'm2' ? '㎡' : unitMatch[1];
    s = s.slice(unitMatch[0].length);
    // a rate per thing: "3000元/人", "260元/辆" (a standard, compared as written)
    const per = /^\/[\u4e00-\u9fa5]{1,2}$/.exec(s);
    if (per) {
      unit += per[0];
      s = '';
    }
  }
  for (const [re, cmp, approx] of SUFFIX_CMP) {
    const m = re.exec(s);
    if (m) {
      if (comparator === '=' || comparator === cmp) comparator = cmp;
      approximate = approximate || approx;
      qualifiers.push(m[0]);
      s = s.slice(m[0].length);
      break;
    }
  }
  if (s.length > 0) return null;
  const { value, decimals } = canonicalNumber(num[0]);
  return { value, decimals, unit, comparator, approximate, qualifiers, text };
}

/** Year-like and date-like strings that must not be read as measures ("2023年1-12月", "4.29"). */
const DATE_RE = /(19|20)\d{2}\s*年|\d{1,2}\s*[-—~至]\s*\d{1,2}\s*月|\d{1,2}月\d{1,2}日/;

/**
 * Parse a target or actual value (年度指标值 / 实际完成值), which may carry words around one
 * figure ("群众满意度100%", "完成率≥95%"). Returns null for qualitative values (全覆盖, 无) and
 * for dates or several numbers (ambiguous: left to the reviewer).
 */
export function parseMeasureFigure(raw: string): Figure | null {
  const strict = parseFigure(raw);
  if (strict) return strict;
  const s = compactKey(raw);
  if (DATE_RE.test(s)) return null;
  const numbers = s.match(/\d+(?:\.\d+)?/g) ?? [];
  if (numbers.length !== 1) return null;
  // A number glued to a Latin letter ("M.8万元", OCR for 14.8万元) is unreadable, never a guess.
  if (/[A-Za-z]\.?$/.test(s.slice(0, s.indexOf(numbers[0])))) return null;
  // Try every suffix that starts at a comparator word or the number itself.
  const idx = s.search(/(≥|>=|≤|<=|不低于|不少于|不高于|不超过|大于|小于|高于|低于|约|近)?\d/);
  if (idx < 0) return null;
  for (let start = idx; start <= s.indexOf(numbers[0]); start++) {
    const f = parseFigure(s.slice(start));
    if (f) return { ...f, text: raw };
  }
  return null;
}
