/**
 * Spans of prose that contain digits but are not statistics: dates (2023年, 12月31日, 1-12月,
 * 4.29), document numbers (国办发【2017】19号, 湘政办发〔2020〕36号), ordinals and list markers
 * (第三轮, （二）, 1、, (1), 一是), phone numbers and service hotlines (15292005668, 12345信箱),
 * versions ((2022版)). A number that starts inside a mask is never read as a statistic.
 *
 * All patterns run on the length-preserving normalized text (full-width digits already half-width),
 * so spans index the source text directly.
 */
import { KNOWN_UNITS, unitInfo, unitStartsWord } from './units.js';

export type MaskKind = 'date' | 'document-number' | 'list-marker' | 'ordinal' | 'phone' | 'version' | 'code';

export interface Mask {
  start: number;
  end: number;
  kind: MaskKind;
}

const CN = '一二三四五六七八九十';
/** Characters after which a numbered item may start ("…：1、", "。2、"). */
const BOUNDARY_CHARS = new Set([...' \t\n：:；;。，,、！？!?“”"（(）)']);

/**
 * A pattern; optionally what must stand right before a match for it to count, and words one of
 * which a text must hold for the pattern to match in it (in the match or in what it looks ahead at):
 * a text without any is not searched — most paragraphs hold no 号, 版 or 热线, and a failing search
 * still visits every position.
 */
interface Pattern {
  kind: MaskKind;
  re: RegExp;
  accept?: (before: string | undefined) => boolean;
  /** What must follow a match for it to count (the text after it). */
  after?: (rest: string) => boolean;
  needs?: string[];
}

/**
 * Units after which four digits are a quantity, not a year: money, area, volume, rates and counting
 * words. Not spans and lengths (年, 天, 米, 分): "2021米易县", "2023天津" begin a place name.
 */
const QUANTITY_UNITS = KNOWN_UNITS.filter((u) => unitInfo(u)?.dimension !== 'other');

/** Does `rest` open with a unit of quantity (or 万/亿 of one) that does not start a word ("2021颗", "2020万元"; not "2022本级")? */
function startsWithUnit(rest: string): boolean {
  const t = rest.replace(/^\s+/, '');
  if (/^[万亿%％]/.test(t)) return true;
  const unit = QUANTITY_UNITS.find((u) => t.startsWith(u));
  return unit !== undefined && !unitStartsWord(unit, t[unit.length]);
}

const atBoundary = (before: string | undefined) => before === undefined || BOUNDARY_CHARS.has(before);
const notInNumeral = (before: string | undefined) => before === undefined || !CN.includes(before);

const PATTERNS: Pattern[] = [
  // 国办发【2017】19号 / 湘政办发〔2020〕36号 / 岳公管委【2020】2号 / 建质[2014]153号 (issuer prepended below)
  { kind: 'document-number', re: /[〔【[（(]\s*(?:19|20)\d{2}\s*[〕】\]）)]\s*第?\s*\d+\s*号/g, needs: ['号'] },
  // 2023年度, 2023年12月31日, 2023年1-12月, 2023年1月
  { kind: 'date', re: /(?:19|20)\d{2}\s*年(?:度)?(?:\s*\d{1,2}\s*[-—–~～至到]\s*\d{1,2}\s*月|\s*\d{1,2}\s*月(?:份)?(?:\s*\d{1,2}\s*[日号])?)?/g, needs: ['年'] },
  // 2023-12-31, 2023/12/31, 2023.12 — a real month (and day); never an amount ("2069.51万元")
  { kind: 'date', re: /(?<!\d)(?:19|20)\d{2}[-/.](?:1[0-2]|0?[1-9])(?:[-/.](?:3[01]|[12]\d|0?[1-9]))?(?![\d%]|\s*(?:万|亿|元))/g, needs: ['-', '/', '.'] },
  // 1-12月, 12月31日, 3月份, 12月
  { kind: 'date', re: /(?<![\d.])\d{1,2}\s*[-—–~～至到]\s*\d{1,2}\s*月|(?<![\d.])\d{1,2}\s*月(?:份)?(?:\s*\d{1,2}\s*[日号])?/g, needs: ['月'] },
  // 4.29 (month.day, not followed by a unit: "长沙4.29自建民房倒塌事故")
  { kind: 'date', re: /(?<![\d.])(?:1[0-2]|0?[1-9])\.(?:3[01]|[12]\d|0?[1-9])(?![\d])(?=[\u4e00-\u9fa5]{0,6}(?:事故|事件|倒塌|惨案))/g, needs: ['事故', '事件', '倒塌', '惨案'] },
  // a bare year followed by something other than a unit: "（2022版）", "2022岳阳市…", "2023，市财政" —
  // "实际完成2021颗", "2020米" count things (any unit the scanner knows, 万/亿 amounts too)
  { kind: 'date', re: /(?<!\d)(?:19|20)\d{2}(?!\d|\.\d)/g, after: (rest) => !startsWithUnit(rest) },
  { kind: 'version', re: /[（(]\s*\d{4}\s*版\s*[）)]/g, needs: ['版'] },
  // mobile and landline numbers, 400/800 numbers
  { kind: 'phone', re: /(?<!\d)(?:1[3-9]\d{9}|0\d{2,3}[-—]?\d{7,8}|[48]00[-—]?\d{3}[-—]?\d{4})(?!\d)/g },
  // service hotlines named by their number: 12345信箱, 12345热线, 12315平台
  { kind: 'phone', re: /(?<!\d)(?:123\d\d|110|119|120|122)(?=\s*(?:热线|信箱|平台|电话|服务|便民))/g, needs: ['热线', '信箱', '平台', '电话', '服务', '便民'] },
  // ordinals: 第3, 第三轮
  { kind: 'ordinal', re: new RegExp(`第\\s*(?:\\d+|[${CN}百零两]+)`, 'g'), needs: ['第'] },
  // list markers: （二）, (1), 1、, 2. (at a boundary), 一是 / 二是, 一、
  { kind: 'list-marker', re: new RegExp(`[（(]\\s*(?:\\d{1,2}|[${CN}]{1,3})\\s*[）)]`, 'g'), needs: ['（', '('] },
  { kind: 'list-marker', re: new RegExp(`(?:\\d{1,2}|[${CN}]{1,3})\\s*[、.．](?!\\d)`, 'g'), accept: atBoundary, needs: ['、', '.', '．'] },
  { kind: 'list-marker', re: new RegExp(`[${CN}]{1,2}是(?=[\u4e00-\u9fa5])`, 'g'), accept: notInNumeral, needs: ['是'] },
  // codes: GB50300, V2, 12345678-9 style identifiers
  { kind: 'code', re: /[A-Za-z]+[-_]?\d+(?:[-_.]\d+)*/g },
];

/**
 * The patterns a text without any ASCII digit can match: ordinals and list markers written in
 * Chinese numerals (第三轮, （二）, 一是). Every other pattern needs a digit.
 */
const WITHOUT_DIGITS: Pattern[] = PATTERNS.filter((p) => p.kind === 'ordinal' || p.kind === 'list-marker');

/** Every non-statistic span in `text`, sorted by start. */
export function findMasks(text: string): Mask[] {
  const masks: Mask[] = [];
  for (const { kind, re, accept, after, needs } of /\d/.test(text) ? PATTERNS : WITHOUT_DIGITS) {
    if (needs && !needs.some((word) => text.includes(word))) continue;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      let start = m.index;
      if (accept && !accept(text[start - 1])) continue;
      if (after && !after(text.slice(m.index + m[0].length, m.index + m[0].length + 8))) continue;
      if (kind === 'document-number') {
        // the issuer's abbreviation before the bracket (国办发, 湘政办发): up to 10 ideographs
        while (start > 0 && m.index - start < 10 && /[\u4e00-\u9fa5]/.test(text[start - 1])) start--;
      }
      masks.push({ start, end: m.index + m[0].length, kind });
    }
  }
  masks.sort((a, b) => a.start - b.start || b.end - a.end);
  return masks;
}

/** The mask covering position `pos`, if any (masks are few per paragraph: a linear scan is enough). */
export function maskAt(masks: readonly Mask[], pos: number): Mask | null {
  for (const m of masks) {
    if (m.start > pos) break;
    if (pos < m.end) return m;
  }
  return null;
}
