import type { Mask } from './masks.js';
import { charCodes } from '../text/clauses.js';

/**
 * What a figure counts, from the words before it ("公开招标项目共计14个" → 公开招标项目), or from the
 * words after it when those before are only a verb or preposition ("对65个项目进行了825次检查" →
 * 项目 / 检查; "确定6家我市建筑业骨干企业" → 我市建筑业骨干企业).
 */

/** 、 is not a boundary: "投诉、信访、交办284件" counts all three; a previous figure ends the label instead. */
const CLAUSE_BOUNDARY = charCodes('，,。；;：:！？!?“”"（(\n');
/** Opening quotes before a figure (将扬尘防治“6个100%”). */
const OPENING_QUOTES = charCodes('“"「‘');
/** Masks whose text is left out of labels (dates, markers); hotline numbers stay ("12345信箱"). */
const DROPPED_IN_LABELS = new Set(['date', 'document-number', 'list-marker', 'ordinal', 'version']);
const LEADING = /^(?:其中|将|另有|另|同时|此外|目前|今年|本年|当年|截至目前|截止目前|已经|已|共计|共|累计|合计|本项目|此项目|该项目|本单位|我单位|我站|我中心|我们|我办|并)+/;
const TRAILING = /(?:共计|合计为|合计|总计为|总计|分别为|约为|累计|共|计|数为|是|达到|(?<![下到送传抵表转])达|约|近|有|了|的|已|均|各)+$/;
/** Words after which the label is found after the figure instead. */
const VERB_END = /(?:^|对|在|将|下设|设有|拥有|把|向|组织|确定|完成|召开|开展|进行|举办|协助|督促|收到|办理|发现|新装|吸收|培养|了|内)$/;
const AFTER_STOP = /[，,。；;：:！？!?、“”"（(\n\d]|进行|开展|参加|递交|移交|实施|作为|为|的|严格|按照|全部|均已|已经/;
const MAX_LABEL = 24;
/** "为" / "是" / "系" right after a figure, a name following it. */
const COPULA = /^(?:为|是|系)(?=[\u4e00-\u9fa5]{2})/;

export function labelFor(norm: string, start: number, end: number, masks: readonly Mask[], previousEnd: number): string {
  // a figure alone in brackets after a name ("一、投入(20分)", "精选(15篇)") is that name's: the words before the bracket
  const open = bracketedAlone(norm, start, end);
  if (open >= 0) {
    const named = cleanBefore(wordsBefore(norm, open, masks, previousEnd));
    if (named.length >= 2) return trimLength(named);
  }
  const before = cleanBefore(wordsBefore(norm, start, masks, previousEnd));
  if (before && before.length >= 2 && !VERB_END.test(before)) return trimLength(before);
  const after = wordsAfter(norm, end);
  // the words after a figure name it from their start ("200万元中央专项彩票公益金…补助资金严格按照…")
  if (after.length >= 2) return after.slice(0, MAX_LABEL);
  return trimLength(before || after);
}

/** Text from the clause start up to `start`, skipping masked spans (dates, markers) and keeping "（点）". */
function wordsBefore(norm: string, start: number, masks: readonly Mask[], previousEnd: number): string {
  let i = start - 1;
  // a figure in quotes ("将扬尘防治“6个100%”…"): the label is what stands before the quote
  while (i >= 0 && OPENING_QUOTES.has(norm.charCodeAt(i))) i--;
  const end = i + 1;
  let depth = 0;
  // by UTF-16 code: norm[i] would make a one-character string per ideograph stepped over
  while (i >= 0 && i >= previousEnd) {
    const c = norm.charCodeAt(i);
    if (c === 0xff09 || c === 0x29) {
      depth++; // ） )
    } else if ((c === 0xff08 || c === 0x28) && depth > 0) {
      depth--;
    } else if (depth === 0 && CLAUSE_BOUNDARY.has(c)) {
      break;
    }
    i--;
  }
  const from = i + 1;
  let out = '';
  let k = from;
  // leave masked spans out (dates, markers), copying the text between them in slices
  for (const m of masks) {
    if (m.end <= k || !DROPPED_IN_LABELS.has(m.kind)) continue;
    if (m.start >= end) break;
    if (m.start > k) out += norm.slice(k, m.start);
    k = Math.max(k, m.end);
  }
  if (k < end) out += norm.slice(k, end);
  return out.trim();
}

/** The opening bracket's offset when the figure [start, end) fills a bracket on its own ((20分), （15篇）), else -1. */
function bracketedAlone(norm: string, start: number, end: number): number {
  let i = start - 1;
  while (i >= 0 && norm.charCodeAt(i) === 0x20) i--;
  let j = end;
  while (j < norm.length && norm.charCodeAt(j) === 0x20) j++;
  const opens = norm.charCodeAt(i) === 0x28 || norm.charCodeAt(i) === 0xff08;
  const closes = norm.charCodeAt(j) === 0x29 || norm.charCodeAt(j) === 0xff09;
  return i >= 0 && opens && closes ? i : -1;
}

function cleanBefore(s: string): string {
  let out = s.replace(/\s+/g, '').replace(/^[、，,]+/, '');
  for (let k = 0; k < 3; k++) {
    const next = out.replace(LEADING, '').replace(TRAILING, '');
    if (next === out) break;
    out = next;
  }
  return out;
}

function wordsAfter(norm: string, end: number): string {
  // a copula names the figure after it ("其中500万元为中央水利发展资金"): the name, not the copula
  const rest = norm.slice(end, end + 40).replace(/^[\s”"」’]+/, '').replace(COPULA, '');
  const stop = AFTER_STOP.exec(rest);
  const cut = stop && stop.index >= 2 ? rest.slice(0, stop.index) : rest.slice(0, firstClauseEnd(rest));
  return /\s/.test(cut) ? cut.replace(/\s+/g, '') : cut;
}

/** Where the first clause of `s` ends (its length when none does): the first piece a split at these marks gave, without the pieces. */
const CLAUSE_END = charCodes('，,。；;：:！？!?、\n');
function firstClauseEnd(s: string): number {
  let i = 0;
  while (i < s.length && !CLAUSE_END.has(s.charCodeAt(i))) i++;
  return i;
}

function trimLength(s: string): string {
  return s.length > MAX_LABEL ? s.slice(s.length - MAX_LABEL) : s;
}
