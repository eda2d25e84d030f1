import type { ScannedFigure } from './scan.js';
import { canonicalNumber } from '../numbers/figure.js';

/**
 * A form flattened into lines keeps its money column's unit in a caption and its amounts bare:
 * "计划生育转移支付资金合计(万元) 年度预算资金总额): 1084.25" / "其中:中央补助 668.00" / "市级资金 343.00"
 * (a PDF may run the lines together: "…(万元)年度预算资金总额: 763.00其中:中央补助502.00市级资金208.00").
 * The caption's unit (万元 / 元 / 亿元 in brackets) holds for what follows it until a sentence ends or
 * another caption; there a bare number with decimals after a name ("中央补助668.00") states an amount.
 * Whole numbers stay unread (years, list numbers, counts).
 */

const CAPTION = /[（(]\s*(万元|亿元|元)\s*[)）]/g;
/** A decimal number standing bare: after a name, a colon or a space, before a name or the end. */
const BARE_AMOUNT = /(?<=[:：\s)）\u4e00-\u9fa5])(\d+\.\d+)(?=\s*(?:[\u4e00-\u9fa5]|$))/g;
const SENTENCE_END = /[。！？!?]/g;

/** The caption unit in force at the end of the text, starting from `inherited`. */
export function captionAfter(text: string, inherited: string | undefined): string | undefined {
  // the last mark decides: a sentence end after every caption ends the unit (no caption holds one)
  let end = text.length - 1;
  while (end >= 0 && !SENTENCE_ENDS.has(text.charCodeAt(end))) end--;
  let unit: string | undefined;
  CAPTION.lastIndex = end + 1;
  for (let m = CAPTION.exec(text); m; m = CAPTION.exec(text)) unit = m[1];
  return unit ?? (end >= 0 ? undefined : inherited);
}
const SENTENCE_ENDS = new Set([...'。！？!?'].map((c) => c.charCodeAt(0)));

/** Captions (a unit) and sentence ends (none) in reading order. */
function marks(text: string): Array<{ at: number; unit: string | undefined }> {
  const out: Array<{ at: number; unit: string | undefined }> = [];
  CAPTION.lastIndex = 0;
  for (let m = CAPTION.exec(text); m; m = CAPTION.exec(text)) out.push({ at: m.index, unit: m[1] });
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(text); m; m = SENTENCE_END.exec(text)) out.push({ at: m.index, unit: undefined });
  return out.sort((a, b) => a.at - b.at);
}

/** Bare amounts of the text under a caption (inherited, or earlier in the text), outside the figures already read. */
export function bareCaptionFigures(norm: string, inherited: string | undefined, read: readonly ScannedFigure[]): ScannedFigure[] {
  let ms: ReturnType<typeof marks> | undefined;
  const out: ScannedFigure[] = [];
  BARE_AMOUNT.lastIndex = 0;
  for (let m = BARE_AMOUNT.exec(norm); m; m = BARE_AMOUNT.exec(norm)) {
    const start = m.index;
    const end = start + m[1].length;
    if (read.some((f) => start < f.end && end > f.start)) continue;
    const before = (ms ??= marks(norm)).filter((k) => k.at < start);
    const unit = before.length > 0 ? before[before.length - 1].unit : inherited;
    if (!unit) continue;
    const { value, decimals } = canonicalNumber(m[1]);
    out.push({
      figure: { value, decimals, unit, comparator: '=', approximate: false, qualifiers: [], text: m[1] },
      start,
      end,
      numberStart: start,
      each: false,
      per: null,
      slogan: false,
      unknownUnit: false,
    });
  }
  return out;
}

/**
 * A staffing field of a form flattened one cell a line: its name on a line ("人员编制", "实有人数"), its count bare
 * on the next ("128"). The two lines are one text (textUnits); the count, printed without a unit in its cell, is
 * read with none (a whole number elsewhere stays unread: a year, a list number).
 */
export const STAFF_FIELD = /^(?:人员|核定|在职|实有|在编|编制)?(?:编制|人数|人员)(?:数|人数)?$/;
const STAFF_FIELD_COUNT = /^\s*((?:人员|核定|在职|实有|在编|编制)?(?:编制|人数|人员)(?:数|人数)?)\s*(\d{1,5})\s*$/;

/** A staffing field's name and its count, nothing else ("人员编制128"): the text ends there. */
export function isStaffFieldPair(text: string): boolean {
  return STAFF_FIELD_COUNT.test(text);
}

export function staffFieldCount(norm: string): ScannedFigure | null {
  const m = STAFF_FIELD_COUNT.exec(norm);
  if (!m) return null;
  const start = norm.indexOf(m[2], m[1].length);
  const { value, decimals } = canonicalNumber(m[2]);
  return {
    figure: { value, decimals, unit: null, comparator: '=', approximate: false, qualifiers: [], text: m[2] },
    start,
    end: start + m[2].length,
    numberStart: start,
    each: false,
    per: null,
    slogan: false,
    unknownUnit: false,
  };
}

/** A line of such a form: a name and its bare amount, a lone 其中, or a caption. */
const FORM_LINE = /^\s*(?:其中\s*[:：]?\s*)?(?:[^\d。！？!?；;]{2,40}?[:：\s)）\u4e00-\u9fa5]\s*\d+\.\d+|[^\d。！？!?；;]{2,40}[（(]\s*(?:万元|亿元|元)\s*[)）])?\s*$/;

export function isCaptionFormLine(text: string): boolean {
  return text.trim().length > 0 && FORM_LINE.test(text);
}
