/**
 * Character classes used when joining PDF text pieces the way a reader reads them.
 * CJK (中日韩) text has no spaces between words; LibreOffice-style exports nevertheless put a
 * space between Chinese and a number ("101 个"), and a line break inside a word must not become
 * a space.
 */

/** Han ideographs, CJK punctuation, full-width forms, kana. */
export function isCjk(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return (
    (c >= 0x2e80 && c <= 0x2fdf) || // radicals
    (c >= 0x3000 && c <= 0x303f) || // CJK punctuation 、。「」
    (c >= 0x3040 && c <= 0x30ff) || // kana
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) || // CJK compatibility forms
    (c >= 0xff00 && c <= 0xffef) || // full-width forms ，：（）％
    (c >= 0x20000 && c <= 0x2fa1f) ||
    c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019 || c === 0x2026 || c === 0x2014 // “”‘’…— typeset full width in Chinese
  );
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Latin letters or digits: the characters between which a space is meaningful. */
export function isWordChar(ch: string): boolean {
  return !isCjk(ch) && WORD_CHAR.test(ch);
}

/**
 * Separator to put between two pieces of one line that are visibly apart. Between CJK and a
 * letter or digit, or between two CJK characters, none: that gap is autospacing or justification,
 * not a space ("101 个" → "101个", "年 度" → "年度"). Between Latin words or numbers a space
 * ("10 0" stays two numbers), and after or before non-CJK punctuation ("(1) 项目") a space.
 */
export function gapSeparator(left: string, right: string): string {
  const a = lastChar(left);
  const b = right.charAt(0);
  if (!a || !b) return '';
  const cjkA = isCjk(a);
  const cjkB = isCjk(b);
  if (cjkA && cjkB) return '';
  if ((cjkA && isWordChar(b)) || (cjkB && isWordChar(a))) return '';
  return ' ';
}

const SPACED = /(\S)[ \t\u00a0]+(?=(\S))/gu;

/**
 * Spaces inside one piece of text that sit between CJK characters, or between CJK and a letter or
 * digit, are justification or autospacing put in by the producer or by pdf.js ("扬 尘", "101 个").
 * `kept(offset)` says which of them stand for a space character the producer drew (its offset is
 * where the white space starts in `text`): those stay, as one space, like the .docx's text.
 */
export function tidySpaces(text: string, kept?: (offset: number) => boolean): string {
  if (!/\s/u.test(text)) return text;
  return text.replace(SPACED, (match, a: string, b: string, offset: number) => {
    if (!droppableSpace(a, b)) return match;
    return kept?.(offset + a.length) ? `${a} ` : a;
  });
}

/** Whether tidySpaces takes out white space between `a` and `b` (unless it was drawn). */
function droppableSpace(a: string, b: string): boolean {
  const cjkA = isCjk(a);
  const cjkB = isCjk(b);
  return (cjkA && (cjkB || isWordChar(b))) || (cjkB && isWordChar(a));
}

/** Whether `text` holds white space that tidySpaces would take out. */
export function hasDroppableSpace(text: string): boolean {
  if (!/\s/u.test(text)) return false;
  for (const m of text.matchAll(SPACED)) if (droppableSpace(m[1], m[2])) return true;
  return false;
}

/**
 * Separator for a line that wrapped (the text ran into the right edge): none next to CJK, and
 * none inside a number broken in a narrow cell ("10" / "0" → "100", "95" / "%" → "95%");
 * otherwise the wrap was at a space between words.
 */
export function wrapSeparator(left: string, right: string): string {
  const a = lastChar(left);
  const b = right.charAt(0);
  if (!a || !b) return '';
  if (isCjk(a) || isCjk(b)) return '';
  if (/[\d.,]/u.test(a) && /[\d.,%‰]/u.test(b)) return '';
  if (a === '-' || a === '/') return '';
  return ' ';
}

export function lastChar(s: string): string {
  if (!s) return '';
  // The last code point, without splitting the whole string: a surrogate pair counts as one.
  const n = s.length;
  const low = s.charCodeAt(n - 1);
  if (n >= 2 && low >= 0xdc00 && low <= 0xdfff) {
    const high = s.charCodeAt(n - 2);
    if (high >= 0xd800 && high <= 0xdbff) return s.slice(n - 2);
  }
  return s.charAt(n - 1);
}

/** Rough advance width of a character in ems (CJK full width, others about half). */
export function charEms(ch: string): number {
  if (isCjk(ch)) return 1;
  if (ch === ' ') return 0.25;
  return 0.5;
}

/** Marks a line may not start with (行首禁则): they go down with the character before them. */
export const NO_LINE_START = /[，。．、；：！？）」』”’》〉】〕・…,.;:!?)\]}%‰]/u;
/** Marks a line may not end with (行尾禁则): they go down with the character after them. */
const NO_LINE_END = /[（「『“‘《〈【〔(\[]/u;

/**
 * Width of the first wrap unit of a text, in ems: one CJK character or one Latin word / number,
 * with the opening marks before it and the closing marks after it that line breaking keeps with
 * it ("施，" and "（川" move to the next line together, so the line above ends two characters short).
 */
export function firstUnitEms(text: string): number {
  const chars = Array.from(text.trimStart());
  let i = 0;
  let ems = 0;
  while (i < chars.length && NO_LINE_END.test(chars[i])) ems += charEms(chars[i++]);
  if (i < chars.length) {
    if (isCjk(chars[i]) || !isWordChar(chars[i])) ems += charEms(chars[i++]);
    else {
      // a slash stays with the word before it (UAX #14 LB13, × SY) and, between letters or digits, with the one after ("(B/A)", "1/2")
      while (i < chars.length && (isWordChar(chars[i]) || chars[i] === '.' || chars[i] === '%' || chars[i] === ',' || chars[i] === '/')) ems += charEms(chars[i++]);
    }
  }
  while (i < chars.length && NO_LINE_START.test(chars[i])) ems += charEms(chars[i++]);
  // An ASCII separator does not part from the number after it (UAX #14 LB25, IS × NU): "元;2021年" moves
  // down as 元;2021, so the line above ends three characters short of the edge.
  if (i > 0 && INFIX_SEPARATOR.test(chars[i - 1]) && /\d/u.test(chars[i] ?? '')) while (i < chars.length && NUMBER_CHAR.test(chars[i])) ems += charEms(chars[i++]);
  // An opening quotation mark after a Latin character or number stays with both neighbours (UAX #14 LB19a: no break
  // around a QU next to a non-East-Asian character): "46%,“中" moves down whole, the line above ends 4 ems short.
  if (i > 0 && !isCjk(chars[i - 1]) && OPENING_QUOTE.test(chars[i] ?? '')) {
    ems += charEms(chars[i++]);
    if (i < chars.length) ems += charEms(chars[i++]);
  }
  return ems;
}

const OPENING_QUOTE = /[“‘]/u;

/** ASCII comma, full stop, colon, semicolon: line breaking's infix separators (IS). */
const INFIX_SEPARATOR = /[,.:;]/u;
const NUMBER_CHAR = /[0-9.,%]/u;

/** Text without any whitespace: how cell and line texts are compared across pages. */
export const squeeze = (s: string) => s.replace(/\s+/gu, '');
