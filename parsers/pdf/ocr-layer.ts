import { correctConfusables, type LineNeighbours } from '../ocr/confusables.js';
import { textCorrections } from '../ocr/corrections.js';
import { sequenceCounts } from '../ocr/word-sequences.js';
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

/**
 * The layer's look-alike misreadings (形近字) corrected as our own OCR's are where the recogniser's word is not known
 * (confusables.ts: a non-word whose other reading is a word of ≥3 reports on every side, stands in a three- or
 * four-character word of the reports, or is the page's own word by majority — 峻工 → 竣工). Each changed run keeps what
 * the layer said (`corrections`, corrections.ts), so the paragraph or cell it ends up in lists it (location.ocrCorrections).
 * Tesseract writes a space between most ideographs ("无 绞 重大"); the words are judged without them (无绞重大), the
 * spaces kept in the text. Its words are separate text items, cut anywhere ("发展，积" | "极 主动"): a run's first and
 * last characters are judged with the runs beside it on its line (lineNeighbours), else 极 of 积极 would be judged by
 * 主 alone (级主, 上级主管 in 5 reports). The page's own words are counted over all its runs, as our OCR counts its page.
 */
export function correctLayerLookalikes(runs: readonly TextRun[], rulings: Rulings): TextRun[] {
  const page = sequenceCounts(runs.map((r) => withoutIdeographSpaces(r.str)).join('\n'), 2);
  const around = lineNeighbours(runs, rulings);
  return runs.map((run, n) => {
    const judged = withoutIdeographSpaces(run.str);
    const { text, corrections } = correctConfusables(judged, undefined, around[n], [], { page });
    if (!corrections.length) return run;
    // Every correction replaces one character by one: the corrected characters go back in order, past the spaces left out.
    const [fixed, kept] = [[...text], [...judged]];
    let k = 0;
    const str = [...run.str].map((c) => (c === ' ' && kept[k] !== ' ' ? c : fixed[k++])).join('');
    // Listed as judged, with the characters beside them and not the spaces (无绞重 → 无较重).
    return { ...run, str, corrections: textCorrections(judged, text) };
  });
}

/** Text with the spaces between two ideographs left out (OCR-layer words are judged by their characters). */
const withoutIdeographSpaces = (text: string) => text.replace(/(?<=\p{Script=Han}) +(?=\p{Script=Han})/gu, '');

/**
 * Each run → the last character of the run just before it on its line and the first of the run just after (within a
 * character's width, no vertical ruling between: a cell's border ends its words).
 */
function lineNeighbours(runs: readonly TextRun[], rulings: Rulings): LineNeighbours[] {
  const inked = (r: TextRun) => r.str.trim();
  const between = (a: TextRun, b: TextRun) => rulings.vertical.some((v) => v.pos >= a.x1 - 1 && v.pos <= b.x0 + 1 && v.from <= b.baseline && v.to >= b.top);
  /** The index of the run just after run `i` on its line, if no ruling stands between them. */
  const next = (i: number): number | undefined => {
    const a = runs[i];
    let best: number | undefined;
    runs.forEach((b, j) => {
      if (j === i || !inked(b) || Math.abs(b.baseline - a.baseline) > 0.3 * a.size || b.x0 < a.x1 - 0.5 * a.size || b.x0 > a.x1 + a.size) return;
      if (best === undefined || b.x0 < runs[best].x0) best = j;
    });
    return best !== undefined && !between(a, runs[best]) ? best : undefined;
  };
  const around: LineNeighbours[] = runs.map(() => ({}));
  const join = (i: number, j: number) => {
    around[i].after = [...inked(runs[j])][0];
    around[j].before = [...inked(runs[i])].at(-1);
  };
  runs.forEach((a, i) => {
    const j = inked(a) ? next(i) : undefined;
    if (j !== undefined) join(i, j);
  });
  // A run that starts its line runs on from the end of the line above in its column ("…并发挥积" then "极 的作用").
  runs.forEach((b, j) => {
    if (!inked(b) || around[j].before !== undefined) return;
    const above = wrappedFrom(b, runs, rulings);
    const i = above ? runs.indexOf(above) : -1;
    if (i >= 0 && around[i].after === undefined) join(i, j);
  });
  return around;
}

/**
 * The run a line-starting run continues: the last run of the line just above (0.75–2 line heights higher), the lines
 * starting within CONTINUATION_INDENT characters of each other, no ruling between (a cell's border, the next row).
 */
function wrappedFrom(b: TextRun, runs: readonly TextRun[], rulings: Rulings): TextRun | undefined {
  const h = b.size;
  const line = (r: TextRun) => r.str.trim() && r !== b && Math.abs(r.size - h) <= 0.25 * h;
  const rise = (r: TextRun) => b.baseline - r.baseline;
  const higher = runs.filter((r) => line(r) && rise(r) >= 0.75 * h && rise(r) <= 2 * h);
  if (!higher.length) return undefined;
  const nearest = Math.min(...higher.map(rise));
  const row = higher.filter((r) => rise(r) - nearest < 0.3 * h);
  if (row.some((r) => Math.abs(r.baseline - b.baseline) < 0.3 * h) || runs.some((r) => line(r) && Math.abs(r.baseline - b.baseline) < 0.3 * h && r.x1 <= b.x0 + 0.5 * h && r.x1 > b.x0 - 3 * h)) return undefined;
  const crossed = (x0: number, x1: number, y0: number, y1: number) =>
    rulings.vertical.some((v) => v.pos > x0 + 1 && v.pos < x1 - 1 && v.from <= y1 && v.to >= y0) || rulings.horizontal.some((g) => g.pos > y0 && g.pos < y1 && g.from <= x1 && g.to >= x0);
  const inColumn = row.filter((r) => !crossed(Math.min(b.x0, r.x0), r.x1, r.baseline, b.baseline));
  if (!inColumn.length) return undefined;
  const start = Math.min(...inColumn.map((r) => r.x0));
  if (Math.abs(start - b.x0) > CONTINUATION_INDENT * h) return undefined;
  return inColumn.reduce((last, r) => (r.x1 > last.x1 ? r : last));
}

/** How far (characters) the start of a wrapped line may lie from the start of the line it continues. */
const CONTINUATION_INDENT = 2.5;
