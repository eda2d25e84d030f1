import type { TextBox } from './detect.js';
import type { GrayImage } from './image.js';
import { components, typicalLineHeight, type Component } from './missed-text.js';
import type { RecognizedLine } from './recognize.js';

/**
 * Dot runs (省略号 "……", "...", leader dots) the reader passes over. The text detector does not
 * see a row of dots as text, and read alone the recogniser makes "." of it with little confidence,
 * so a template's placeholder row "……" came back as an empty cell. Dots are found by their shape:
 * at least three small, round, solid blobs of one size, evenly spaced on one line, on ink no kept
 * line covers. They are given as a line of "…" (one per three dots), with a confidence below sure.
 */

/** Confidence of a dot run: its shape is clear, but it is not a reading. */
export const DOT_RUN_CONFIDENCE = 0.9;
const MIN_DOTS = 3;

export function dotLeaderLines(img: GrayImage, read: readonly RecognizedLine[], threshold: number): RecognizedLine[] {
  const lineHeight = typicalLineHeight(read.map((l) => l.box));
  if (lineHeight === null) return [...read];
  // A line read as dot-like marks only is looked at as ink, like the dots no line covers; so is a line
  // whose ink is nothing but a row of dots, whatever it was read as (dots on a shaded cell read "55000").
  const asDots = read.filter((l) => DOT_LIKE.test(l.text) || onlyDotsIn(img, l.box, threshold, lineHeight));
  const kept = read.filter((l) => !asDots.includes(l)).map((l) => l.box);
  const runs = dotRunsBeside(img, kept, threshold, lineHeight);
  const centred = (d: Component, box: TextBox) => (d.x0 + d.x1) / 2 > box.x0 && (d.x0 + d.x1) / 2 < box.x1 && (d.y0 + d.y1) / 2 > box.y0 && (d.y0 + d.y1) / 2 < box.y1;
  const out: RecognizedLine[] = [];
  const taken = new Set<Component[]>();
  for (const l of read) {
    if (!asDots.includes(l)) {
      out.push(l);
      continue;
    }
    // The runs the reading lies on (it may hold only some of a run's dots).
    const under = runs.filter((r) => !taken.has(r) && r.some((d) => centred(d, l.box)));
    under.forEach((r) => taken.add(r));
    const dots = under.flat().filter((d) => centred(d, l.box));
    if (dots.length && onlyInk(img, l.box, dots, threshold)) {
      out.push(...under.map((r) => toLine(r, lineHeight, img.width, img.height, Math.min(l.confidence, REREAD_DOT_RUN_CONFIDENCE))));
    } else out.push(l);
  }
  for (const r of runs) if (!taken.has(r)) out.push(toLine(r, lineHeight, img.width, img.height, DOT_RUN_CONFIDENCE));
  return out;
}

/** What a dot run read as text may come back as: full stops, middle dots, quote marks, commas. */
const DOT_LIKE = /^[.·•。．…'‘’"“”`,，、:：;；\s]+$/u;
/** A reading replaced by the dot run under it: the text changed, so it is unsure (facts.ts: sure ≥ 0.9). */
const REREAD_DOT_RUN_CONFIDENCE = 0.89;

/** All the ink in the box is one evenly spaced run of dots (MIN_DOTS or more). */
function onlyDotsIn(img: GrayImage, box: TextBox, threshold: number, lineHeight: number): boolean {
  const x0 = Math.max(0, Math.floor(box.x0));
  const y0 = Math.max(0, Math.floor(box.y0));
  const w = Math.min(img.width, Math.ceil(box.x1)) - x0;
  const h = Math.min(img.height, Math.ceil(box.y1)) - y0;
  if (w <= 0 || h <= 0) return false;
  const ink = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (img.data[(y0 + y) * img.width + x0 + x] < threshold) ink[y * w + x] = 1;
  const blobs = components(ink, w, h);
  if (blobs.length < MIN_DOTS || !blobs.every((c) => isDot(c, lineHeight))) return false;
  const runs = dotRuns([...blobs].sort((a, b) => a.x0 - b.x0), lineHeight);
  return runs.length === 1 && runs[0].length === blobs.length;
}

/** The dots are all the ink in the line's box (no digit, dash or letter beside them). */
function onlyInk(img: GrayImage, box: TextBox, dots: readonly Component[], threshold: number): boolean {
  let ink = 0;
  for (let y = Math.max(0, Math.floor(box.y0)); y < Math.min(img.height, Math.ceil(box.y1)); y++) {
    for (let x = Math.max(0, Math.floor(box.x0)); x < Math.min(img.width, Math.ceil(box.x1)); x++) if (img.data[y * img.width + x] < threshold) ink++;
  }
  return ink <= 1.25 * dots.reduce((s, d) => s + d.n, 0) + 4;
}

/** Runs of dots on ink no kept line covers. */
function dotRunsBeside(img: GrayImage, kept: readonly TextBox[], threshold: number, lineHeight: number): Component[][] {
  const W = img.width;
  const H = img.height;
  const ink = new Uint8Array(W * H);
  for (let i = 0; i < ink.length; i++) if (img.data[i] < threshold) ink[i] = 1;
  for (const b of kept) {
    for (let y = Math.max(0, Math.floor(b.y0)); y < Math.min(H, Math.ceil(b.y1)); y++) ink.fill(0, y * W + Math.max(0, Math.floor(b.x0)), y * W + Math.min(W, Math.ceil(b.x1)));
  }
  const dots = components(ink, W, H)
    .filter((c) => isDot(c, lineHeight) && !atLineEdge(c, kept, lineHeight))
    .sort((a, b) => a.x0 - b.x0);
  return dotRuns(dots, lineHeight);
}

/**
 * A full stop's blob: small, about as wide as high, mostly ink (not a comma, a dash or a speck). A
 * dot is about a twelfth of a line box: 2 px or more from lines of SMALL_PRINT_LINE px up; on
 * smaller print (a 100-dpi scan: lines of ~18 px) a dot may be a single pixel or two side by side.
 */
function isDot(c: Component, lineHeight: number): boolean {
  const w = c.x1 - c.x0;
  const h = c.y1 - c.y0;
  const least = lineHeight < SMALL_PRINT_LINE ? 1 : 2;
  return w >= least && h >= least && w <= 0.2 * lineHeight && h <= 0.2 * lineHeight && w <= 2 * h && h <= 2 * w && c.n >= 0.4 * w * h;
}

/** Line box height (px) below which a printed dot may be one pixel. */
const SMALL_PRINT_LINE = 24;
/** Dots in a run of pixel-sized dots: a specks' row is rarely this long and even; "……" has six. */
const MIN_PIXEL_DOTS = 5;

/**
 * Ink just above or below a read line, within its width: the tips of its own glyphs that the box
 * cut off (a row of them is evenly spaced too, at the characters' pitch), not dots of their own.
 */
function atLineEdge(c: Component, kept: readonly TextBox[], lineHeight: number): boolean {
  const margin = 0.15 * lineHeight;
  return kept.some((b) => c.x1 > b.x0 && c.x0 < b.x1 && c.y0 <= b.y1 + margin && c.y1 >= b.y0 - margin);
}

/**
 * Dots in a row: centres on one line, sizes alike, and closely and evenly spaced — an ellipsis's
 * dots are a third of an em apart (about a quarter of a line box), a line of characters' pitch is
 * an em or half an em.
 */
function dotRuns(dots: Component[], lineHeight: number): Component[][] {
  const cx = (c: Component) => (c.x0 + c.x1) / 2;
  const cy = (c: Component) => (c.y0 + c.y1) / 2;
  const size = (c: Component) => Math.max(c.x1 - c.x0, c.y1 - c.y0);
  const runs: Component[][] = [];
  for (const d of dots) {
    const run = runs.find((r) => {
      const last = r[r.length - 1];
      const gap = cx(d) - cx(last);
      return Math.abs(cy(d) - cy(last)) <= 0.08 * lineHeight && gap > 0 && gap <= 0.3 * lineHeight && Math.abs(size(d) - size(r[0])) <= Math.max(2, 0.5 * size(r[0]));
    });
    if (run) run.push(d);
    else runs.push([d]);
  }
  const pixelSized = (r: Component[]) => r.some((d) => d.x1 - d.x0 < 2 || d.y1 - d.y0 < 2);
  return runs.filter((r) => r.length >= (pixelSized(r) ? MIN_PIXEL_DOTS : MIN_DOTS) && evenlySpaced(r.map(cx)));
}

/** Every step within a third of the median step (2 px at least: JPEG blur moves a dot's edge). */
function evenlySpaced(xs: number[]): boolean {
  const steps = xs.slice(1).map((x, i) => x - xs[i]);
  const median = [...steps].sort((a, b) => a - b)[steps.length >> 1];
  return steps.every((s) => Math.abs(s - median) <= Math.max(2, median / 3));
}

function toLine(run: Component[], lineHeight: number, W: number, H: number, confidence: number): RecognizedLine {
  const cy = run.reduce((s, d) => s + (d.y0 + d.y1) / 2, 0) / run.length;
  const n = Math.max(1, Math.round(run.length / 3));
  const x0 = run[0].x0;
  const x1 = run[run.length - 1].x1;
  const per = (x1 - x0) / n;
  const chars = Array.from({ length: n }, (_, i) => ({ ch: '…', x0: x0 + i * per, x1: x0 + (i + 1) * per, confidence }));
  const box = { x0: Math.max(0, x0 - 0.1 * lineHeight), y0: Math.max(0, cy - lineHeight / 2), x1: Math.min(W, x1 + 0.1 * lineHeight), y1: Math.min(H, cy + lineHeight / 2), score: 0 };
  return { box, text: chars.map((c) => c.ch).join(''), chars, confidence };
}
