import type { Comparator, Figure } from '../../schemas/figure.js';
import { canonicalNumber } from '../numbers/figure.js';
import { needsConversion, simplify } from '../text/simplify.js';
import { findMasks, maskAt, type Mask } from './masks.js';
import { CHINESE_NUMERAL_CHARS, parseChineseNumeral } from './numerals.js';
import { COUNT_UNITS, KNOWN_UNITS, TIMES_UNITS, trimTimesUnit, unitInfo, unitStartsWord } from './units.js';

/**
 * The figure scanner: finds every number in a paragraph that states a quantity (a number with a
 * unit), with the qualifiers written around it. Works on a length-preserving normalization of the
 * paragraph so every span indexes the source text.
 */

/** A figure found in prose, before labels and structure are attached. */
export interface ScannedFigure {
  figure: Figure;
  /** [start, end) in the paragraph text, covering qualifiers and unit. */
  start: number;
  end: number;
  /** Start of the number itself (after prefix qualifiers). */
  numberStart: number;
  /** "各一件": the figure applies to each item of the list before it. */
  each: boolean;
  /** "每月一次": the period of a frequency. */
  per: string | null;
  /** Slogans such as 扬尘防治"6个100%" / 六个百分百: a countable mention, not a measurement. */
  slogan: boolean;
  /** The unit was not in the unit table (kept, dimension "other"). */
  unknownUnit: boolean;
}

/**
 * Full-width ASCII → half-width, odd spaces → space and traditional → simplified (萬元 → 万元), one
 * UTF-16 unit for one, so offsets are shared with the source text (src/text/normalize.ts may drop
 * zero-width characters and pinyin glosses; this must not).
 */
const TO_NORMALIZE = /[\uff10-\uff19\uff05\uff0e\uff21-\uff3a\uff41-\uff5a\u3000\u00a0\u200b\ufeff\u2002-\u200a]/g;

function normalizeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code === 0xff05) return '%';
  if (code === 0xff0e) return '.';
  if (code >= 0xff10 && code <= 0xff5a) return String.fromCharCode(code - 0xfee0); // ０-９ Ａ-Ｚ ａ-ｚ
  return ' ';
}

export function normalizeSameLength(text: string): string {
  TO_NORMALIZE.lastIndex = 0;
  return simplify(TO_NORMALIZE.test(text) ? text.replace(TO_NORMALIZE, normalizeChar) : text);
}

/**
 * A line wrap may leave a space after the decimal point ("预算35. 3万元" in text copied from a wrapped
 * page, "建设干鲜果基地21. 73万亩"): read as one number only when an amount, area (平方米, 亩, 公顷) or
 * percent unit follows the digits at once ("1. 3个" stays a list marker and a count).
 */
const WRAPPED_DECIMAL = '\\d+\\.[ \\u00a0](?=\\d+(?:万元|亿元|千元|元|万平方米|平方米|万亩|亩|公顷|%))\\d+';
/**
 * Typeset text may group thousands with a space ("资金总体安排规模64 000万元", "共计54 440.73万元"): read
 * as one number only before an amount or area unit, and only when the groups are round thousands or a
 * decimal follows — "表1 100%" and "指标2 300个" stay two figures.
 */
const AMOUNT_AHEAD = '(?=[ \\u00a0]?(?:万元|亿元|千元|元|万平方米|平方米))';
const SPACE_GROUPED = `\\d{1,3}(?:[ \\u00a0]\\d{3})+\\.\\d+${AMOUNT_AHEAD}|\\d{1,3}(?:[ \\u00a0]000)+${AMOUNT_AHEAD}`;
const NUMBER_RE = new RegExp(`(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|${SPACE_GROUPED}|${WRAPPED_DECIMAL}|\\d+(?:\\.\\d+)?)|([${CHINESE_NUMERAL_CHARS}]+)`, 'g');
const UNIT_AT = new RegExp(`^(?:${KNOWN_UNITS.map(escapeRe).join('|')})`);
const MULTIPLIER_AT = /^(万|亿)/;
const APPROX_AFTER_NUMBER = /^(余|多)/;
const SUFFIX_QUALIFIERS: Array<[RegExp, Comparator | null, boolean]> = [
  [/^(及以上|以上|或以上)/, '>=', false],
  [/^(及以下|以下|以内|或以下)/, '<=', false],
  [/^(左右|上下)/, '~', true],
  [/^(余|多)/, '>=', true],
  [/^全覆盖/, null, false],
];
/** Qualifiers written before a number, longest first; matched against the text that ends at the number. */
const PREFIX_QUALIFIERS: Array<[string, Comparator, boolean]> = [
  ['不低于', '>=', false], ['不少于', '>=', false], ['大于等于', '>=', false], ['至少', '>=', false],
  ['不超过', '<=', false], ['不高于', '<=', false], ['不多于', '<=', false], ['控制在', '<=', false],
  ['大约', '~', true], ['将近', '~', true], ['接近', '~', true], ['超过', '>', false], ['高于', '>', false],
  ['约', '~', true], ['近', '~', true], ['逾', '>', true], ['超', '>', false], ['≥', '>=', false], ['≤', '<=', false],
];
/**
 * Six or more integer digits before a % are no rate anyone writes: they are a form's cells run together in
 * the text ("年度资金总额:21182118100%" = 2118 | 2118 | 100%), which the flattened-form reader reads as cells.
 * Such a run is not a figure of the prose.
 */
const GLUED_CELLS = /^\d{6,}(?:\.\d+)?$/;
const PER_BEFORE = /每(?:个)?(年|季度|季|月|周|天|日|半年)$/;
/**
 * 万 with nothing after it (a clause ends) or with the clause's verb right after it ("批复资金350万已全部到位",
 * "…100万均已拨付", "50万用于…"), and money words just before the number.
 */
const BARE_WAN = /^万(?=[，。；、,.;:：）)\s]|$|已|均|全部|用于|到位)/;
const MONEY_BEFORE = /(资金|经费|预算|拨付|支付|支出|执行数|投入|下达|安排|补助|补贴|金额|投资|成本|费用|款)[^，。；,.;\d]{0,4}$/;
// Chinese numerals too: "… 3 二、自评情况", "附件 … . 46 1 摘 要 一、项目概况" — a page number of a contents list or
// a cover's date before the next heading's item number (二、) is no count of 二 (heldoutB: 24 such figures in 10 files of 5 corpus documents)
const UNKNOWN_UNIT_EXCLUDED = '号版届年月日时分秒点级楼层岁周度是为的和与及或至到之在于余多把将对向以〇一二三四五六七八九十';
// anchored: unanchored, `…|$` matched the end of any one-character slice, so every ideograph passed
const BOUNDARY = /^(?:[，。；：、）)（(\s,.;:！？!?”"’\n]|$)/;

/** Counting words read after a Chinese numeral; 一 alone takes fewer (一起 / 一套 / 一批 are idioms). */
const CHINESE_COUNT_UNITS = new Set<string>([...COUNT_UNITS, ...TIMES_UNITS]);
/** First characters of those counting words. */
const COUNT_UNIT_STARTS = new Set<string>(COUNT_UNITS.map((u) => u[0]));
const YI_UNITS = new Set(['个', '次', '件', '家', '台', '处', '条', '宗', '项', '户', '人', '份', '名', '人次', '台套', '座', '辆', '所', '栋']);
/** Counting words that also name a batch or phase (二批项目 = the second batch). */
const ORDINAL_UNITS = new Set(['批', '期', '批次']);
/** Characters before a Chinese numeral that make it part of a word (统一, 进一步, 同一, 万一, 之一). */
const NOT_NUMERAL_AFTER = '第统同唯单万之周初星其逐专划均这那哪';
/** "是一项严肃的工作", "成为一个": 一 as an article, not a count. */
const ARTICLE_BEFORE_YI = '是为成有';

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A character a figure can start with once normalized: an ASCII or full-width digit, a Chinese numeral. */
const FIGURE_START = new RegExp(`[0-9\\uff10-\\uff19${CHINESE_NUMERAL_CHARS}]`);

/**
 * Whether scanFigures could find a number in the text: no when it holds neither a digit (ASCII or
 * full-width) nor a Chinese numeral, and no traditional character that normalizeSameLength would
 * convert (兩, 貳 …). Most prose lines of a report hold none: they are passed over before any scanning.
 */
export function mayHoldFigure(text: string): boolean {
  return FIGURE_START.test(text) || needsConversion(text);
}

export interface ScanResult {
  /** Length-preserving normalized text the spans refer to. */
  norm: string;
  masks: Mask[];
  figures: ScannedFigure[];
}

export function scanFigures(text: string): ScanResult {
  const norm = normalizeSameLength(text);
  const masks = findMasks(norm);
  const figures: ScannedFigure[] = [];
  NUMBER_RE.lastIndex = 0;
  for (let m = NUMBER_RE.exec(norm); m; m = NUMBER_RE.exec(norm)) {
    const start = m.index;
    const found = m[1] !== undefined ? readArabic(text, norm, m, masks) : readChinese(text, norm, m, masks);
    if (found) {
      figures.push(found);
      NUMBER_RE.lastIndex = Math.max(NUMBER_RE.lastIndex, found.end);
    } else if (m[2] !== undefined && m[0].length > 1) {
      // A run like "一二十" may hide a numeral at a later offset ("统一两个"): retry one character on.
      NUMBER_RE.lastIndex = start + 1;
    }
  }
  return { norm, masks, figures };
}

const SPACED_MONEY_UNIT = /^([万亿千])[ \u00a0]元/;

function readArabic(text: string, norm: string, m: RegExpExecArray, masks: Mask[]): ScannedFigure | null {
  const start = m.index;
  if (maskAt(masks, start)) return null;
  const before = norm[start - 1];
  if (before && /[A-Za-z_\-/.]/.test(before)) return null; // codes, "GB50300", "1/2"
  // thousands separators: an ASCII comma, or a space before an amount unit (SPACE_GROUPED)
  const written = m[1];
  const { value, decimals } = canonicalNumber(written.replace(/[ \u00a0]/g, ''));
  let pos = start + written.length;
  const tail = norm.slice(pos, pos + 12);
  let rest = tail.replace(/^ /, '');
  pos += tail.length - rest.length;
  const qualifiers: string[] = [];
  let comparator: Comparator = '=';
  let approximate = false;
  let unit: string | null = null;
  let unknownUnit = false;
  let slogan = false;

  const matched = UNIT_AT.exec(rest);
  const direct = matched ? [trimTimesUnit(matched[0], rest[matched[0].length])] : null;
  // a money unit split by a space, as a document site spaces a PDF's characters: "2.5 亿 元", "3000 万 元"
  const spaced = SPACED_MONEY_UNIT.exec(rest);
  if (spaced) {
    unit = `${spaced[1]}元`;
    pos += spaced[0].length;
  } else if (direct && !unitStartsWord(direct[0], rest[direct[0].length])) {
    unit = direct[0];
    pos += unit.length;
    // a rate per thing: "260元/辆", "80元/人" (one or two ideographs after the slash), per person and month
    // too: "1300元/人/月", "1250元/生·学年", "5元/人·次" (the second measure after a middle dot)
    for (let n = 0; n < 2; n++) {
      const per = /^\/([\u4e00-\u9fa5]{1,2})(?:[·•・][\u4e00-\u9fa5]{1,2})?(?=[^\u4e00-\u9fa5]|$)/.exec(norm.slice(pos, pos + 7));
      if (!per) break;
      unit += per[0];
      pos += per[0].length;
    }
  } else {
    // "2万多平", "40余次", "930余处": multiplier and/or 余/多 between the number and the unit
    let k = 0;
    const mult = MULTIPLIER_AT.exec(rest);
    if (mult) k += 1;
    const approx = APPROX_AFTER_NUMBER.exec(rest.slice(k));
    if (approx) k += 1;
    const after = UNIT_AT.exec(rest.slice(k));
    if ((mult || approx) && after && !unitStartsWord(after[0], rest[k + after[0].length])) {
      unit = (mult ? mult[0] : '') + after[0];
      if (approx) {
        qualifiers.push(approx[0]);
        comparator = '>=';
        approximate = true;
      }
      pos += k + after[0].length;
    } else if (!mult && !approx) {
      // unknown unit: one ideograph followed by a boundary ("12棵，", "3眼。") is kept, not dropped — but not one a space
      // parts from the next ideograph, as a document site spaces a PDF's words: "… . 46 1 摘 要", "2 评 价机构" (heldoutB)
      const c = rest[0];
      if (c && /[\u4e00-\u9fa5]/.test(c) && !UNKNOWN_UNIT_EXCLUDED.includes(c) && BOUNDARY.test(rest.slice(1, 2)) && !/^\s[\u4e00-\u9fa5]/.test(rest.slice(1, 3))) {
        unit = c;
        unknownUnit = true;
        pos += 1;
      }
    }
  }
  // "投入中央直达资金29.6万,执行数29.6万": a bare 万 after a money word is 万元 (written 万)
  if (unit === null && BARE_WAN.test(rest) && MONEY_BEFORE.test(norm.slice(Math.max(0, start - 10), start))) {
    unit = '万';
    pos += 1;
  }
  // "覆盖服务人口4.52(万人)": a known unit in brackets right after the number, as a form's caption writes it
  if (unit === null) {
    const bracketed = /^[（(]([^（()）]{1,5})[)）]/.exec(rest);
    const inner = bracketed ? UNIT_AT.exec(bracketed[1]) : null;
    if (bracketed && inner && inner[0] === bracketed[1]) {
      unit = inner[0];
      pos += bracketed[0].length;
    }
  }
  if (unit === null) return null;
  if (!unitInfo(unit) && !unknownUnit) return null;
  if (unit === '%' && GLUED_CELLS.test(value)) return null;
  // "6个100%": a slogan of six 100%-rules, one countable mention
  if (unitInfo(unit)?.dimension === 'count') {
    const sl = /^(\d+%|百分百|百分之百)/.exec(norm.slice(pos));
    if (sl) {
      slogan = true;
      pos += sl[0].length;
    }
  }
  ({ pos, comparator, approximate } = readSuffix(norm, pos, qualifiers, comparator, approximate));
  const pre = readPrefix(norm, start, masks);
  if (pre.comparator) {
    comparator = pre.comparator;
    approximate = approximate || pre.approximate;
    qualifiers.unshift(pre.word);
  }
  return {
    figure: { value, decimals, unit, comparator, approximate, qualifiers, text: text.slice(start - pre.word.length, pos) },
    start: start - pre.word.length,
    end: pos,
    numberStart: start,
    each: pre.each,
    per: pre.per,
    slogan,
    unknownUnit,
  };
}

function readChinese(text: string, norm: string, m: RegExpExecArray, masks: Mask[]): ScannedFigure | null {
  const start = m.index;
  if (maskAt(masks, start)) return null;
  const before = norm[start - 1];
  if (before && NOT_NUMERAL_AFTER.includes(before)) return null;
  const written = m[2];
  let pos = start + written.length;
  if (!COUNT_UNIT_STARTS.has(norm[pos])) return null; // no counting word follows (统一, 一步, 十分): not a count
  const n = parseChineseNumeral(written);
  if (n === null) return null;
  const unitMatch = UNIT_AT.exec(norm.slice(pos, pos + 4));
  if (!unitMatch) return null;
  const unit = trimTimesUnit(unitMatch[0], norm[pos + unitMatch[0].length]);
  if (!CHINESE_COUNT_UNITS.has(unit)) return null;
  if (n === 1 && (!YI_UNITS.has(unit) || (written === '一' && before !== undefined && ARTICLE_BEFORE_YI.includes(before)))) return null;
  const next = norm[pos + unit.length];
  if (unitStartsWord(unit, next)) return null;
  if (unit === '次' && next === '性') return null; // 一次性
  // a quoted term that opens with a count: “三类户”, “两个维护”, “四好农村路” name something, they count nothing
  if ((before === '“' || before === '"') && next !== undefined && /[\u4e00-\u9fa5]/.test(next)) return null;
  // "一批项目…，二批项目…", "二期工程": a numeral naming a batch or phase at the head of a clause is
  // an ordinal (第二批), not a count; "分三批实施", "分三期建设" stay counts.
  if (ORDINAL_UNITS.has(unit) && /^(项目|工程|资金)/.test(norm.slice(pos + unit.length)) && (before === undefined || BOUNDARY.test(before))) return null;
  // "加工车间二期建设项目", "道路一期改造工程": the phase of a named project, wherever it stands
  if (ORDINAL_UNITS.has(unit) && /^(?:建设|改造|扩建|提升|续建)(?:项目|工程)/.test(norm.slice(pos + unit.length))) return null;
  pos += unit.length;
  const qualifiers: string[] = [];
  let slogan = false;
  const sl = /^(\d+%|百分百|百分之百)/.exec(norm.slice(pos));
  if (sl) {
    slogan = true;
    pos += sl[0].length;
  }
  let comparator: Comparator = '=';
  let approximate = false;
  ({ pos, comparator, approximate } = readSuffix(norm, pos, qualifiers, comparator, approximate));
  const pre = readPrefix(norm, start, masks);
  if (pre.comparator) {
    comparator = pre.comparator;
    approximate = approximate || pre.approximate;
    qualifiers.unshift(pre.word);
  }
  return {
    figure: { value: String(n), decimals: 0, unit, comparator, approximate, qualifiers, text: text.slice(start - pre.word.length, pos) },
    start: start - pre.word.length,
    end: pos,
    numberStart: start,
    each: pre.each,
    per: pre.per,
    slogan,
    unknownUnit: false,
  };
}

function readSuffix(norm: string, pos: number, qualifiers: string[], comparator: Comparator, approximate: boolean) {
  for (let guard = 0; guard < 2; guard++) {
    const rest = norm.slice(pos, pos + 4);
    let matched = false;
    for (const [re, cmp, approx] of SUFFIX_QUALIFIERS) {
      const q = re.exec(rest);
      if (!q) continue;
      // "多" right after a unit starts a word too often ("多种", "多形式"); only 以上/左右… and 余
      if (q[0] === '多') continue;
      qualifiers.push(q[0]);
      if (cmp && (comparator === '=' || comparator === cmp)) comparator = cmp;
      approximate = approximate || approx;
      pos += q[0].length;
      matched = true;
      break;
    }
    if (!matched) break;
  }
  return { pos, comparator, approximate };
}

interface Prefix {
  word: string;
  comparator: Comparator | null;
  approximate: boolean;
  each: boolean;
  per: string | null;
}

function readPrefix(norm: string, start: number, masks: Mask[]): Prefix {
  const window = norm.slice(Math.max(0, start - 6), start);
  const out: Prefix = { word: '', comparator: null, approximate: false, each: false, per: null };
  if (window.endsWith('各')) {
    out.each = true;
    return out;
  }
  const per = PER_BEFORE.exec(window);
  if (per) out.per = per[1];
  for (const [word, cmp, approx] of PREFIX_QUALIFIERS) {
    if (!window.endsWith(word)) continue;
    // "近年" / "超" inside a word before a masked date is not a qualifier
    if (maskAt(masks, start - word.length)) continue;
    out.word = word;
    out.comparator = cmp;
    out.approximate = approx;
    break;
  }
  return out;
}
