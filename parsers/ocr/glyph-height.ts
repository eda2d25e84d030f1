import type { GrayImage } from './image.js';

/**
 * The height of the ideographs of one read run, measured on the ink (image pixels), or null when
 * the run holds no ideograph or no ink.
 *
 * A detected box's height is a poor font size: the detector sees the page at 100 dpi, so a box
 * grows in steps of two 200-dpi pixels plus a margin that depends on the line's length, and body
 * lines of one size came out 39.2 and 44.1 px high (12.5 % apart: two size classes) while a heading
 * one size up came out 42.9 px (汉字 of 小四 and 四号 read as the same size). An ideograph (汉字) fills
 * its em square nearly to the full height whatever the character, so the band of rows the run's
 * ink covers is the size as set: body 28–31 px, the headings 34–38 px on the same page. Digits and
 * Latin letters are shorter than the em and vary (x-height, ascenders), so runs without an ideograph
 * keep the box's measure.
 *
 * The band is the rows around the run's middle whose ink is at least a small share of the fullest
 * row's, grown outwards until a row with less: a speck above the line or the tip of the next line's
 * glyph reaching into the box (tight leading on a scan) is not taken in.
 */
export function ideographInkHeight(img: GrayImage, threshold: number, text: string, x0: number, x1: number, y0: number, y1: number): number | null {
  if (!IDEOGRAPH.test(text)) return null;
  const left = Math.max(0, Math.floor(x0));
  const right = Math.min(img.width, Math.ceil(x1));
  // The detector's box may cut the glyphs' top or bottom off (a short box, a box off centre): the
  // rows are looked at a little beyond it.
  const reach = BEYOND_BOX * (y1 - y0);
  const top = Math.max(0, Math.floor(y0 - reach));
  const bottom = Math.min(img.height, Math.ceil(y1 + reach));
  if (right - left < 2 || bottom - top < 4) return null;
  const rows = new Int32Array(bottom - top);
  for (let y = top; y < bottom; y++) {
    let n = 0;
    const base = y * img.width;
    for (let x = left; x < right; x++) if (img.data[base + x] < threshold) n++;
    rows[y - top] = n;
  }
  let peak = 0;
  let peakRow = 0;
  rows.forEach((n, i) => {
    if (n > peak) {
      peak = n;
      peakRow = i;
    }
  });
  if (!peak) return null;
  const floor = Math.max(1, ROW_SHARE * peak);
  // Start at the middle row when it carries ink (the line's own glyphs), else at the fullest row.
  const middle = rows.length >> 1;
  const start = rows[middle] >= floor ? middle : peakRow;
  let first = start;
  let last = start;
  while (first > 0 && rows[first - 1] >= floor) first--;
  while (last < rows.length - 1 && rows[last + 1] >= floor) last++;
  const height = last - first + 1;
  // Taller than the box itself: the band ran into the next line (no blank row between them).
  return height <= y1 - y0 ? height : null;
}

/** CJK ideographs (URO and Extension A). */
const IDEOGRAPH = /[\u3400-\u4dbf\u4e00-\u9fff]/u;

/** Share of the box's height looked at above and below it. */
const BEYOND_BOX = 0.25;

/** A row carrying less ink than this share of the fullest row's is outside the glyphs' band. */
const ROW_SHARE = 0.04;
