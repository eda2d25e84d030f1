import type { FaintText } from './faint-text.js';
import { applyMatrix, type Matrix, type PdfTextItem } from './text-runs.js';
import type { TextRun } from './types.js';
import { slanted } from './watermark.js';

/**
 * A round seal (公章, 财务专用章) whose words are text: an electronic seal or a 套印 sets the unit's
 * name glyph by glyph around a ring, each glyph turned along the circle, with the seal's kind level
 * under the star and its code (防伪码) along the bottom arc. The turned glyphs are set aside as
 * slanted (watermark.ts), but those near the top, the sides and the bottom are level or upright and
 * would become paragraphs ("罗设", "财务专用章", "0 0 1") or cells and figures.
 *
 * A seal is found by its geometry: at least MIN_RING_GLYPHS short slanted items whose centres lie on
 * one circle, each running along it (tangent). Its disk is then cleared of the runs painted in a
 * vivid colour (the operator list's red text, faint-text.ts): black text under the seal stays.
 */
export interface SealDisk {
  x: number;
  y: number;
  r: number;
}

const MIN_RING_GLYPHS = 5;
/** A ring glyph's centre is off the fitted circle by at most this share of its radius. */
const ON_CIRCLE = 0.15;
/** |cos| of the angle between a glyph's direction and its radius at most this: it runs along the ring (±20°). */
const TANGENT_COS = 0.35;
/** Seals are 20–60 mm across. */
const MIN_RADIUS = 20;
const MAX_RADIUS = 130;

interface RingGlyph {
  x: number;
  y: number;
  dx: number;
  dy: number;
  size: number;
}

/** The seals of a page's text items (all of them, slanted ones included), in the display space of `viewport`. */
export function sealDisks(items: readonly unknown[], viewport: Matrix): SealDisk[] {
  const glyphs: RingGlyph[] = [];
  for (const raw of items) {
    const item = raw as Partial<PdfTextItem>;
    if (typeof item.str !== 'string' || !item.transform || !slanted(item.transform)) continue;
    const str = item.str.trim();
    if (!str || [...str].length > 2) continue;
    const [a, b, c, d, e, f] = item.transform;
    const along = Math.sqrt(a * a + b * b) || 1;
    const up = Math.sqrt(c * c + d * d) || 1;
    const [dx, dy] = [a / along, b / along];
    const half = (item.width ?? 0) / 2;
    // The glyph's centre: half its advance along, a third of its height up; its direction on the display.
    const [x, y] = applyMatrix(viewport, e + dx * half + c * 0.35, f + dy * half + d * 0.35);
    const [ux, uy] = [viewport[0] * dx + viewport[2] * dy, viewport[1] * dx + viewport[3] * dy];
    const norm = Math.sqrt(ux * ux + uy * uy) || 1;
    glyphs.push({ x, y, dx: ux / norm, dy: uy / norm, size: up });
  }
  if (glyphs.length < MIN_RING_GLYPHS) return [];
  const disks: SealDisk[] = [];
  for (const group of neighbourhoods(glyphs)) {
    const disk = ringOf(group);
    if (disk) disks.push(disk);
  }
  return disks;
}

/** Glyphs joined when within four of their sizes of each other (single linkage). */
function neighbourhoods(glyphs: RingGlyph[]): RingGlyph[][] {
  const groups: RingGlyph[][] = [];
  const seen = new Set<RingGlyph>();
  for (const start of glyphs) {
    if (seen.has(start)) continue;
    seen.add(start);
    const group = [start];
    for (let i = 0; i < group.length; i++) {
      const g = group[i];
      for (const h of glyphs) {
        if (seen.has(h)) continue;
        const reach = 4 * Math.max(g.size, h.size);
        if (Math.abs(g.x - h.x) <= reach && Math.abs(g.y - h.y) <= reach) {
          seen.add(h);
          group.push(h);
        }
      }
    }
    if (group.length >= MIN_RING_GLYPHS) groups.push(group);
  }
  return groups;
}

/** The circle the glyphs are set along (least squares, Kåsa), or null when they are not a ring. */
function ringOf(glyphs: RingGlyph[]): SealDisk | null {
  // x² + y² + D·x + E·y + F = 0, solved over centred coordinates for stability.
  const mx = glyphs.reduce((s, g) => s + g.x, 0) / glyphs.length;
  const my = glyphs.reduce((s, g) => s + g.y, 0) / glyphs.length;
  let [sxx, sxy, syy, sxz, syz, sz] = [0, 0, 0, 0, 0, 0];
  for (const g of glyphs) {
    const [x, y] = [g.x - mx, g.y - my];
    const z = x * x + y * y;
    sxx += x * x;
    sxy += x * y;
    syy += y * y;
    sxz += x * z;
    syz += y * z;
    sz += z;
  }
  const det = sxx * syy - sxy * sxy;
  if (Math.abs(det) < 1e-9) return null;
  const D = -(sxz * syy - syz * sxy) / det;
  const E = -(syz * sxx - sxz * sxy) / det;
  const F = -sz / glyphs.length;
  const [cx, cy] = [-D / 2, -E / 2];
  const r = Math.sqrt(cx * cx + cy * cy - F);
  if (!(r >= MIN_RADIUS && r <= MAX_RADIUS)) return null;
  let tangent = 0;
  for (const g of glyphs) {
    const [rx, ry] = [g.x - mx - cx, g.y - my - cy];
    const dist = Math.sqrt(rx * rx + ry * ry);
    if (Math.abs(dist - r) > ON_CIRCLE * r) return null;
    if (Math.abs((rx * g.dx + ry * g.dy) / (dist || 1)) <= TANGENT_COS) tangent++;
  }
  return tangent >= 0.8 * glyphs.length ? { x: cx + mx, y: cy + my, r } : null;
}

/**
 * The runs without a seal's own words: inside a seal's disk (its rim and a glyph beyond), made of
 * characters painted vivid on the page, and starting where a vivid showing starts (`vividAt`): a black
 * 章 under the seal's 财务专用章 stays.
 */
export function withoutSealText<T extends TextRun>(runs: T[], seals: readonly SealDisk[], vivid: readonly FaintText[], vividAt: readonly (readonly [number, number])[]): T[] {
  if (!seals.length || !vivid.length) return runs;
  const inked = new Set(vivid.flatMap((v) => [...v.text]));
  const sealWords = (run: T) => {
    const [x, y] = [(run.x0 + run.x1) / 2, (run.top + run.bottom) / 2];
    if (!seals.some((s) => (x - s.x) ** 2 + (y - s.y) ** 2 <= (s.r + 2 * run.size) ** 2)) return false;
    if (![...run.str.replace(/\s+/gu, '')].every((ch) => inked.has(ch))) return false;
    const reach = run.size;
    return vividAt.some(([vx, vy]) => vx >= run.x0 - reach && vx <= run.x1 + reach && vy >= run.top - reach && vy <= run.bottom + reach);
  };
  return runs.filter((run) => !sealWords(run));
}
