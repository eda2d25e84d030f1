import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pdfOps } from './pdfjs.js';
import type { TextRun } from './types.js';
import { nameFromBytes } from '../byte-name.js';

/**
 * Chinese text in a font marked as Western (WPS, Foxit; pdf.js issue 20489). A simple TrueType or
 * Type 1 font whose BaseFont is a Chinese font (宋体 as the GBK bytes #CB#CE#CC#E5, "SimSun",
 * "仿宋_GB2312", "黑体,Bold"…) with WinAnsi or no encoding, whose strings are GBK byte pairs: pdf.js
 * maps each byte through the font's single-byte encoding and hands out Latin-1 soup ("±±¶·ÐÇ" for
 * 北斗星). pdf.js itself re-reads a few such fonts (non-embedded, WinAnsi, one of ten GBK names);
 * the rest would be judged glyph soup and read by OCR. Here the bytes are taken back from the
 * characters (inverting the encoding pdf.js applied) and decoded as GBK — for a font only when it
 * is named as a Chinese font and every one of its strings decodes as GBK, mostly to GB2312
 * characters (the set all ordinary Chinese text is written in).
 */

/** A font name that names a Chinese font: Chinese characters in it, or a known family's Latin name. */
const CJK_FAMILY = /^(?:N?SimSun|SimHei|SimKai|SimFang|SimLi|SimYou|KaiTi|FangSong|LiSu|YouYuan|ST(?:Song|Heiti|Kaiti|Fangsong|Zhongsong|Xihei|Xingkai|Caiyun|Hupo|Liti|Xinwei)|Microsoft\s*YaHei|MSYaHei|DengXian|FZ[A-Z][A-Za-z]+|Songti|Heiti|Kaiti|Fangsong|Noto(?:Sans|Serif)(?:Mono)?CJK|Noto\s*(?:Sans|Serif)\s*(?:SC|CJK)|SourceHan(?:Sans|Serif)|AR\s*PL|U(?:Ming|Kai)|WenQuanYi|Adobe(?:Song|Heiti|Kaiti|Fangsong)|HiraginoSansGB|Hiragino\s*Sans\s*GB)/iu;
const IDEOGRAPH = /[\u4E00-\u9FFF]/u;

/** The BaseFont as pdf.js gives it (the name's bytes as latin1 characters) → readable name. */
export function fontDisplayName(raw: string): string {
  return nameFromBytes(raw.replace(/^[A-Z]{6}\+/u, ''));
}

export function isChineseFontName(raw: string): boolean {
  const name = fontDisplayName(raw);
  return IDEOGRAPH.test(name) || CJK_FAMILY.test(name);
}

/**
 * Character → the byte it was, for a font read with WinAnsi (the encoding WPS writes): windows-1252,
 * but pdf.js reads the soft hyphen as "-", the micro sign as Greek μ, and the five codes 1252 leaves
 * unused as bullets (those cannot be told apart, so they are left out and a string holding one does
 * not decode). A font without /Encoding is read with the Standard encoding where it names a glyph
 * and the byte's Latin-1 character where not, so æ, ß and Ø each stand for two bytes there: such
 * fonts are not decoded (a wrong character is worse than a page read by OCR).
 */
let winAnsi: Map<string, number> | null = null;

function winAnsiBytes(): Map<string, number> {
  if (!winAnsi) {
    winAnsi = new Map();
    const cp1252 = new TextDecoder('windows-1252');
    for (let b = 0x20; b <= 0xff; b++) {
      if (b === 0xa0) continue; // read as a space
      const ch = b === 0xad ? '-' : b === 0xb5 ? 'μ' : cp1252.decode(Uint8Array.of(b));
      if (ch === '•' && b !== 0x95) continue;
      if (!winAnsi.has(ch)) winAnsi.set(ch, b);
    }
  }
  return winAnsi;
}

const GB2312_LEAD = (b: number) => b >= 0xa1 && b <= 0xf7;
const GB2312_TRAIL = (b: number) => b >= 0xa1 && b <= 0xfe;

interface Decoded {
  text: string;
  /** Two-byte characters read, and how many of them lie in GB2312. */
  pairs: number;
  gb2312: number;
}

/** The characters pdf.js gave → bytes → GBK text, or null when they are not GBK. */
function decodeGbk(str: string): Decoded | null {
  const inverse = winAnsiBytes();
  const bytes: number[] = [];
  let lead = false;
  for (const ch of str) {
    // "-" is the soft hyphen 0xAD where a second byte is due (原 = D4 AD), else the hyphen.
    const b: number | undefined = lead && ch === '-' ? 0xad : inverse.get(ch);
    if (b === undefined) return null;
    bytes.push(b);
    lead = !lead && b >= 0x81;
  }
  let text: string;
  try {
    text = new TextDecoder('gbk', { fatal: true }).decode(Uint8Array.from(bytes));
  } catch {
    return null;
  }
  let pairs = 0;
  let gb2312 = 0;
  for (let k = 0; k < bytes.length; k++) {
    if (bytes[k] < 0x80) continue;
    pairs++;
    if (GB2312_LEAD(bytes[k]) && GB2312_TRAIL(bytes[k + 1])) gb2312++;
    k++;
  }
  return { text, pairs, gb2312 };
}

/**
 * Soup worth a look: two Latin-1 letters or signs in a row (GB2312's bytes are A1–FE; one "±" is
 * ordinary text), or two of the Mac OS Roman upper half (“ƒÍ∂»≤ø√≈”: pdf.js reads a symbolic font
 * without /Encoding with MacRoman).
 */
const MAC_ROMAN_UPPER = new TextDecoder('macintosh').decode(Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i)).replace(/[\s\u00A1-\u00FF\u2010-\u206F\]\\^-]/gu, ''); // not the dashes, quotes and ellipses Chinese text is full of
export const GBK_SOUP_HINT = new RegExp(`[\\u00A1-\\u00FF${MAC_ROMAN_UPPER}]{2}`, 'u');

/** A string a content stream showed: its glyphs' codes, and the characters pdf.js made of them (whitespace left out). */
interface ShownString {
  codes: number[];
  chars: string;
}

/**
 * The strings shown in each soup font of a page, by pdf.js font id, from the page's operator list
 * (soupFontNames), kept by the page's runs. They give the codes themselves where inverting pdf.js's
 * characters cannot: a font without /Encoding (read with MacRoman or Standard) turns some bytes into
 * spaces (MacRoman CA, the lead byte of 数 市 事 实 and the second of 率 资) and the text content
 * splits its items there, losing the byte.
 */
const shownStrings = new WeakMap<readonly TextRun[], Map<string, ShownString[]>>();

/** Of a font's pairs, at least this share in GB2312: Latin text that happens to decode does not. */
const MIN_GB2312_SHARE = 0.9;

/**
 * Runs of every page, fonts' BaseFont names by pdf.js font id → the same runs with the text of
 * each GBK font decoded (in place); returns the ids of the fonts decoded. A font is decoded as a
 * whole or not at all.
 */
export function decodeGbkFonts(pages: readonly TextRun[][], names: ReadonlyMap<string, string>): Set<string> {
  const byFont = new Map<string, TextRun[]>();
  for (const runs of pages) {
    for (const r of runs) {
      if (!r.font || !names.has(r.font)) continue;
      const list = byFont.get(r.font);
      if (list) list.push(r);
      else byFont.set(r.font, [r]);
    }
  }
  const decoded = new Set<string>();
  for (const [font, runs] of byFont) {
    if (!isChineseFontName(names.get(font)!) || !runs.some((r) => GBK_SOUP_HINT.test(r.str))) continue;
    const texts: string[] = [];
    let pairs = 0;
    let gb2312 = 0;
    for (const r of runs) {
      const d = decodeGbk(r.str);
      if (!d) break;
      texts.push(d.text);
      pairs += d.pairs;
      gb2312 += d.gb2312;
    }
    if (texts.length === runs.length && pairs > 0 && gb2312 >= MIN_GB2312_SHARE * pairs) {
      runs.forEach((r, k) => (r.str = texts[k]));
      decoded.add(font);
    } else if (decodeShownCodes(pages, font)) decoded.add(font);
  }
  return decoded;
}

/**
 * A font decoded from the codes its strings showed (ShownString): the runs pdf.js made of one
 * string become one run again, with the string's GBK text. All or nothing: every string must
 * decode, line up with the font's runs, and be mostly GB2312.
 */
function decodeShownCodes(pages: readonly TextRun[][], font: string): boolean {
  /** Per page: each string's text and the indices (into the page's runs) of the runs made of it. */
  const plans: { runs: TextRun[]; groups: { text: string; members: number[] }[] }[] = [];
  let pairs = 0;
  let gb2312 = 0;
  for (const runs of pages) {
    const mine = runs.flatMap((r, k) => (r.font === font ? [k] : []));
    if (!mine.length) continue;
    const strings = shownStrings.get(runs)?.get(font);
    if (!strings) return false;
    // pdf.js joins consecutive strings on a line into one run and splits a string at a space: runs
    // and strings are grouped until both end at the same character, and each group decoded whole.
    const groups: { text: string; members: number[] }[] = [];
    let next = 0;
    let k = 0;
    while (k < strings.length) {
      const first = next;
      const codes: number[] = [];
      let shown = 0;
      let read = 0;
      do {
        if (shown <= read || next >= mine.length) {
          if (k >= strings.length) return false;
          codes.push(...strings[k].codes);
          shown += strings[k++].chars.length;
        } else read += visibleChars(runs[mine[next++]].str).length;
      } while (shown !== read || (shown === 0 && k < strings.length));
      if (next === first) continue; // strings of whitespace only
      if (codes.some((c) => c > 0xff)) return false; // a font of two-byte codes (a CID font) is no GBK font
      let text: string;
      try {
        text = new TextDecoder('gbk', { fatal: true }).decode(Uint8Array.from(codes));
      } catch {
        return false;
      }
      for (let j = 0; j < codes.length; j++) {
        if (codes[j] < 0x80) continue;
        pairs++;
        if (GB2312_LEAD(codes[j]) && GB2312_TRAIL(codes[j + 1])) gb2312++;
        j++;
      }
      groups.push({ text: text.trim(), members: mine.slice(first, next) });
    }
    if (next !== mine.length) return false;
    plans.push({ runs, groups });
  }
  if (pairs === 0 || gb2312 < MIN_GB2312_SHARE * pairs) return false;
  for (const { runs, groups } of plans) {
    const drop = new Set<number>();
    for (const { text, members } of groups) {
      const [head, ...rest] = members.map((k) => runs[k]);
      head.str = text;
      for (const r of rest) head.x1 = Math.max(head.x1, r.x1);
      for (const k of members.slice(1)) drop.add(k);
    }
    for (let k = runs.length - 1; k >= 0; k--) if (drop.has(k)) runs.splice(k, 1);
  }
  return true;
}
/**
 * The BaseFont names of the fonts a page's runs are set in, when some run looks like GBK soup
 * (else none: the names cost the page's operator list, which pdf.js keeps for the page's reading).
 */
export async function soupFontNames(page: PDFPageProxy, runs: readonly TextRun[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (!runs.some((r) => GBK_SOUP_HINT.test(r.str))) return names;
  const ops = await page.getOperatorList();
  for (const id of new Set(runs.map((r) => r.font))) {
    if (!id || !page.commonObjs.has(id)) continue;
    const name = (page.commonObjs.get(id) as { name?: unknown } | null)?.name;
    if (typeof name === 'string' && isChineseFontName(name)) names.set(id, name);
  }
  const OPS = pdfOps();
  const strings = new Map<string, ShownString[]>();
  let font = '';
  for (let j = 0; j < ops.fnArray.length; j++) {
    if (ops.fnArray[j] === OPS.setFont) font = String((ops.argsArray[j] as unknown[])[0]);
    else if (ops.fnArray[j] === OPS.showText && names.has(font)) {
      const glyphs = ((ops.argsArray[j] as unknown[])[0] as unknown[]).filter((g): g is { originalCharCode: number; unicode: string } => typeof g === 'object' && g !== null && 'originalCharCode' in g);
      const list = strings.get(font) ?? [];
      list.push({ codes: glyphs.map((g) => g.originalCharCode), chars: visibleChars(glyphs.map((g) => g.unicode).join('')) });
      strings.set(font, list);
    }
  }
  shownStrings.set(runs, strings);
  return names;
}

/** Characters counted alike on both sides (pdf.js's text content folds ligatures and compatibility forms). */
const visibleChars = (s: string) => s.normalize('NFKC').replace(/[\s\u0300-\u036F]+/gu, '');
