/**
 * A cell's DISPLAYED text from its stored double and its number format (数字格式), as Excel shows
 * it: the figures a reviewer reads in the sheet are the figures we check.
 *
 * Numbers are formatted in decimal, never through binary arithmetic: the double is first written
 * with 15 significant digits (what Excel keeps: 334.73000000000002 → 334.730000000000), then
 * scaled (percent ×100, trailing commas ÷1000) by moving the decimal point and rounded half away
 * from zero on the digit string. So 2.675 with 0.00 shows 2.68 as in Excel, and no binary noise is
 * ever printed.
 */

/** Builtin formats (ECMA-376 §18.8.30, with the zh-CN meanings of the locale-dependent ids). */
const BUILTIN: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  5: '"¥"#,##0;"¥"\\-#,##0',
  6: '"¥"#,##0;[Red]"¥"\\-#,##0',
  7: '"¥"#,##0.00;"¥"\\-#,##0.00',
  8: '"¥"#,##0.00;[Red]"¥"\\-#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'yyyy/m/d',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'yyyy/m/d h:mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mm:ss.0',
  48: '##0.0E+0',
  49: '@',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

export function builtinFormat(id: number): string | undefined {
  return BUILTIN[id];
}

/** A decimal number as digits and a power of ten: value = 0.d1d2d3… × 10^exp (digits without leading zeros). */
interface Decimal {
  negative: boolean;
  digits: string;
  /** Position of the decimal point counted from the start of `digits`. */
  point: number;
}

/** The double at 15 significant digits (Excel's precision), as a decimal digit string. */
export function toDecimal(x: number): Decimal {
  const negative = x < 0;
  const s = Math.abs(x).toPrecision(15);
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/u.exec(s);
  if (!m) return { negative, digits: '0', point: 1 };
  let digits = m[1] + (m[2] ?? '');
  let point = m[1].length + (m[3] ? Number(m[3]) : 0);
  // Leading zeros off (0.00123 → digits 123, point -2), trailing zeros off.
  const lead = /^0*/u.exec(digits)![0].length;
  if (lead === digits.length) return { negative: false, digits: '0', point: 1 };
  digits = digits.slice(lead);
  point -= lead;
  digits = digits.replace(/0+$/u, '') || '0';
  return { negative, digits, point };
}

/** Round to `decimals` places, half away from zero; returns the integer and fraction digit strings. */
function roundDecimal(d: Decimal, decimals: number): { int: string; frac: string; zero: boolean } {
  // Digits as a fixed-point string with exactly `decimals` fraction digits plus one guard digit.
  let int: string;
  let frac: string;
  if (d.point <= 0) {
    int = '0';
    frac = '0'.repeat(-d.point) + d.digits;
  } else if (d.point >= d.digits.length) {
    int = d.digits + '0'.repeat(d.point - d.digits.length);
    frac = '';
  } else {
    int = d.digits.slice(0, d.point);
    frac = d.digits.slice(d.point);
  }
  const roundUp = frac.length > decimals && frac.charCodeAt(decimals) >= 0x35;
  frac = frac.slice(0, decimals).padEnd(decimals, '0');
  let all = int + frac;
  if (roundUp) {
    const chars = all.split('');
    let i = chars.length - 1;
    for (; i >= 0; i--) {
      if (chars[i] === '9') chars[i] = '0';
      else {
        chars[i] = String.fromCharCode(chars[i].charCodeAt(0) + 1);
        break;
      }
    }
    all = (i < 0 ? '1' : '') + chars.join('');
  }
  const intPart = all.slice(0, all.length - decimals).replace(/^0+(?=\d)/u, '') || '0';
  const fracPart = decimals ? all.slice(all.length - decimals) : '';
  return { int: intPart, frac: fracPart, zero: /^0*$/u.test(intPart + fracPart) };
}

function shift(d: Decimal, places: number): Decimal {
  return d.digits === '0' ? d : { ...d, point: d.point + places };
}

const group = (int: string) => int.replace(/\B(?=(\d{3})+(?!\d))/gu, ',');

/** General: up to 15 significant digits, no trailing zeros; scientific past 11 integer digits or below 1e-9. */
export function formatGeneral(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const d = toDecimal(x);
  const sign = d.negative ? '-' : '';
  if (d.point > 11 || d.point < -8) {
    const mantissa = roundDecimal({ negative: false, digits: d.digits, point: 1 }, 5);
    const frac = mantissa.frac.replace(/0+$/u, '');
    const exp = d.point - 1 + (mantissa.int.length > 1 ? 1 : 0);
    const lead = mantissa.int.length > 1 ? '1' : mantissa.int;
    return `${sign}${lead}${frac ? `.${frac}` : ''}E${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const r = roundDecimal(d, Math.max(0, 15 - Math.max(d.point, 0)));
  const frac = r.frac.replace(/0+$/u, '');
  return `${sign}${r.int}${frac ? `.${frac}` : ''}`;
}

/** One section of a format code, tokenized. */
type Token =
  | { kind: 'literal'; text: string }
  | { kind: 'digits'; int: string; frac: string; grouping: boolean; scale: number; point: boolean }
  | { kind: 'percent' }
  | { kind: 'exponent'; sign: boolean; digits: number }
  | { kind: 'text' }
  | { kind: 'date'; code: string }
  | { kind: 'ampm'; text: string };

interface Section {
  tokens: Token[];
  condition: { op: string; value: number } | null;
  isDate: boolean;
  hasNumber: boolean;
}

const cache = new Map<string, Section[]>();

function parseSections(code: string): Section[] {
  const hit = cache.get(code);
  if (hit) return hit;
  const sections: Section[] = [];
  for (const raw of splitSections(code)) sections.push(parseSection(raw));
  if (cache.size > 2000) cache.clear();
  cache.set(code, sections);
  return sections;
}

function splitSections(code: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === '"') {
      const end = code.indexOf('"', i + 1);
      const stop = end < 0 ? code.length : end;
      cur += code.slice(i, stop + 1);
      i = stop;
    } else if (ch === '\\' && i + 1 < code.length) {
      cur += ch + code[++i];
    } else if (ch === ';') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

const DATE_LETTERS = /[ymdhsYMDHS]/u;

function parseSection(src: string): Section {
  const tokens: Token[] = [];
  let condition: Section['condition'] = null;
  let isDate = false;
  let digits: Extract<Token, { kind: 'digits' }> | null = null;
  let i = 0;
  const literal = (text: string) => {
    const last = tokens[tokens.length - 1];
    if (last?.kind === 'literal') last.text += text;
    else tokens.push({ kind: 'literal', text });
  };
  while (i < src.length) {
    const ch = src[i];
    if (ch === '"') {
      const end = src.indexOf('"', i + 1);
      literal(src.slice(i + 1, end < 0 ? src.length : end));
      i = end < 0 ? src.length : end + 1;
    } else if (ch === '\\') {
      literal(src[i + 1] ?? '');
      i += 2;
    } else if (ch === '[') {
      const end = src.indexOf(']', i);
      const inner = src.slice(i + 1, end < 0 ? src.length : end);
      const cond = /^(<=|>=|<>|<|>|=)\s*(-?[\d.]+)$/u.exec(inner);
      if (cond) condition = { op: cond[1], value: Number(cond[2]) };
      else if (/^(h+|m+|s+)$/iu.test(inner)) {
        tokens.push({ kind: 'date', code: `[${inner.toLowerCase()}]` });
        isDate = true;
      } else if (/^\$/u.test(inner)) {
        // [$¥-804]: a currency symbol with a locale.
        const symbol = inner.slice(1).split('-')[0];
        if (symbol) literal(symbol);
      }
      // Colours ([Red], [颜色10]) and locale tags ([DBNum1] etc.) print nothing.
      i = end < 0 ? src.length : end + 1;
    } else if (ch === '_') {
      literal(' ');
      i += 2;
    } else if (ch === '*') {
      i += 2; // fill character: repeats to the cell width; nothing of its own
    } else if (ch === '@') {
      tokens.push({ kind: 'text' });
      i++;
    } else if (ch === '%') {
      tokens.push({ kind: 'percent' });
      i++;
    } else if ((ch === 'E' || ch === 'e') && (src[i + 1] === '+' || src[i + 1] === '-') && digits) {
      let j = i + 2;
      while (src[j] === '0' || src[j] === '#') j++;
      tokens.push({ kind: 'exponent', sign: src[i + 1] === '+', digits: Math.max(1, j - i - 2) });
      i = j;
    } else if (ch === '0' || ch === '#' || ch === '?' || (ch === '.' && /[0#?]/u.test(src[i + 1] ?? '')) || (ch === ',' && digits && (!digits.point || tokens[tokens.length - 1] === digits))) {
      if (!digits || tokens[tokens.length - 1] !== digits) {
        if (digits && tokens.some((t) => t.kind === 'exponent')) {
          i++;
          continue;
        }
        digits = digits ?? { kind: 'digits', int: '', frac: '', grouping: false, scale: 0, point: false };
        if (!tokens.includes(digits)) tokens.push(digits);
      }
      if (ch === '.') digits.point = true;
      else if (ch === ',') {
        // A comma between digit placeholders groups thousands; commas after the last one divide by 1000.
        let j = i;
        while (src[j] === ',') j++;
        if (/[0#?]/u.test(src[j] ?? '')) digits.grouping = true;
        else digits.scale += j - i;
        i = j;
        continue;
      } else if (digits.point) digits.frac += ch;
      else digits.int += ch;
      i++;
    } else if (ch === '.' && digits && !digits.point) {
      digits.point = true;
      i++;
    } else if (/^(上午\/下午|AM\/PM|A\/P)/iu.test(src.slice(i))) {
      const m = /^(上午\/下午|AM\/PM|A\/P)/iu.exec(src.slice(i))![0];
      tokens.push({ kind: 'ampm', text: m });
      isDate = true;
      i += m.length;
    } else if (DATE_LETTERS.test(ch)) {
      let j = i;
      while (src[j] && src[j].toLowerCase() === ch.toLowerCase()) j++;
      tokens.push({ kind: 'date', code: src.slice(i, j).toLowerCase() });
      isDate = true;
      i = j;
    } else if (ch === '.' && isDate && src[i + 1] === '0') {
      let j = i + 1;
      while (src[j] === '0') j++;
      tokens.push({ kind: 'date', code: `.${'0'.repeat(j - i - 1)}` });
      i = j;
    } else {
      literal(ch);
      i++;
    }
  }
  const hasNumber = tokens.some((t) => t.kind === 'digits');
  return { tokens, condition, isDate: isDate && !hasNumber, hasNumber };
}

function matches(c: NonNullable<Section['condition']>, x: number): boolean {
  switch (c.op) {
    case '<': return x < c.value;
    case '<=': return x <= c.value;
    case '>': return x > c.value;
    case '>=': return x >= c.value;
    case '=': return x === c.value;
    default: return x !== c.value;
  }
}

/** The text a cell holding the number `x` shows under format `code`. `date1904` for workbooks of the 1904 system. */
export function formatNumber(x: number, code: string, date1904 = false): string {
  if (!Number.isFinite(x)) return String(x);
  if (!code || /^general$/iu.test(code.trim())) return formatGeneral(x);
  const sections = parseSections(code);
  let section: Section;
  let value = x;
  let explicitSign = false;
  if (sections.some((s) => s.condition)) {
    section = sections.find((s) => s.condition && matches(s.condition, x)) ?? sections.find((s) => !s.condition) ?? sections[0];
    explicitSign = section !== sections[0] || !!section.condition;
    if (explicitSign && x < 0 && section.condition && section.condition.value <= 0) value = -x;
  } else if (x < 0 && sections.length >= 2 && sections[1].tokens.length) {
    section = sections[1];
    value = -x; // the negative section writes its own sign (or parentheses)
  } else if (x === 0 && sections.length >= 3 && sections[2].tokens.length) {
    section = sections[2];
  } else section = sections[0];
  if (/^general$/iu.test(section.tokens.map((t) => (t.kind === 'literal' ? t.text : '')).join('').trim()) && !section.hasNumber && !section.isDate) {
    return formatGeneral(x);
  }
  if (section.isDate) return formatDate(value, section, date1904);
  return formatWithSection(value, section);
}

function formatWithSection(x: number, section: Section): string {
  const digits = section.tokens.find((t): t is Extract<Token, { kind: 'digits' }> => t.kind === 'digits');
  const exponent = section.tokens.find((t): t is Extract<Token, { kind: 'exponent' }> => t.kind === 'exponent');
  const percents = section.tokens.filter((t) => t.kind === 'percent').length;
  // Fractions (# ?/?) are not written in these forms: the value as General.
  if (digits && section.tokens.some((t) => t.kind === 'literal' && t.text.includes('/'))) return formatGeneral(x);
  let d = toDecimal(x);
  d = shift(d, 2 * percents - 3 * (digits?.scale ?? 0));
  let numberText = '';
  if (digits) {
    const decimals = digits.frac.length;
    if (exponent && d.digits !== '0') {
      const intDigits = Math.max(1, digits.int.replace(/,/gu, '').length);
      // Engineering formats (##0.0E+0) keep the exponent a multiple of the integer digit count.
      const step = digits.int.includes('#') && intDigits > 1 ? intDigits : 1;
      let exp = d.point - 1;
      exp = step > 1 ? Math.floor(exp / step) * step : exp;
      let m = roundDecimal({ negative: false, digits: d.digits, point: d.point - exp }, decimals);
      if (step === 1 && m.int.length > 1) {
        exp++;
        m = roundDecimal({ negative: false, digits: d.digits, point: d.point - exp }, decimals);
      }
      numberText = `${m.int}${decimals ? `.${m.frac}` : ''}E${exp < 0 ? '-' : exponent.sign ? '+' : ''}${String(Math.abs(exp)).padStart(exponent.digits, '0')}`;
    } else {
      const r = roundDecimal(d, decimals);
      let int = r.int;
      const minInt = (digits.int.match(/0/gu) ?? []).length;
      if (int === '0' && minInt === 0) int = '';
      int = int.padStart(minInt, '0');
      if (digits.grouping) int = group(int);
      let frac = r.frac;
      // # and ? after the point drop trailing zeros (? leaves a space in Excel; we leave nothing).
      const optional = digits.frac.replace(/0/gu, '').length;
      if (optional) {
        const required = digits.frac.length - (digits.frac.length - digits.frac.search(/[#?]/u));
        frac = frac.slice(0, Math.max(required, frac.replace(/0+$/u, '').length));
      }
      const sign = d.negative && !r.zero ? '-' : '';
      numberText = `${sign}${int}${digits.point && (frac || !optional) ? '.' : ''}${frac}`;
    }
  }
  let out = '';
  let placed = false;
  for (const t of section.tokens) {
    if (t.kind === 'literal') out += t.text;
    else if (t.kind === 'percent') out += '%';
    else if (t.kind === 'text') out += formatGeneral(x);
    else if (t.kind === 'digits' && !placed) {
      out += numberText;
      placed = true;
    }
  }
  return out;
}

const MS_PER_DAY = 86_400_000;

/** Date serial → calendar parts (the 1900 system counts the phantom 1900-02-29, as Excel does). */
function serialParts(serial: number, date1904: boolean): { y: number; m: number; d: number; H: number; M: number; S: number; frac: number; dow: number } {
  let days = Math.floor(serial);
  // Seconds rounded to the millisecond Excel keeps.
  const dayFraction = Math.round((serial - days) * MS_PER_DAY);
  let base: number;
  if (date1904) base = Date.UTC(1904, 0, 1);
  else {
    base = Date.UTC(1899, 11, 31);
    if (days >= 60) days -= 1; // 1900-02-29 does not exist
  }
  const t = new Date(base + days * MS_PER_DAY + dayFraction);
  return {
    y: t.getUTCFullYear(),
    m: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    H: t.getUTCHours(),
    M: t.getUTCMinutes(),
    S: t.getUTCSeconds(),
    frac: t.getUTCMilliseconds() / 1000,
    dow: t.getUTCDay(),
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function formatDate(serial: number, section: Section, date1904: boolean): string {
  if (serial < 0) return formatGeneral(serial);
  const p = serialParts(serial, date1904);
  const twelve = section.tokens.some((t) => t.kind === 'ampm');
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  let out = '';
  section.tokens.forEach((t, k) => {
    if (t.kind === 'literal') {
      out += t.text;
      return;
    }
    if (t.kind === 'ampm') {
      const pm = p.H >= 12;
      out += t.text === '上午/下午' ? (pm ? '下午' : '上午') : /^a\/p$/iu.test(t.text) ? (pm ? 'P' : 'A') : pm ? 'PM' : 'AM';
      return;
    }
    if (t.kind !== 'date') return;
    const c = t.code;
    // "m" after an hour or before a second is minutes.
    const prev = section.tokens.slice(0, k).reverse().find((x) => x.kind === 'date') as { code: string } | undefined;
    const next = section.tokens.slice(k + 1).find((x) => x.kind === 'date') as { code: string } | undefined;
    const minute = c.startsWith('m') && c.length <= 2 && ((prev && /^\[?h/u.test(prev.code)) || (next && /^\[?s/u.test(next.code)));
    const hour = twelve ? ((p.H + 11) % 12) + 1 : p.H;
    if (c.startsWith('y')) out += c.length <= 2 ? pad(p.y % 100, 2) : String(p.y);
    else if (minute) out += c.length === 2 ? pad(p.M, 2) : String(p.M);
    else if (c.startsWith('m')) out += c.length === 1 ? String(p.m) : c.length === 2 ? pad(p.m, 2) : c.length === 3 ? MONTHS[p.m - 1] : c.length === 5 ? MONTHS[p.m - 1][0] : MONTH_NAMES[p.m - 1];
    else if (c.startsWith('d')) out += c.length === 1 ? String(p.d) : c.length === 2 ? pad(p.d, 2) : c.length === 3 ? DAYS[p.dow] : DAY_NAMES[p.dow];
    else if (c.startsWith('h')) out += c.length >= 2 ? pad(hour, 2) : String(hour);
    else if (c.startsWith('s')) out += c.length >= 2 ? pad(p.S, 2) : String(p.S);
    else if (c === '[h]' || c === '[hh]') out += String(Math.floor(serial * 24));
    else if (c.startsWith('[m')) out += String(Math.floor(serial * 1440));
    else if (c.startsWith('[s')) out += String(Math.floor(serial * 86400));
    else if (c.startsWith('.')) out += `.${pad(Math.round(p.frac * 10 ** (c.length - 1)), c.length - 1)}`;
  });
  return out;
}
