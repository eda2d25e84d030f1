import type { GrayImage } from './image.js';

/**
 * Text lines of a prose page (正文) followed across it, for a page copied open from a bound book that
 * has no long rulings to measure its bend on (parsers/ocr/dewarp.ts). The page is cut into narrow
 * overlapping column strips; in each, the rows with ink form bands, one per text line crossing it,
 * and the band's middle (see middleOf) stands for the line's height there. Each line is followed
 * strip by strip from the middle of the text block outwards (where it runs straight) towards the
 * edges, each step predicted from the line's course so far, so a line bending towards the spine is
 * kept and its neighbour is not taken for it. Only lines running across half the text block count.
 */

/** A line followed across the page (a ruling in dewarp.ts, a text line here): its height per column. */
export interface LineTrace {
  /** First column followed. */
  x0: number;
  /** The line's row in each column from x0 on (NaN where it was not seen; a text line's middle, interpolated between strip centres). */
  ys: Float32Array;
  /** The height it runs at where it is straight. */
  level: number;
}

/** Strip width (points): about two characters of body text, so that most strips hold ink of every line. */
const STRIP_PT = 20;
/** A row of a strip is ink of a text line from this share of the strip's width dark (a ruling crossing it is less). */
const ROW_INK_SHARE = 0.06;
/** Ink-less rows inside a glyph (三, 二) bridged within one band (points). */
const ROW_GAP_PT = 1;
/** A band this much lower or higher than the page's typical line height is no text line (a ruling, two lines run together). */
const BAND_HEIGHT_RANGE = [0.55, 1.6] as const;
/** A band's foot and head: its outermost rows with at least this share of the band's mean ink per row. */
const EDGE_INK_SHARE = 0.3;
/** Strips a line may go without ink (a space, a short gap in the text) and still be followed. */
const MAX_MISSED_STRIPS = 3;
/** A line's next band is looked for this share of the line height either side of where its course leads. */
const FOLLOW_TOLERANCE = 0.3;
/** A followed line counts when it runs across at least this share of the text block. */
const MIN_LINE_SHARE = 0.5;

interface Band {
  /** The line's middle row in this strip. */
  middle: number;
  taken: boolean;
}

/** A run of rows with ink in one strip, with the ink of each row. */
interface InkRun {
  top: number;
  bottom: number;
  profile: number[];
}

/** The page's long text lines with their height per column (see above); none on a page without running text across it. */
export function followTextLines(img: GrayImage, threshold: number, ppt: number): LineTrace[] {
  const { width: W, height: H, data } = img;
  const half = Math.max(8, Math.round((STRIP_PT * ppt) / 2));
  const blocks = Math.ceil(W / half);
  const strips = blocks - 1;
  if (strips < 3 || !readsAcross(img, threshold)) return [];
  // Dark pixels per row in each block of half a strip; a strip is two neighbouring blocks.
  const counts = new Uint16Array(blocks * H);
  for (let y = 0; y < H; y++) {
    const row = y * W;
    for (let x = 0; x < W; x++) if (data[row + x] < threshold) counts[((x / half) | 0) * H + y]++;
  }
  const minInk = Math.max(2, Math.round(ROW_INK_SHARE * 2 * half));
  const gap = Math.max(1, Math.round(ROW_GAP_PT * ppt));
  const raw: InkRun[][] = [];
  for (let s = 0; s < strips; s++) raw.push(inkBands(counts, s * H, (s + 1) * H, H, minInk, gap));
  const heights = raw.flat().map((b) => b.bottom - b.top + 1).filter((h) => h >= 4 * ppt).sort((a, b) => a - b);
  if (heights.length < 10) return [];
  const lineHeight = heights[heights.length >> 1];
  const bands: Band[][] = raw.map((list) =>
    list
      .filter((b) => {
        const h = b.bottom - b.top + 1;
        return h >= BAND_HEIGHT_RANGE[0] * lineHeight && h <= BAND_HEIGHT_RANGE[1] * lineHeight;
      })
      .map((b) => ({ middle: middleOf(b), taken: false })),
  );
  // The text block: strips holding bands.
  const inked = bands.map((list, s) => (list.length ? s : -1)).filter((s) => s >= 0);
  if (inked.length < 3) return [];
  const first = inked[0];
  const last = inked[inked.length - 1];
  const middle = (first + last) / 2;
  const order = [...inked].sort((a, b) => Math.abs(a - middle) - Math.abs(b - middle));
  const centre = (s: number) => (s + 1) * half;
  const tolerance = Math.max(3, FOLLOW_TOLERANCE * lineHeight);
  const traces: LineTrace[] = [];
  for (const s of order) {
    for (const seed of bands[s]) {
      if (seed.taken) continue;
      seed.taken = true;
      const middles = new Map<number, number>([[s, seed.middle]]);
      for (const dir of [1, -1]) followLine(bands, s, seed.middle, dir, tolerance, middles);
      const at = [...middles.keys()].sort((a, b) => a - b);
      const lo = at[0];
      const hi = at[at.length - 1];
      if (hi - lo < MIN_LINE_SHARE * (last - first)) continue;
      traces.push(toTrace(at.map((k) => [centre(k), middles.get(k)!]), W));
    }
  }
  return traces;
}

/**
 * Do the text lines run across the image? Across the middle of the inked area (a bend lies near an
 * edge) lines running across leave whole rows blank between them and hardly a column; text standing
 * sideways (a page fed in turned a quarter) leaves columns blank instead — and its characters, set on
 * a grid, would otherwise be followed as lines across.
 */
function readsAcross(img: GrayImage, threshold: number): boolean {
  const { width: W, height: H, data } = img;
  let x0 = W;
  let x1 = -1;
  let y0 = H;
  let y1 = -1;
  for (let y = 0; y < H; y += 2) {
    const row = y * W;
    for (let x = 0; x < W; x += 2) {
      if (data[row + x] >= threshold) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  if (x1 < 0) return false;
  const [ax, bx] = [x0 + ((x1 - x0) >> 2), x1 - ((x1 - x0) >> 2)];
  const [ay, by] = [y0 + ((y1 - y0) >> 2), y1 - ((y1 - y0) >> 2)];
  const rowInk = new Uint32Array(by - ay + 1);
  const colInk = new Uint32Array(bx - ax + 1);
  for (let y = ay; y <= by; y++) {
    const row = y * W;
    for (let x = ax; x <= bx; x++) {
      if (data[row + x] >= threshold) continue;
      rowInk[y - ay]++;
      colInk[x - ax]++;
    }
  }
  const blankRows = rowInk.filter((n) => n <= 1).length / rowInk.length;
  const blankColumns = colInk.filter((n) => n <= 1).length / colInk.length;
  return blankRows >= MIN_BLANK_ROWS && blankRows >= 2 * blankColumns;
}

/** Share of blank rows between text lines running across (1.5 line spacing leaves about a third; single spacing a fifth). */
const MIN_BLANK_ROWS = 0.08;

/** Runs of rows with ink in one strip (the two blocks starting at `a` and `b` of `counts`), bridging gaps of up to `gap` rows. */
function inkBands(counts: Uint16Array, a: number, b: number, H: number, minInk: number, gap: number): InkRun[] {
  const out: InkRun[] = [];
  let top = -1;
  let bottom = -1;
  for (let y = 0; y <= H; y++) {
    const ink = y < H ? counts[a + y] + counts[b + y] : 0;
    if (ink >= minInk) {
      if (top < 0) top = y;
      bottom = y;
    } else if (top >= 0 && (y - bottom > gap || y === H)) {
      const profile: number[] = [];
      for (let k = top; k <= bottom; k++) profile.push(counts[a + k] + counts[b + k]);
      out.push({ top, bottom, profile });
      top = -1;
    }
  }
  return out;
}

/**
 * Where a band's line runs: halfway between its foot and its head, each the outermost row still
 * carrying a fair share of the band's mean ink per row (a bracket's or a comma's tail is too thin to
 * count). The middle, not the foot: a strip of digits stands on the baseline while Chinese characters
 * reach below it and above the digits' top by about as much, so their middles agree within a pixel
 * (and a page read upside down, before it is turned, gives the same).
 */
function middleOf(run: InkRun): number {
  const floor = (EDGE_INK_SHARE * run.profile.reduce((sum, v) => sum + v, 0)) / run.profile.length;
  let foot = run.profile.length - 1;
  while (foot > 0 && run.profile[foot] < floor) foot--;
  let head = 0;
  while (head < foot && run.profile[head] < floor) head++;
  return run.top + (head + foot) / 2;
}

/** Follows a line from strip `s` (its middle at `middle`) in direction `dir`, recording the middles found. */
function followLine(bands: Band[][], s: number, middle: number, dir: number, tolerance: number, middles: Map<number, number>): void {
  let at = middle;
  let atStrip = s;
  let slope = 0;
  for (let k = s + dir; k >= 0 && k < bands.length; k += dir) {
    if (Math.abs(k - atStrip) > MAX_MISSED_STRIPS + 1) break;
    const expected = at + slope * (k - atStrip) * dir;
    let best: Band | null = null;
    for (const b of bands[k]) {
      if (b.taken || Math.abs(b.middle - expected) > tolerance) continue;
      if (!best || Math.abs(b.middle - expected) < Math.abs(best.middle - expected)) best = b;
    }
    if (!best) continue;
    best.taken = true;
    // The course: the step per strip, steadied over the steps before.
    slope = 0.5 * slope + (0.5 * (best.middle - at)) / ((k - atStrip) * dir);
    at = best.middle;
    atStrip = k;
    middles.set(k, best.middle);
  }
}

/** Height per column between the first and last strip centre: the middles steadied (median of three) and interpolated. */
function toTrace(points: [number, number][], W: number): LineTrace {
  const ys = points.map(([, y], k) => {
    if (k === 0 || k === points.length - 1) return y;
    return [points[k - 1][1], y, points[k + 1][1]].sort((a, b) => a - b)[1];
  });
  const x0 = points[0][0];
  const x1 = Math.min(W - 1, points[points.length - 1][0]);
  const out = new Float32Array(x1 - x0 + 1);
  let k = 0;
  for (let x = x0; x <= x1; x++) {
    while (k + 1 < points.length - 1 && points[k + 1][0] < x) k++;
    const [xa] = points[k];
    const [xb] = points[Math.min(k + 1, points.length - 1)];
    const f = xb > xa ? Math.min(1, Math.max(0, (x - xa) / (xb - xa))) : 0;
    out[x - x0] = ys[k] * (1 - f) + ys[Math.min(k + 1, points.length - 1)] * f;
  }
  const sorted = [...ys].sort((a, b) => a - b);
  return { x0, ys: out, level: sorted[sorted.length >> 1] };
}
