import { bilinear, resize, type GrayImage } from './image.js';
import { fitLine } from './line-fit.js';

/**
 * A phone photo of a page flattened: the page lies on a desk, seen from a little below and aside,
 * so its edges are not the image's edges and its rectangle is a quadrilateral (keystone: the top
 * edge shorter than the bottom one, verticals leaning in). Left as it is, ruling lines lean in
 * opposite directions on the two sides (no single skew straightens them), text at the top is
 * smaller than at the bottom, and the desk around the page is taken for ink.
 *
 * The page's four edges are found where the darker desk meets the paper (walking in from each
 * side of the image), each fitted by a straight line; the quadrilateral they bound is mapped back
 * onto the whole image (a projective mapping, bilinear resampling). A flatbed scan — paper up to
 * the image's edges, no darker surround — is returned as it is.
 */

/** Where a page edge is looked for: this share of the image in from each side. */
const EDGE_ZONE = 0.15;
/** Paper is at least this many grey levels brighter than the desk beside it. */
const MIN_STEP = 45;
/** The desk between the image's edge and the page varies by less than this (grey levels). */
const DESK_SPREAD = 30;
/** Share of sample lines that must find the edge on the fitted line, for the side to count. */
const MIN_INLIERS = 0.6;
/** A quadrilateral closer than this (share of the image's width) to the image's corners is no photo. */
const MIN_OFFSET = 0.004;

export interface Quad {
  /** Corners in image pixels: top left, top right, bottom right, bottom left. */
  corners: [[number, number], [number, number], [number, number], [number, number]];
}

/** The page's quadrilateral in a photo, or null when the page fills the image (a scan). */
export function findPageQuad(img: GrayImage): Quad | null {
  const factor = Math.max(1, Math.round(img.width / 500));
  const small = factor > 1 ? resize(img, img.width / factor, img.height / factor) : img;
  const { width: W, height: H } = small;
  // Each side as a line: left/right x = a·y + b, top/bottom y = a·x + b (small-image pixels).
  const left = fitSide(small, 'left');
  const right = fitSide(small, 'right');
  const top = fitSide(small, 'top');
  const bottom = fitSide(small, 'bottom');
  if (!left || !right || !top || !bottom) return null;
  const corner = (v: { a: number; b: number }, h: { a: number; b: number }): [number, number] => {
    // x = va·y + vb, y = ha·x + hb.
    const y = (h.a * v.b + h.b) / (1 - h.a * v.a);
    const x = v.a * y + v.b;
    return [(x + 0.5) * (img.width / W) - 0.5, (y + 0.5) * (img.height / H) - 0.5];
  };
  const corners: Quad['corners'] = [corner(left, top), corner(right, top), corner(right, bottom), corner(left, bottom)];
  const frame = [
    [0, 0],
    [img.width - 1, 0],
    [img.width - 1, img.height - 1],
    [0, img.height - 1],
  ];
  const offset = Math.max(...corners.map((c, k) => Math.hypot(c[0] - frame[k][0], c[1] - frame[k][1])));
  if (offset < MIN_OFFSET * img.width) return null;
  // A page: convex, most of the image, no corner far outside it.
  const area = Math.abs(corners.reduce((s, c, k) => s + c[0] * corners[(k + 1) % 4][1] - corners[(k + 1) % 4][0] * c[1], 0)) / 2;
  if (area < 0.5 * img.width * img.height) return null;
  const margin = 0.02 * Math.max(img.width, img.height);
  if (corners.some(([x, y]) => x < -margin || y < -margin || x > img.width + margin || y > img.height + margin)) return null;
  for (let k = 0; k < 4; k++) {
    const [a, b, c] = [corners[k], corners[(k + 1) % 4], corners[(k + 2) % 4]];
    if ((b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]) <= 0) return null;
  }
  return { corners };
}

type Side = 'left' | 'right' | 'top' | 'bottom';

/**
 * One side of the page: along sample lines across that side (rows for left and right, columns for
 * top and bottom), walking in from the image's edge, the first place where the even, darker desk
 * gives way to paper; the points fitted by a line (least squares, then again without the points
 * far off it — a dark heading or a shadow near the edge).
 */
function fitSide(img: GrayImage, side: Side): { a: number; b: number } | null {
  const { width: W, height: H, data } = img;
  const across = side === 'left' || side === 'right';
  const lines = across ? H : W;
  const depth = Math.floor(EDGE_ZONE * (across ? W : H));
  const value = (line: number, k: number) => {
    if (side === 'left') return data[line * W + k];
    if (side === 'right') return data[line * W + (W - 1 - k)];
    if (side === 'top') return data[k * W + line];
    return data[(H - 1 - k) * W + line];
  };
  const samples = 48;
  const points: [number, number][] = [];
  for (let s = 0; s < samples; s++) {
    const line = Math.round(lines * (0.1 + (0.8 * s) / (samples - 1)));
    const desk = (value(line, 0) + value(line, 1) + value(line, 2)) / 3;
    let lo = desk;
    let hi = desk;
    let found = -1;
    for (let k = 3; k < depth - 3; k++) {
      const v = value(line, k);
      if (v >= desk + MIN_STEP && value(line, k + 1) >= desk + MIN_STEP && value(line, k + 2) >= desk + MIN_STEP) {
        found = k;
        break;
      }
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
      if (hi - lo > DESK_SPREAD) break;
    }
    if (found < 0) continue;
    // Sub-pixel: where the profile crosses half-way between desk and paper.
    const paper = value(line, found + 2);
    const mid = (desk + paper) / 2;
    let k = found;
    while (k > 0 && value(line, k - 1) >= mid) k--;
    const v0 = value(line, k - 1);
    const v1 = value(line, k);
    const edge = k - 1 + (v1 > v0 ? (mid - v0) / (v1 - v0) : 1);
    const pos = side === 'right' ? W - 1 - edge : side === 'bottom' ? H - 1 - edge : edge;
    points.push([line, pos]);
  }
  if (points.length < MIN_INLIERS * samples) return null;
  let fit = leastSquares(points);
  for (let round = 0; round < 2 && fit; round++) {
    const f = fit;
    const near = points.filter(([t, p]) => Math.abs(f.a * t + f.b - p) <= 1.5);
    if (near.length < MIN_INLIERS * samples) return null;
    fit = leastSquares(near);
  }
  return fit;
}

/** The edge's line p = a·t + b; null when the samples give no slope (all at one t). */
function leastSquares(points: readonly [number, number][]): { a: number; b: number } | null {
  const fit = fitLine(points);
  return fit && fit.varianceX > 0 ? { a: fit.slope, b: fit.intercept } : null;
}

/**
 * The quadrilateral mapped onto a `width` × `height` image (projective mapping of the unit square
 * onto the quadrilateral, Heckbert 1989), sampled bilinearly; white outside the source.
 */
export function warpQuad(img: GrayImage, quad: Quad, width = img.width, height = img.height): GrayImage {
  const [[x0, y0], [x1, y1], [x2, y2], [x3, y3]] = quad.corners;
  const dx1 = x1 - x2;
  const dx2 = x3 - x2;
  const dx3 = x0 - x1 + x2 - x3;
  const dy1 = y1 - y2;
  const dy2 = y3 - y2;
  const dy3 = y0 - y1 + y2 - y3;
  const den = dx1 * dy2 - dx2 * dy1;
  const g = den ? (dx3 * dy2 - dx2 * dy3) / den : 0;
  const h = den ? (dx1 * dy3 - dx3 * dy1) / den : 0;
  const a = x1 - x0 + g * x1;
  const b = x3 - x0 + h * x3;
  const d = y1 - y0 + g * y1;
  const e = y3 - y0 + h * y3;
  const out = new Uint8Array(width * height).fill(255);
  for (let y = 0; y < height; y++) {
    const v = (y + 0.5) / height;
    for (let x = 0; x < width; x++) {
      const u = (x + 0.5) / width;
      const w = g * u + h * v + 1;
      const sx = (a * u + b * v + x0) / w;
      const sy = (d * u + e * v + y0) / w;
      const grey = bilinear(img, sx, sy);
      if (grey >= 0) out[y * width + x] = grey;
    }
  }
  return { width, height, data: out };
}

/** The page of a phone photo flattened onto the whole image; a scan as it is. */
export function flattenPage(img: GrayImage): GrayImage {
  const quad = findPageQuad(img);
  return quad ? warpQuad(img, quad) : img;
}
