import type { GrayImage } from './image.js';

/**
 * Ruling lines (表格线) found in a page image: long, thin horizontal and vertical runs of ink.
 * Scans break lines (toner gaps, JPEG), tilt them a little, and put seals and signatures across
 * them, so a line is found as a chain of dark runs that tolerates short gaps, is followed from row
 * to row as it drifts, and is kept only when it is thin: a seal's ring or a black bar is not a
 * ruling.
 */
export interface PixelSegment {
  /** Centre of the line across its length (y for horizontal, x for vertical), pixels. */
  pos: number;
  from: number;
  to: number;
  /** Median thickness in pixels. */
  thickness: number;
}

export interface PixelRulings {
  horizontal: PixelSegment[];
  vertical: PixelSegment[];
  /** Pixels that belong to a ruling (to be erased before text is read), 1 = ruling. */
  mask: Uint8Array;
}

export interface RulingOptions {
  /** Grey level below which a pixel is ink. */
  threshold: number;
  /** Shortest ruling, pixels. */
  minLength: number;
  /** Longest gap bridged inside one line, pixels. */
  maxGap: number;
  /** Thickest line kept, pixels. */
  maxThickness: number;
  /** Longest break bridged between two pieces of one line (a seal or a signature across it), pixels. */
  maxBreak: number;
  /** The page was turned straight (a scan fed in askew): its rulings' ragged edges are erased too (maskEdges). */
  raggedEdges?: boolean;
}

/** Find horizontal and vertical rulings; `mask` marks their pixels. */
export function findRasterRulings(img: GrayImage, options: RulingOptions): PixelRulings {
  const mask = new Uint8Array(img.width * img.height);
  const edges: (() => void)[] = [];
  const horizontal = scan(img, options, false, mask, edges);
  const vertical = scan(img, options, true, mask, edges);
  // Once every ruling's own pixels are known: a crossing ruling beyond an edge is no glyph.
  for (const mark of edges) mark();
  return { horizontal, vertical, mask };
}

interface Run {
  /** Row (or column, for vertical scanning) of the run. */
  line: number;
  from: number;
  to: number;
}

/**
 * One orientation. Pass 1: in each row (column), maximal dark runs with gaps ≤ maxGap, kept when
 * ≥ minLength. Pass 2: runs in neighbouring rows that overlap along the line are one line (this
 * follows thickness and a slight slope). A chain is a ruling when its median thickness is small.
 */
function scan(img: GrayImage, o: RulingOptions, vertical: boolean, mask: Uint8Array, edges: (() => void)[]): PixelSegment[] {
  const { width: W, height: H, data: d } = img;
  const lines = vertical ? W : H;
  const length = vertical ? H : W;
  const at = vertical ? (l: number, k: number) => k * W + l : (l: number, k: number) => l * W + k;
  // A ruling's grey edge: most of the way from the ink threshold to white.
  const edgeLevel = o.threshold + EDGE_GREY * (255 - o.threshold);
  const runs = darkRuns(img, o, vertical);
  // Chain runs of consecutive rows that overlap along the line by most of the shorter one.
  interface Chain {
    runs: Run[];
    last: Run;
  }
  const chains: Chain[] = [];
  let open: Chain[] = [];
  for (let l = 0; l < lines; l++) {
    const next: Chain[] = [];
    for (const run of runs[l]) {
      const chain = open.find((c) => c.last.line >= l - 1 && overlap(c.last, run) >= 0.5 * Math.min(c.last.to - c.last.from, run.to - run.from));
      if (chain) {
        chain.runs.push(run);
        chain.last = run;
        if (!next.includes(chain)) next.push(chain);
      } else {
        const c = { runs: [run], last: run };
        chains.push(c);
        next.push(c);
      }
    }
    open = next;
  }
  const out: PixelSegment[] = [];
  for (const chain of chains) {
    const thickness = medianThickness(chain.runs);
    if (thickness > o.maxThickness || bends(chain.runs)) continue;
    // The line's extent: where most of its thickness is present (ignores a stroke touching it).
    const from = Math.min(...chain.runs.map((r) => r.from));
    const to = Math.max(...chain.runs.map((r) => r.to));
    if (to - from < o.minLength) continue;
    let weighted = 0;
    let total = 0;
    for (const r of chain.runs) {
      const n = r.to - r.from;
      weighted += (r.line + 0.5) * n;
      total += n;
    }
    out.push({ pos: weighted / total, from, to, thickness });
    for (const r of chain.runs) for (let k = r.from; k < r.to; k++) mask[at(r.line, k)] = 1;
    if (o.raggedEdges) edges.push(() => maskEdges(chain.runs, from, to, thickness, lines, length, (l, k) => d[at(l, k)] < edgeLevel && !mask[at(l, k)], (l, k) => (mask[at(l, k)] = 1)));
  }
  return bridgeBreaks(out, o);
}

/**
 * Pass 1 of `scan`: per row (per column when `vertical`), the maximal dark runs with gaps ≤ maxGap that
 * are at least minLength long, in order along the line. The image is walked row by row in both cases
 * (a column at a time strides across the whole image for every pixel): for columns, each column's
 * run in progress is kept in arrays. A run still open within maxGap of the line's end is not closed
 * (and not kept), for rows and columns alike.
 */
function darkRuns(img: GrayImage, o: RulingOptions, vertical: boolean): Run[][] {
  const { width: W, height: H, data: d } = img;
  const { threshold, maxGap, minLength } = o;
  if (!vertical) {
    const runs: Run[][] = [];
    for (let l = 0; l < H; l++) {
      const found: Run[] = [];
      const row = l * W;
      let start = -1;
      let lastDark = -1;
      for (let k = 0; k <= W; k++) {
        if (k < W && d[row + k] < threshold) {
          if (start < 0) start = k;
          lastDark = k;
        } else if (start >= 0 && k - lastDark > maxGap) {
          if (lastDark + 1 - start >= minLength) found.push({ line: l, from: start, to: lastDark + 1 });
          start = -1;
        }
      }
      runs.push(found);
    }
    return runs;
  }
  const runs: Run[][] = Array.from({ length: W }, () => []);
  const start = new Int32Array(W).fill(-1);
  const lastDark = new Int32Array(W).fill(-1);
  for (let k = 0; k <= H; k++) {
    const row = k * W;
    for (let l = 0; l < W; l++) {
      if (k < H && d[row + l] < threshold) {
        if (start[l] < 0) start[l] = k;
        lastDark[l] = k;
      } else if (start[l] >= 0 && k - lastDark[l] > maxGap) {
        if (lastDark[l] + 1 - start[l] >= minLength) runs[l].push({ line: l, from: start[l], to: lastDark[l] + 1 });
        start[l] = -1;
      }
    }
  }
  return runs;
}

/** Rows beside a ruling's own looked at for its ragged edge. */
const EDGE_ROWS = 2;
/** Grey darker than this share of the way from the ink threshold to white is part of an edge. */
const EDGE_GREY = 0.9;

/**
 * A ruling's ragged edge: a line scanned askew and turned straight again (or blurred by a photo)
 * keeps, along each side, grey rows and dashes shorter than a ruling — the steps of the tilted
 * line, a pixel high and ten or twenty long, lighter than the ink threshold — that the recogniser
 * reads as "1" or "-" beside a cell's number ("10 1"). Along the ruling's rows and the two on each
 * side, a run of grey (EDGE_GREY) at least twice the line's thickness long lying along it is the
 * line's when paper lies beyond it: a glyph's stroke crossing the line is not that long along it,
 * and the foot of a glyph sitting on the line (a 县's last stroke) has more of the glyph behind it.
 */
function maskEdges(runs: readonly Run[], from: number, to: number, thickness: number, lines: number, length: number, grey: (l: number, k: number) => boolean, mark: (l: number, k: number) => void): void {
  const minRun = Math.max(4, Math.ceil(2 * thickness));
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of runs) {
    lo = Math.min(lo, r.line);
    hi = Math.max(hi, r.line);
  }
  const end = Math.min(to, length);
  const paperAt = (row: number, k: number) => row < 0 || row >= lines || !grey(row, k);
  // A line with paper beyond its edges nearly all along: a ruling. The tops or feet of a run of
  // digits blurred together (a phone photo's "250000.00") are found as a line too, with the digits
  // on one side of it: their edge is the digits' own ink.
  for (const row of [lo - EDGE_ROWS - 1, hi + EDGE_ROWS + 1]) {
    let clear = 0;
    for (let k = from; k < end; k++) if (paperAt(row, k)) clear++;
    if (clear < RULING_CLEAR * (end - from)) return;
  }
  for (let l = Math.max(0, lo - EDGE_ROWS); l <= Math.min(lines - 1, hi + EDGE_ROWS); l++) {
    // The row just beyond the edge band on this row's side (none for the ruling's own rows).
    const beyond = l < lo ? lo - EDGE_ROWS - 1 : l > hi ? hi + EDGE_ROWS + 1 : -1;
    const paperBeyond = (k: number) => beyond < 0 || paperAt(beyond, k);
    let start = -1;
    for (let k = from; k <= end; k++) {
      if (k < end && grey(l, k)) {
        if (start < 0) start = k;
        continue;
      }
      if (start >= 0 && k - start >= minRun) {
        let clear = 0;
        for (let j = start; j < k; j++) if (paperBeyond(j)) clear++;
        if (clear >= EDGE_CLEAR * (k - start)) for (let j = start; j < k; j++) mark(l, j);
      }
      start = -1;
    }
  }
}

/** Share of a side run with paper beyond it for it to be the ruling's edge. */
const EDGE_CLEAR = 0.8;
/** Share of a line's length with paper beyond its edge band, on both sides, for its edges to be looked at. */
const RULING_CLEAR = 0.85;

/**
 * Pieces of one line broken by something drawn across it (a seal's ring, a signature, a fold):
 * same position within the line's thickness, a break no longer than `maxBreak`. A real gap in a
 * grid (a merged cell) is as wide as a cell, far wider.
 */
function bridgeBreaks(segments: PixelSegment[], o: RulingOptions): PixelSegment[] {
  const sorted = [...segments].sort((a, b) => a.pos - b.pos || a.from - b.from);
  const out: PixelSegment[] = [];
  for (const s of sorted) {
    const near = Math.max(2, s.thickness);
    const prev = out.find((p) => Math.abs(p.pos - s.pos) <= near && s.from - p.to <= o.maxBreak && s.from >= p.from);
    if (prev) {
      const a = prev.to - prev.from;
      const b = s.to - s.from;
      prev.pos = (prev.pos * a + s.pos * b) / (a + b);
      prev.to = Math.max(prev.to, s.to);
    } else out.push({ ...s });
  }
  return out;
}

function overlap(a: Run, b: Run): number {
  return Math.min(a.to, b.to) - Math.max(a.from, b.from);
}

/**
 * Does the chain bend? A ruling is straight, at most tilted: each edge of it (the first and the
 * last row covering a point) runs straight, so at its middle an edge lies half-way between where it
 * lies near the two ends. The top of a seal's ring is an arc: its outer edge bulges by several
 * pixels over the length a ruling needs.
 */
function bends(runs: readonly Run[]): boolean {
  const from = Math.min(...runs.map((r) => r.from));
  const to = Math.max(...runs.map((r) => r.to));
  const edges = (at: number): [number, number] | null => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const r of runs) {
      if (r.from <= at && at < r.to) {
        if (r.line < lo) lo = r.line;
        if (r.line > hi) hi = r.line;
      }
    }
    return lo === Infinity ? null : [lo, hi];
  };
  const a = edges(from + 0.1 * (to - from));
  const m = edges(from + 0.5 * (to - from));
  const b = edges(from + 0.9 * (to - from));
  if (!a || !m || !b) return true;
  return Math.abs(m[0] - (a[0] + b[0]) / 2) > BEND_PX || Math.abs(m[1] - (a[1] + b[1]) / 2) > BEND_PX;
}

/** Largest bulge (pixels) of a ruling's edge: jagged scan edges move a pixel, an arc far more. */
const BEND_PX = 1.5;

/**
 * Thickness of a chain: at sample points along it, how many of its rows cover that point; the
 * median over points. A ruling is 1–4 px thick everywhere; a filled bar is not.
 */
function medianThickness(runs: readonly Run[]): number {
  const from = Math.min(...runs.map((r) => r.from));
  const to = Math.max(...runs.map((r) => r.to));
  const samples: number[] = [];
  const step = Math.max(1, Math.floor((to - from) / 24));
  for (let k = from; k < to; k += step) {
    let n = 0;
    for (const r of runs) if (r.from <= k && k < r.to) n++;
    if (n) samples.push(n);
  }
  samples.sort((a, b) => a - b);
  return samples.length ? samples[samples.length >> 1] : 0;
}
