import { createRequire } from 'node:module';
import { crop, resize, type GrayImage } from './image.js';

/**
 * A lone glyph compared with drawn ones. The recogniser reads a "≥" alone in its 指标性质 cell as
 * N, M, 2 or nothing, and a lone "个" as "↑": it has learnt lines, not single signs. Here the ink of
 * the glyph's box is cut to its bounds, scaled to a small square (its aspect kept) and compared by
 * normalised correlation with the same signs drawn in the CJK fonts a report is printed in (Noto
 * Sans/Serif CJK: 黑体/宋体 shapes) — and with the letters and digits it is mistaken for, so a
 * sign is named only when it matches clearly better than everything it could be confused with.
 */

/** Signs that can be named from a template. */
export const TEMPLATE_SIGNS = ['≥', '≤', '≧', '≦', '＞', '＜', '个'] as const;
/** Signs that mean the same (≧ is how CJK faces set ≥): one is never the other's rival. */
const SAME_SIGN: Record<string, string> = { '≧': '≥', '≦': '≤' };
const meaning = (ch: string) => SAME_SIGN[ch] ?? ch;
/** Two readings of one sign that mean the same ("≧" and "≥"). */
export const sameSign = (a: string, b: string) => meaning(a) === meaning(b);
/** What they are taken for (and what a lone box may really hold): compared too, never named. */
const RIVALS = ['N', 'M', 'V', 'W', 'Z', 'Y', 'T', 'o', 'O', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '(', ')', '%', '>', '<', '=', '↑', '小', '入', '人', '丫', '下', '不', '介', '企'];
/**
 * Faces a report's signs are printed in: a sans (黑体) and a serif (宋体) CJK face (a collection
 * registers under one of its locales' names), and Times- and Arial-like faces (Word sets ≥ in the
 * Western font, Times New Roman, when it has the sign), and a math face (a sign the text faces lack,
 * such as ≧, is set from Cambria Math by Word and from DejaVu Math TeX Gyre by LibreOffice).
 */
const FAMILIES = [/^Noto Sans CJK/u, /^Noto Serif CJK/u, /^(Nimbus Roman|Liberation Serif|Times New Roman)$/u, /^(Nimbus Sans|Liberation Sans|Arial)$/u, /^DejaVu Sans$/u, /^(DejaVu Math TeX Gyre|Cambria Math)$/u];

/** Side of the square glyphs are compared at. */
const N = 24;
/** Drawn size of the templates (px). */
const DRAW = 64;

interface Template {
  ch: string;
  /** Ink width / height. */
  aspect: number;
  vec: Float32Array;
}

let templates: Template[] | null | undefined;

/** The templates, or null when the fonts (or the canvas) are not there: then nothing is named. */
function loadTemplates(): Template[] | null {
  if (templates !== undefined) return templates;
  try {
    const require = createRequire(import.meta.url);
    const { createCanvas, GlobalFonts } = require('@napi-rs/canvas') as typeof import('@napi-rs/canvas');
    const have = GlobalFonts.families.map((f) => f.family);
    const families = FAMILIES.map((re) => have.find((f) => re.test(f))).filter((f): f is string => !!f);
    if (!families.length) return (templates = null);
    const out: Template[] = [];
    for (const family of families) {
      for (const ch of [...TEMPLATE_SIGNS, ...RIVALS]) {
        const size = DRAW * 2;
        const canvas = createCanvas(size, size);
        const ctx = canvas.getContext('2d');
        ctx.fillStyle = '#fff';
        ctx.fillRect(0, 0, size, size);
        ctx.fillStyle = '#000';
        ctx.font = `${DRAW}px "${family}"`;
        ctx.textBaseline = 'middle';
        ctx.fillText(ch, DRAW / 2, DRAW);
        const rgba = ctx.getImageData(0, 0, size, size).data;
        const gray = new Uint8Array(size * size);
        for (let i = 0; i < gray.length; i++) gray[i] = rgba[i * 4];
        const t = normalise({ width: size, height: size, data: gray }, 128);
        if (t) out.push({ ch, ...t });
      }
    }
    return (templates = out.length ? out : null);
  } catch {
    return (templates = null);
  }
}

/** Ink bounds → centred square of side N (aspect kept), as a zero-mean unit vector. */
function normalise(img: GrayImage, threshold: number): { aspect: number; vec: Float32Array } | null {
  let x0 = img.width;
  let y0 = img.height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (img.data[y * img.width + x] >= threshold) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  if (x1 < 0) return null;
  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;
  const side = Math.max(w, h);
  const scale = N / side;
  const glyph = resize(crop(img, x0, y0, x1 + 1, y1 + 1), Math.max(1, Math.round(w * scale)), Math.max(1, Math.round(h * scale)));
  const vec = new Float32Array(N * N).fill(255);
  const ox = Math.floor((N - glyph.width) / 2);
  const oy = Math.floor((N - glyph.height) / 2);
  for (let y = 0; y < glyph.height; y++) for (let x = 0; x < glyph.width; x++) vec[(oy + y) * N + ox + x] = glyph.data[y * glyph.width + x];
  blur(vec);
  let mean = 0;
  for (const v of vec) mean += v;
  mean /= vec.length;
  let norm = 0;
  for (let i = 0; i < vec.length; i++) {
    vec[i] = mean - vec[i]; // ink positive
    norm += vec[i] * vec[i];
  }
  if (!norm) return null;
  const k = 1 / Math.sqrt(norm);
  for (let i = 0; i < vec.length; i++) vec[i] *= k;
  return { aspect: w / h, vec };
}

/** 3×3 box blur in place: strokes of other weights and a scan's blur still overlap. */
function blur(vec: Float32Array): void {
  const src = Float32Array.from(vec);
  for (let y = 0; y < N; y++) {
    for (let x = 0; x < N; x++) {
      let sum = 0;
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const yy = y + dy;
          const xx = x + dx;
          if (yy < 0 || yy >= N || xx < 0 || xx >= N) continue;
          sum += src[yy * N + xx];
          n++;
        }
      }
      vec[y * N + x] = sum / n;
    }
  }
}

export interface TemplateMatch {
  /** The best-matching sign. */
  ch: string;
  /** Its correlation (−1…1), and the best correlation of anything else. */
  score: number;
  rival: number;
  rivalCh: string;
}

/**
 * The glyph in `box` of `img` against every template: the best sign, or null when the best match
 * is a rival, or the templates are missing. Aspect ratios that differ by more than half do not match.
 */
export function matchGlyph(img: GrayImage, box: { x0: number; y0: number; x1: number; y1: number }, threshold: number): TemplateMatch | null {
  const m = rankGlyph(img, box, threshold);
  return m && (TEMPLATE_SIGNS as readonly string[]).includes(m.ch) ? m : null;
}

/** The best-matching template of any kind (sign, letter or digit) and the best of everything else. */
export function rankGlyph(img: GrayImage, box: { x0: number; y0: number; x1: number; y1: number }, threshold: number): TemplateMatch | null {
  const all = loadTemplates();
  if (!all) return null;
  const glyph = normalise(crop(img, box.x0, box.y0, box.x1, box.y1), threshold);
  if (!glyph) return null;
  const best = new Map<string, number>();
  for (const t of all) {
    const ratio = Math.max(t.aspect, glyph.aspect) / Math.min(t.aspect, glyph.aspect);
    let dot = 0;
    for (let i = 0; i < t.vec.length; i++) dot += t.vec[i] * glyph.vec[i];
    const score = ratio > 1.5 ? dot - 0.5 : dot;
    if (score > (best.get(t.ch) ?? -Infinity)) best.set(t.ch, score);
  }
  const ranked = [...best].sort((a, b) => b[1] - a[1]);
  const [ch, score] = ranked[0];
  const [rivalCh, rival] = ranked.find(([other]) => meaning(other) !== meaning(ch)) ?? ['', -1];
  return { ch, score, rival, rivalCh };
}
