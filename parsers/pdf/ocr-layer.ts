import { pdfOps } from './pdfjs.js';
import type { Rulings, TextRun } from './types.js';

/**
 * A text layer another program's OCR wrote over a scan (ocrmypdf, Acrobat, a scanner's software):
 * the text is drawn invisibly (text render mode 3) over a page image. Its words are what that
 * program read, with its errors; the page's grid is in the image only.
 */

/** Share of text-showing operations drawn invisibly (render mode 3 or 7), over the whole page. */
export function invisibleTextShare(fnArray: readonly number[], argsArray: readonly unknown[]): number {
  const OPS = pdfOps();
  const shows = new Set([OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText]);
  let mode = 0;
  const stack: number[] = [];
  let shown = 0;
  let invisible = 0;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    if (fn === OPS.save) stack.push(mode);
    else if (fn === OPS.restore) mode = stack.pop() ?? mode;
    else if (fn === OPS.setTextRenderingMode) mode = Number((argsArray[i] as unknown[])?.[0] ?? 0);
    else if (shows.has(fn)) {
      shown++;
      if (mode === 3 || mode === 7) invisible++;
    }
  }
  return shown ? invisible / shown : 0;
}

/** Almost all text invisible: an OCR layer, not a producer's text with a hidden watermark. */
export const OCR_LAYER_SHARE = 0.9;

/** Brackets OCR reads for （ and ）, and the ASCII pair, next to Chinese text. */
const OPENING = /[〈《〔【［(<]/u;
const CLOSING = /[〉》〕】］)>]/u;

/**
 * Punctuation of OCR'd text as the report has it: a bracket pair read as 〈…) or (…〕 becomes （…）,
 * so narrative parsing sees one parenthesis ("共74个〈房屋工程68个，市政工程6个)" →
 * "共74个（房屋工程68个，市政工程6个）"). Only a pair (an opening bracket closed later on the same
 * text) is changed; a lone 《 of a title stays.
 */
export function normalizeOcrBrackets(text: string): string {
  const chars = [...text];
  const open: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    if (OPENING.test(chars[i])) open.push(i);
    else if (CLOSING.test(chars[i]) && open.length) {
      const j = open.pop()!;
      const sameKind = (chars[j] === '《' && chars[i] === '》') || (chars[j] === '【' && chars[i] === '】');
      if (sameKind) continue;
      // ASCII pairs around Latin text or a number list ("(1)") are left alone.
      const inner = chars.slice(j + 1, i).join('');
      if ((chars[j] === '(' || chars[j] === '<') && (chars[i] === ')' || chars[i] === '>') && !/\p{Script=Han}/u.test(inner)) continue;
      chars[j] = '（';
      chars[i] = '）';
    }
  }
  return chars.join('');
}

/** A token that is a ruling line read as a character. */
const RULING_GLYPH = /^[|丨｜]$/u;

/**
 * OCR-layer runs made fit for the layout path: a run crossing a vertical ruling of the image's
 * grid is cut there (OCR reads across cell borders: "执行数 | 分值 | 率"), characters placed in
 * proportion along the run; ruling lines read as "|" dropped. (Brackets are normalised on the
 * assembled paragraphs and cells, where a pair may span lines.)
 */
export function ocrLayerRuns(runs: readonly TextRun[], rulings: Rulings): TextRun[] {
  const out: TextRun[] = [];
  for (const run of runs) {
    const cy = (run.top + run.bottom) / 2;
    const cuts = rulings.vertical.filter((v) => v.pos > run.x0 + 1 && v.pos < run.x1 - 1 && v.from <= cy && v.to >= cy).map((v) => v.pos).sort((a, b) => a - b);
    const chars = [...run.str];
    const step = (run.x1 - run.x0) / Math.max(1, chars.length);
    let start = 0;
    for (const cut of [...cuts, Infinity]) {
      let end = start;
      while (end < chars.length && run.x0 + (end + 0.5) * step < cut) end++;
      const piece = chars.slice(start, end).join('').trim();
      const x0 = run.x0 + start * step;
      const x1 = run.x0 + end * step;
      start = end;
      if (!piece || piece.split(/\s+/u).every((t) => RULING_GLYPH.test(t))) continue;
      const words = piece.split(/\s+/u).filter((t) => !RULING_GLYPH.test(t));
      out.push({ ...run, str: words.join(' '), x0, x1 });
    }
  }
  return out;
}

/**
 * The layer's words of a scan fed in askew, turned with the straightened page image (the layer lies
 * over the image as it is): each run is moved with its centre, turned by −skew about `centre`
 * (small angles: a word's box keeps its size).
 */
export function straightenRuns(runs: readonly TextRun[], skew: number, centre: { x: number; y: number }): TextRun[] {
  if (!skew) return [...runs];
  const cos = Math.cos(skew);
  const sin = Math.sin(skew);
  return runs.map((run) => {
    const dx = (run.x0 + run.x1) / 2 - centre.x;
    const dy = run.baseline - centre.y;
    // Where the centre goes when turned by −skew, minus where it was.
    const moveX = cos * dx + sin * dy - dx;
    const moveY = cos * dy - sin * dx - dy;
    return { ...run, x0: run.x0 + moveX, x1: run.x1 + moveX, top: run.top + moveY, bottom: run.bottom + moveY, baseline: run.baseline + moveY };
  });
}
