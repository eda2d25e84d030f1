import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { loadEngine } from '../ocr/engine.js';
import { renderPage } from '../ocr/page-image.js';
import { recognizeBoxes, type RecognizedLine } from '../ocr/recognize.js';
import type { TextBox } from '../ocr/detect.js';
import { isUnmappedChar } from './text-quality.js';
import type { TextRun } from './types.js';
import type { GlyphFonts } from './glyph-fonts.js';

/**
 * Lost glyphs read by their shape (字形识别): what a font's map left out and its glyph order could
 * not give (glyph-order.ts) is still drawn on the page. A page holding a lost glyph not yet read is
 * rendered once, each line of runs holding lost glyphs among readable characters is read by the OCR
 * line recogniser and lined up with what the map did give (an edit-distance alignment, a lost glyph
 * matching anything). A lost glyph takes the character read at its place when that character is read
 * at least SURE, the mapped characters next to it on both sides (those the line has) are read as
 * they are written — full- and half-width alike —, and the line as a whole agrees but for a few
 * characters (a 、 read as 丶, a dropped 。). A run is then as sure as its least sure such glyph
 * (TextRun.confidence), so what rests on it is weighed as OCR text.
 *
 * The document's fonts are the same on every page: a glyph read once (its font and its code) is that
 * character wherever it is shown — later pages take it without rendering, and a page is rendered only
 * for glyphs not yet read (each tried on at most MAX_TRIES pages). Two readings of one glyph that
 * disagree leave it unknown (□ later). A font that is not embedded is drawn in a stand-in whose
 * shapes are not the text's: its runs are never read.
 */

/** A lost glyph's reading must be at least this sure. */
const SURE = 0.9;
/**
 * Readable characters a line needs beside its lost glyphs for its reading to be checked against: one
 * (a header cell “□分”), since every other place the glyph is shown must be read alike.
 */
const MIN_KNOWN = 1;
/** Padding around a run's box, in points (the recogniser wants a little white around a line). */
const PAD = 1.5;
/** Pages a lost glyph is looked for on before it is left unknown. */
const MAX_TRIES = 3;
/** Differences between a line's reading and its mapped characters allowed: this share of its length, at least MIN_SLACK. */
const SLACK_SHARE = 0.15;
const MIN_SLACK = 2;

/**
 * A letter standing for an ideograph: a glyph the map left out read as its bare code, a letter
 * (“汨罗y住房”, “要î落”) where the font's other glyphs are not marked (a Type 3 run named after
 * another font). Taken for the ideograph the line is read as there, surely; a letter read as a
 * letter stays.
 */
const BARE = /^[A-Za-z\u00C0-\u024F]$/u;
const BARE_IN_WORD = /[\u4E00-\u9FFF][A-Za-z\u00C0-\u024F]|[A-Za-z\u00C0-\u024F][\u4E00-\u9FFF]/u;
const IDEOGRAPH = /^[\u4E00-\u9FFF]$/u;
/** Marks the recogniser reads as another (、 as the stroke 丶). */
const READ_AS: Record<string, string> = { '\u4E36': '\u3001' };

const fold = (ch: string) => (READ_AS[ch] ?? ch).normalize('NFKC');
const same = (a: string, b: string) => a === b || fold(a) === fold(b);

/** A glyph shown on a page: the document's font id and what pdf.js read it as before it was marked lost. */
export type GlyphKey = string;

/** Per run, per character (code point) of its text: the lost glyph there, or undefined. */
export type LostSlots = (GlyphKey | undefined)[][];

/**
 * Where the lost glyphs are in `marked` (markUnmappedCodes's runs, their lost characters U+FFFD): the
 * font and the character each read as in `original`. The font is the glyph's own where the operator
 * list told it (`drawn`, glyph-fonts.ts: a Type 3 run mixes a line's fonts); else a character lost in
 * a font other than the run's own is keyed by that font, when only one font lost it, and a Type 3
 * run's glyphs are not keyed. Nor is a character its font shows through two codes (pdf.js gave two
 * glyphs without a map the same one). A letter inside a Chinese word whose glyph's font is known is
 * keyed too: read as an ideograph, it is that font's lost glyph wherever it is shown.
 */
export function lostSlots(page: PDFPageProxy, original: readonly TextRun[], marked: readonly TextRun[], lost: ReadonlyMap<string, ReadonlyMap<string, string>>, shared: ReadonlySet<string> = new Set(), drawn?: GlyphFonts): LostSlots {
  return marked.map((run, r) => {
    const glyphFont = drawn?.[r];
    if (!glyphFont?.length && type3(page, run.font)) return []; // its glyphs may be of any of the line's fonts: read on their line only
    const before = [...original[r].str];
    const chars = [...run.str];
    return chars.map((ch, i) => {
      if (before[i] === undefined) return undefined;
      if (!isUnmappedChar(ch)) {
        // A letter inside a Chinese word, its glyph's font known: perhaps a lost glyph read as its bare code in a font no page showed mapped (“社Ó保险”).
        const font = glyphFont?.[i];
        const key = font !== undefined && BARE.test(ch) && BARE_IN_WORD.test(chars.slice(Math.max(0, i - 1), i + 2).join('')) ? `${font}\u0000${ch}` : undefined;
        return key !== undefined && !shared.has(key) ? key : undefined;
      }
      const own = glyphFont?.[i] ?? (run.font && lost.get(run.font)?.has(before[i]) ? run.font : undefined);
      const fonts = own !== undefined ? [own] : [...lost].filter(([, chars]) => chars.has(before[i])).map(([f]) => f);
      const key = fonts.length === 1 ? `${fonts[0]}\u0000${before[i]}` : undefined;
      return key !== undefined && !shared.has(key) ? key : undefined;
    });
  });
}

/** A Type 3 font: pdf.js runs a line's glyphs of many such fonts (Skia's, a few glyphs each) into one text item named after the first. */
function type3(page: PDFPageProxy, font: string | undefined): boolean {
  if (!font || !page.commonObjs.has(font)) return false;
  return (page.commonObjs.get(font) as { isType3Font?: boolean } | null)?.isType3Font === true;
}

/** One document's lost glyphs as read so far. */
export class LostGlyphReader {
  private readonly known = new Map<GlyphKey, { ch: string; confidence: number } | null>();
  private readonly tries = new Map<GlyphKey, number>();
  /** Per page, per run: its characters with its local-code letters and its glyphs of no sure font as read. */
  private readonly local = new Map<number, Map<number, string[]>>();
  /** Pages rendered for their lost glyphs. */
  rendered = 0;
  constructor(private readonly pdf: PDFDocumentProxy) {}

  /**
   * Read the page's lost glyphs not read yet (and its local-code letters), remembered for every page
   * (`apply`). `mayRender` is asked once, when the page holds such a glyph: false (the OCR page
   * budget spent) leaves them unread.
   */
  async learn(n: number, page: PDFPageProxy, runs: readonly TextRun[], slots: LostSlots, mayRender: () => boolean = () => true): Promise<void> {
    const groups = lineGroups(runs).filter((g) => {
      const text = g.map((i) => runs[i].str).join('');
      return (BARE_IN_WORD.test(text) || [...text].some(isUnmappedChar)) && [...text].filter((ch) => !/\s/u.test(ch) && !isUnmappedChar(ch)).length >= MIN_KNOWN && !g.some((i) => standIn(page, runs[i].font));
    });
    const open = (i: number) => slots[i]?.some((k) => k !== undefined && !this.known.has(k) && (this.tries.get(k) ?? 0) < MAX_TRIES) ?? false;
    // A lost glyph whose font is not sure (several of a Type 3 line's fonts lost that code): read on its own line only.
    const unkeyed = (i: number) => [...runs[i].str].some((ch, j) => isUnmappedChar(ch) && slots[i]?.[j] === undefined);
    // A letter inside a word not keyed (its font not known) is read on its own line only.
    const looseLetters = (g: number[]) => BARE_IN_WORD.test(g.map((i) => [...runs[i].str].map((ch, j) => (slots[i]?.[j] === undefined ? ch : '\uFFFD')).join('')).join(''));
    // Lines with a glyph not yet read, or read on each page: a local-code letter inside a word, a glyph of no sure font.
    const reading = groups.filter((g) => g.some(open) || g.some(unkeyed) || looseLetters(g));
    if (!reading.length || !mayRender()) return;
    this.rendered++;
    const tried = new Set(reading.flatMap((g) => g.flatMap((i) => slots[i] ?? [])).filter((k): k is GlyphKey => k !== undefined && !this.known.has(k)));
    for (const k of tried) this.tries.set(k, (this.tries.get(k) ?? 0) + 1);
    const image = await renderPage(this.pdf, page);
    const px = (x: number) => (x - image.x0) * image.scale;
    const py = (y: number) => (y - image.y0) * image.scale;
    const boxes: TextBox[] = reading.map((g) => ({
      x0: Math.max(0, Math.floor(px(Math.min(...g.map((i) => runs[i].x0)) - PAD))),
      y0: Math.max(0, Math.floor(py(Math.min(...g.map((i) => runs[i].top)) - PAD))),
      x1: Math.min(image.image.width, Math.ceil(px(Math.max(...g.map((i) => runs[i].x1)) + PAD))),
      y1: Math.min(image.image.height, Math.ceil(py(Math.max(...g.map((i) => runs[i].bottom)) + PAD))),
      score: 1,
    }));
    const lines = await recognizeBoxes(await loadEngine(), image.image, boxes);
    const readings = new Map<GlyphKey, { ch: string; confidence: number }[]>();
    const local = new Map<number, string[]>();
    reading.forEach((g, k) => {
      for (const got of alignedReadings(g.map((i) => runs[i].str), lines[k])) {
        const i = g[got.r];
        const key = slots[i]?.[got.i];
        if (key !== undefined) readings.set(key, [...(readings.get(key) ?? []), got]);
        else {
          // A local-code letter or a glyph of no sure font: read on this line only.
          const chars = local.get(i) ?? [...runs[i].str];
          chars[got.i] = got.ch;
          local.set(i, chars);
        }
      }
    });
    if (local.size) this.local.set(n, local);
    for (const [key, all] of readings) {
      const before = this.known.get(key);
      if (before === null) continue;
      const agreed = before ? [before, ...all] : all;
      this.known.set(key, agreed.every((x) => x.ch === agreed[0].ch) ? { ch: agreed[0].ch, confidence: Math.min(...agreed.map((x) => x.confidence)) } : null);
    }
  }

  /** Page `n`'s runs with the lost glyphs read so far (on any page) and its own local-code letters read. */
  apply(n: number, runs: readonly TextRun[], slots: LostSlots): TextRun[] {
    const local = this.local.get(n);
    return runs.map((run, r) => {
      const keys = slots[r];
      const letters = local?.get(r);
      if (!keys?.some((k) => k !== undefined && this.known.get(k)) && !letters) return run;
      let confidence = Math.min(run.confidence ?? 1, letters ? SURE : 1);
      const chars = (letters ?? [...run.str]).map((ch, i) => {
        const read = keys?.[i] !== undefined ? this.known.get(keys[i]!) : undefined;
        if (!read) return ch;
        confidence = Math.min(confidence, read.confidence);
        return read.ch;
      });
      const str = chars.join('');
      return str === run.str ? run : { ...run, str, confidence };
    });
  }
}

/**
 * Runs that follow one another on a line (same baseline, each starting where the one before ends,
 * give or take a third of an em): read as one, a lost glyph set as a run of its own (a Type 3 font
 * of its own) is read among its neighbours. Indexes into `runs`, each group left to right.
 */
function lineGroups(runs: readonly TextRun[]): number[][] {
  const order = runs.map((_, i) => i).filter((i) => runs[i].str.length).sort((a, b) => runs[a].baseline - runs[b].baseline || runs[a].x0 - runs[b].x0);
  const groups: number[][] = [];
  let group: number[] = [];
  for (const i of order) {
    const last = group.length ? runs[group[group.length - 1]] : null;
    const r = runs[i];
    const em = Math.max(r.size, last?.size ?? 0) || 1;
    if (last && Math.abs(r.baseline - last.baseline) <= 0.2 * em && r.x0 - last.x1 <= em / 3 && r.x0 - last.x1 >= -em / 3) group.push(i);
    else {
      if (group.length) groups.push(group);
      group = [i];
    }
  }
  if (group.length) groups.push(group);
  return groups;
}

/** The font is not embedded: pdf.js draws a stand-in's glyphs, not the text's. */
function standIn(page: PDFPageProxy, font: string | undefined): boolean {
  if (!font || !page.commonObjs.has(font)) return false;
  return (page.commonObjs.get(font) as { missingFile?: boolean } | null)?.missingFile === true;
}

/**
 * The lost glyphs (and bare-code letters read as ideographs) of a line's runs as the line was read:
 * the recogniser's characters lined up with the runs' (white space aside) by edit distance, a lost
 * glyph matching any character. Each is taken where it is read surely, its mapped neighbours on both
 * sides (those the line has) read as written, and the line differs from its mapped characters in at
 * most SLACK_SHARE of them. `r`, `i`: the run in the line and the character in the run.
 */
function alignedReadings(strs: readonly string[], line: RecognizedLine | undefined): { r: number; i: number; ch: string; confidence: number }[] {
  if (!line) return [];
  const slots = strs.flatMap((s, r) => [...s].map((ch, i) => ({ ch, r, i }))).filter(({ ch }) => !/\s/u.test(ch));
  const seen = line.chars.filter((c) => !/^\s*$/u.test(c.ch));
  const text = slots.map((s) => s.ch).join('');
  const wild = slots.map(({ ch }, k) => isUnmappedChar(ch) || (BARE.test(ch) && BARE_IN_WORD.test(text.slice(Math.max(0, k - 1), k + 2))));
  const fits = (k: number, j: number) => (wild[k] ? !(BARE.test(slots[k].ch) && !IDEOGRAPH.test(seen[j].ch) && !same(slots[k].ch, seen[j].ch)) : same(slots[k].ch, seen[j].ch));
  const [n, m] = [slots.length, seen.length];
  // Edit distance, rows over the runs' characters, columns over the reading's.
  const d: Uint16Array[] = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let k = 0; k <= n; k++) d[k][0] = k;
  for (let j = 0; j <= m; j++) d[0][j] = j;
  for (let k = 1; k <= n; k++) for (let j = 1; j <= m; j++) d[k][j] = Math.min(d[k - 1][j - 1] + (fits(k - 1, j - 1) ? 0 : 1), d[k - 1][j] + 1, d[k][j - 1] + 1);
  if (d[n][m] > Math.max(MIN_SLACK, SLACK_SHARE * n)) return [];
  // Walk back: each slot's reading (the character it lines up with), or -1 where it has none or differs.
  const at = new Int32Array(n).fill(-1);
  const matched = new Uint8Array(n);
  for (let k = n, j = m; k > 0 && j >= 0; ) {
    if (j > 0 && d[k][j] === d[k - 1][j - 1] + (fits(k - 1, j - 1) ? 0 : 1)) {
      at[k - 1] = j - 1;
      matched[k - 1] = fits(k - 1, j - 1) ? 1 : 0;
      k--;
      j--;
    } else if (d[k][j] === d[k - 1][j] + 1) k--;
    else j--;
  }
  const out: { r: number; i: number; ch: string; confidence: number }[] = [];
  for (let k = 0; k < n; k++) {
    if (!wild[k] || !matched[k]) continue;
    const got = seen[at[k]];
    if (got.confidence < SURE || isUnmappedChar(got.ch) || got.ch === '\u25A1' || /\s/u.test(got.ch) || same(slots[k].ch, got.ch)) continue;
    // The nearest mapped characters on each side, where the line has them, read as written.
    let left = k - 1;
    while (left >= 0 && wild[left]) left--;
    let right = k + 1;
    while (right < n && wild[right]) right++;
    if (left < 0 && right >= n) continue;
    if ((left >= 0 && !matched[left]) || (right < n && !matched[right])) continue;
    out.push({ r: slots[k].r, i: slots[k].i, ch: got.ch, confidence: got.confidence });
  }
  return out;
}
