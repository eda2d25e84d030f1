import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { loadEngine } from '../ocr/engine.js';
import { renderPage } from '../ocr/page-image.js';
import { recognizeBoxes, type RecognizedLine } from '../ocr/recognize.js';
import type { TextBox } from '../ocr/detect.js';
import { isUnmappedChar } from './text-quality.js';
import type { TextRun } from './types.js';

/**
 * Lost glyphs read by their shape (字形识别): what a font's map left out and its glyph order could
 * not give (glyph-order.ts) is still drawn on the page. The page is rendered once, each run that
 * holds such glyphs among readable characters is read by the OCR line recogniser, and the reading is
 * taken only where it agrees with every character the map did give — same count, same characters
 * (full- and half-width alike, white space aside) —, each lost glyph read at least SURE. A run is
 * then as sure as its least sure such glyph (TextRun.confidence), so what rests on it is weighed as
 * OCR text; a reading that disagrees anywhere leaves the run as it was (its glyphs marked □ later).
 * A font that is not embedded is drawn in a stand-in whose shapes are not the text's: its runs never
 * agree and stay as they were.
 */

/** A lost glyph's reading must be at least this sure. */
const SURE = 0.9;
/** Readable characters a run needs around its lost glyphs for its reading to be checked against. */
const MIN_KNOWN = 2;
/** Padding around a run's box, in points (the recogniser wants a little white around a line). */
const PAD = 1.5;

/**
 * A letter standing for an ideograph: a glyph the map left out read as its bare code, a letter
 * (“汨罗y住房”, “要î落”) where the font's other glyphs are not marked (a Type 3 run named after
 * another font). Taken for the ideograph the line is read as there, surely; a letter read as a
 * letter stays.
 */
const BARE = /^[A-Za-z\u00C0-\u024F]$/u;
const BARE_IN_WORD = /[\u4E00-\u9FFF][A-Za-z\u00C0-\u024F]|[A-Za-z\u00C0-\u024F][\u4E00-\u9FFF]/u;
const IDEOGRAPH = /^[\u4E00-\u9FFF]$/u;

const same = (a: string, b: string) => a === b || a.normalize('NFKC') === b.normalize('NFKC');

/** `mayRender` is asked once, when a run needs its shape read: false (the OCR page budget spent) leaves the runs as they are. */
export async function readLostGlyphs(pdf: PDFDocumentProxy, page: PDFPageProxy, runs: readonly TextRun[], mayRender: () => boolean = () => true): Promise<TextRun[]> {
  const groups = lineGroups(runs).filter((g) => {
    const text = g.map((i) => runs[i].str).join('');
    return (BARE_IN_WORD.test(text) || [...text].some(isUnmappedChar)) && [...text].filter((ch) => !/\s/u.test(ch) && !isUnmappedChar(ch)).length >= MIN_KNOWN && !g.some((i) => standIn(page, runs[i].font));
  });
  if (!groups.length || !mayRender()) return [...runs];
  const image = await renderPage(pdf, page);
  const px = (x: number) => (x - image.x0) * image.scale;
  const py = (y: number) => (y - image.y0) * image.scale;
  const boxes: TextBox[] = groups.map((g) => ({
    x0: Math.max(0, Math.floor(px(Math.min(...g.map((i) => runs[i].x0)) - PAD))),
    y0: Math.max(0, Math.floor(py(Math.min(...g.map((i) => runs[i].top)) - PAD))),
    x1: Math.min(image.image.width, Math.ceil(px(Math.max(...g.map((i) => runs[i].x1)) + PAD))),
    y1: Math.min(image.image.height, Math.ceil(py(Math.max(...g.map((i) => runs[i].bottom)) + PAD))),
    score: 1,
  }));
  const lines = await recognizeBoxes(await loadEngine(), image.image, boxes);
  const out = [...runs];
  groups.forEach((g, k) => {
    const read = agreedReading(g.map((i) => runs[i].str), lines[k]);
    if (!read) return;
    g.forEach((i, j) => {
      if (read.strs[j] !== runs[i].str) out[i] = { ...runs[i], str: read.strs[j], confidence: Math.min(runs[i].confidence ?? 1, read.confidence) };
    });
  });
  return out;
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

/** The runs' texts with their lost glyphs as the line was read, when the reading agrees with all the rest. */
function agreedReading(strs: readonly string[], line: RecognizedLine | undefined): { strs: string[]; confidence: number } | null {
  if (!line) return null;
  const chars = strs.map((s) => [...s]);
  const seen = line.chars.filter((c) => !/^\s*$/u.test(c.ch));
  const slots = chars.flatMap((cs, r) => cs.map((ch, i) => ({ ch, r, i }))).filter(({ ch }) => !/\s/u.test(ch));
  if (seen.length !== slots.length) return null;
  let confidence = 1;
  for (let k = 0; k < slots.length; k++) {
    const { ch, r, i } = slots[k];
    const got = seen[k];
    if (!isUnmappedChar(ch)) {
      if (same(ch, got.ch)) continue;
      if (!(BARE.test(ch) && IDEOGRAPH.test(got.ch) && got.confidence >= SURE)) return null;
    }
    if (got.confidence < SURE || isUnmappedChar(got.ch) || got.ch === '\u25A1') return null;
    chars[r][i] = got.ch;
    confidence = Math.min(confidence, got.confidence);
  }
  return { strs: chars.map((cs) => cs.join('')), confidence };
}
