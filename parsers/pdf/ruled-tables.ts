import { groupLines, joinFrameLines, lineFilled, splitRunAt } from './lines.js';
import type { PageTable, PageTableCell } from './page-table.js';
import { lowestConfidence, type BBox, type Rulings, type Segment, type TextLine, type TextRun } from './types.js';
import { clusterPositions } from './cluster.js';
import { splitTableAtRows, stackedFormBreaks, type GridRulingFacts } from './stacked-forms.js';

/** Boundaries closer than this (points) are one boundary (double rules, rounding). */
const SNAP = 2.5;
/** How far a ruling may stop short of the one it meets and still count as touching. */
const TOUCH = 2.5;
/** Cell padding assumed when deciding whether text ran into the cell's right border. */
const CELL_PADDING = 1.5;

/**
 * The right padding of a cell, taken equal to its left one where its lines are set flush left
 * (a web page's cells, LibreOffice HTML: 5–6 pt, more than Word's): otherwise a line that ran
 * into the padding would read as a paragraph end ("及\n时考核"). CELL_PADDING when the lines are
 * not flush left (centred: the left inset says nothing of the padding).
 */
function cellPadding(lines: readonly TextLine[], box: BBox): number {
  if (lines.length < 2) return CELL_PADDING;
  const x0 = Math.min(...lines.map((l) => l.x0));
  if (lines.some((l) => l.x0 - x0 > 1)) return CELL_PADDING;
  return Math.max(CELL_PADDING, Math.min(x0 - box[0], 0.5 * (box[2] - box[0])));
}

/** Merge collinear pieces of rulings: same position (within SNAP) and overlapping or touching. */
export function mergeSegments(segments: readonly Segment[]): Segment[] {
  const sorted = [...segments].sort((a, b) => a.pos - b.pos || a.from - b.from);
  const out: Segment[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1].pos - sorted[i].pos <= SNAP / 2) j++;
    const band = sorted.slice(i, j + 1).sort((a, b) => a.from - b.from);
    const pos = band.reduce((s, x) => s + x.pos, 0) / band.length;
    let cur: Segment = { pos, from: band[0].from, to: band[0].to };
    for (const s of band.slice(1)) {
      if (s.from <= cur.to + TOUCH) cur.to = Math.max(cur.to, s.to);
      else {
        out.push(cur);
        cur = { pos, from: s.from, to: s.to };
      }
    }
    out.push(cur);
    i = j + 1;
  }
  return out;
}

function crosses(h: Segment, v: Segment): boolean {
  return v.pos >= h.from - TOUCH && v.pos <= h.to + TOUCH && h.pos >= v.from - TOUCH && h.pos <= v.to + TOUCH;
}

function boundaries(values: number[]): number[] {
  return clusterPositions(values, SNAP);
}

/** Is there a ruling at `pos` covering the point `at` along it? */
function covered(lines: Segment[], pos: number, at: number): boolean {
  for (const s of lines) if (Math.abs(s.pos - pos) <= SNAP && s.from - TOUCH <= at && at <= s.to + TOUCH) return true;
  return false;
}

class UnionFind {
  private parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

interface Component {
  horizontal: Segment[];
  vertical: Segment[];
}

/** Groups of rulings that touch each other: each group with a real grid is one table. */
function connectedGrids(rulings: Rulings): Component[] {
  const hs = mergeSegments(rulings.horizontal);
  const vs = mergeSegments(rulings.vertical);
  const uf = new UnionFind(hs.length + vs.length);
  // Horizontal rulings sorted by y; for each vertical ruling only the band of its y-range is scanned.
  for (let j = 0; j < vs.length; j++) {
    const v = vs[j];
    for (let i = lowerBound(hs, v.from - TOUCH); i < hs.length && hs[i].pos <= v.to + TOUCH; i++) {
      if (crosses(hs[i], v)) uf.union(i, hs.length + j);
    }
  }
  const groups = new Map<number, Component>();
  const get = (root: number) => {
    let g = groups.get(root);
    if (!g) groups.set(root, (g = { horizontal: [], vertical: [] }));
    return g;
  };
  hs.forEach((h, i) => get(uf.find(i)).horizontal.push(h));
  vs.forEach((v, j) => get(uf.find(hs.length + j)).vertical.push(v));
  return [...groups.values()].filter((g) => g.horizontal.length >= 2 && g.vertical.length >= 2);
}

function lowerBound(sorted: Segment[], pos: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].pos < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Rebuild the tables of one page from its rulings. A grid cell's edges are checked segment by
 * segment: where the ruling between two grid cells is missing, they are one merged cell.
 * Runs inside a table are consumed; the rest are returned for paragraphs.
 */
export function findRuledTables(rulings: Rulings, runs: readonly TextRun[], page: number): { tables: PageTable[]; rest: TextRun[] } {
  const tables: PageTable[] = [];
  let rest = [...runs];
  for (const comp of connectedGrids(rulings)) {
    const xs = boundaries([...comp.vertical.map((v) => v.pos), ...comp.horizontal.flatMap((h) => [h.from, h.to])]);
    const ys = boundaries([...comp.horizontal.map((h) => h.pos), ...comp.vertical.flatMap((v) => [v.from, v.to])]);
    if (xs.length < 2 || ys.length < 2) continue;
    const nR = ys.length - 1;
    const nC = xs.length - 1;
    const uf = new UnionFind(nR * nC);
    for (let r = 0; r < nR; r++) {
      const midY = (ys[r] + ys[r + 1]) / 2;
      for (let c = 0; c < nC; c++) {
        const midX = (xs[c] + xs[c + 1]) / 2;
        if (c + 1 < nC && !covered(comp.vertical, xs[c + 1], midY)) uf.union(r * nC + c, r * nC + c + 1);
        if (r + 1 < nR && !covered(comp.horizontal, ys[r + 1], midX)) uf.union(r * nC + c, (r + 1) * nC + c);
      }
    }
    // A single region (an outlined box, a frame around a paragraph) is not a table.
    if (!hasTwoRegions(uf, nR * nC)) continue;
    const { regions, owner } = rectangularRegions(uf, nR, nC);
    const bbox: BBox = [xs[0], ys[0], xs[nC], ys[nR]];

    const { inside, outside } = takeRunsInside(rest, bbox, xs, comp.vertical);
    rest = outside;
    const ownerOf = (r: number, c: number) => owner[r * nC + c];
    const byRegion = new Map<number, TextRun[]>();
    for (const run of inside) {
      const cx = (run.x0 + run.x1) / 2;
      const cy = (run.top + run.bottom) / 2;
      const c = Math.min(nC - 1, Math.max(0, upperIndex(xs, cx)));
      const r = Math.min(nR - 1, Math.max(0, upperIndex(ys, cy)));
      const key = ownerOf(r, c);
      let list = byRegion.get(key);
      if (!list) byRegion.set(key, (list = []));
      list.push(run);
    }
    const cells: PageTableCell[] = [];
    for (const [root, reg] of regions) {
      const box: BBox = [xs[reg.c0], ys[reg.r0], xs[reg.c1], ys[reg.r1]];
      const cellRuns = byRegion.get(root) ?? [];
      const lines = groupLines(cellRuns);
      const right = box[2] - cellPadding(lines, box);
      const text = joinFrameLines(lines, right);
      const last = lines.at(-1);
      const endsWrapped = !!last && lineFilled(last, { ...last, text: '字', size: last.size }, right);
      const confidence = lowestConfidence(cellRuns);
      cells.push({ ...reg, box, text, endsWrapped, lines: lines.length, ...(confidence !== undefined ? { confidence } : {}) });
    }
    cells.sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0);
    const table: PageTable = { page, xs, ys, cells, bbox, source: 'ruled', confidence: 1 };
    tables.push(...splitTableAtRows(table, stackedFormBreaks(cells, nR, rulingFacts(comp.vertical, xs, ys))));
  }
  tables.sort((a, b) => a.bbox[1] - b.bbox[1]);
  return { tables, rest };
}

function hasTwoRegions(uf: UnionFind, n: number): boolean {
  for (let i = 1; i < n; i++) if (uf.find(i) !== uf.find(0)) return true;
  return false;
}

type Region = { r0: number; r1: number; c0: number; c1: number };

/**
 * The merged cells of a grid: each group of grid cells that no ruling separates. A group is
 * normally a rectangle (合并单元格). Where a table is cut by a page break (Chromium's print: the
 * cut row keeps its side borders, no bottom rule), a group can be L-shaped — a tall label cell
 * running into the open band under the last rule; its bounding box would swallow every cell beside
 * it. Such a group is split into rectangles row by row: each row's run of columns, continued
 * downwards while the next row has the same run.
 */
function rectangularRegions(uf: UnionFind, nR: number, nC: number): { regions: Map<number, Region>; owner: Int32Array } {
  const owner = new Int32Array(nR * nC);
  const regions = new Map<number, Region>();
  /** The rectangle open in row r-1 for a group's run of columns, by `${root}:${c0}:${c1}`. */
  let open = new Map<string, number>();
  for (let r = 0; r < nR; r++) {
    const next = new Map<string, number>();
    for (let c = 0; c < nC; ) {
      const root = uf.find(r * nC + c);
      let end = c + 1;
      while (end < nC && uf.find(r * nC + end) === root) end++;
      const run = `${root}:${c}:${end}`;
      let id = open.get(run);
      if (id === undefined) {
        id = r * nC + c;
        regions.set(id, { r0: r, r1: r + 1, c0: c, c1: end });
      } else regions.get(id)!.r1 = r + 1;
      next.set(run, id);
      for (let k = c; k < end; k++) owner[r * nC + k] = id;
      c = end;
    }
    open = next;
  }
  return { regions, owner };
}

/** Which inner column rulings run through each row, and which run on across each row boundary. */
function rulingFacts(verticals: Segment[], xs: number[], ys: number[]): GridRulingFacts {
  const inner = xs.slice(1, -1);
  const innerColumns = ys.slice(0, -1).map((y, r) => {
    const midY = (y + ys[r + 1]) / 2;
    return inner.filter((x) => covered(verticals, x, midY)).join(',');
  });
  const verticalContinues = (k: number) =>
    inner.some((x) => verticals.some((v) => Math.abs(v.pos - x) <= SNAP && v.from < ys[k] - TOUCH && v.to > ys[k] + TOUCH));
  return { innerColumns, verticalContinues };
}

/** Index i with bounds[i] <= v < bounds[i+1]. */
function upperIndex(bounds: number[], v: number): number {
  let lo = 0;
  let hi = bounds.length - 1;
  while (lo < hi - 1) {
    const mid = (lo + hi) >> 1;
    if (bounds[mid] <= v) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Runs whose centre lies in the table box; runs crossing a drawn column border are split at it. */
function takeRunsInside(
  runs: TextRun[],
  bbox: BBox,
  xs: number[],
  verticals: Segment[],
): { inside: TextRun[]; outside: TextRun[] } {
  const inside: TextRun[] = [];
  const outside: TextRun[] = [];
  const queue = [...runs];
  while (queue.length) {
    const run = queue.pop()!;
    const cx = (run.x0 + run.x1) / 2;
    const cy = (run.top + run.bottom) / 2;
    if (cx < bbox[0] - 1 || cx > bbox[2] + 1 || cy < bbox[1] - 1 || cy > bbox[3] + 1) {
      outside.push(run);
      continue;
    }
    const split = findCrossing(run, xs, verticals, cy);
    if (split) {
      queue.push(...split);
      continue;
    }
    inside.push(run);
  }
  return { inside, outside };
}

function findCrossing(run: TextRun, xs: number[], verticals: Segment[], cy: number): [TextRun, TextRun] | null {
  for (const x of xs) {
    if (x <= run.x0 + 1 || x >= run.x1 - 1) continue;
    if (!covered(verticals, x, cy)) continue;
    const parts = splitRunAt(run, x);
    if (parts) return parts;
  }
  return null;
}

