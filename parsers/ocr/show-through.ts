import type { GrayImage } from './image.js';
import { printAndPaperTones } from './light.js';
import { labelComponents } from './missed-text.js';

/**
 * Print showing through from the other side of the sheet (透印: thin paper printed on both sides,
 * scanned on a white lid): the back's text and table, mirrored, soft and light grey (about 200 on
 * paper of 250). The text detector sees it as text and the recogniser reads it as mirrored
 * nonsense ("目丧业升委"), its rulings cut the front's cells. It is told from the front's print by
 * two things: it has no dark core — the front's print, however thin, has pixels near its own
 * darkest level, and its grey edges lie within a pixel or two of them —, and it is larger than a
 * decimal point (at 100 dpi a point is two or three light pixels with nothing dark in them).
 * Light ink far from any dark pixel, in pieces larger than a point, is taken back to paper when
 * there is more than a trace of it; a page without it is returned as it is.
 */

/** Dark core: darker than this share of the way from the print's tone to the paper's. */
const DARK_SHARE = 0.7;
/** Light ink: darker than the paper by at least this many grey levels (JPEG noise on paper stays under it). */
const LIGHT_MARGIN = 14;
/** A light pixel within this many points of a dark one is the print's grey edge. */
const EDGE_PT = 0.75;
/** The rim taken with a light piece: this many points around it. */
const RIM_PT = 0.75;
/** A light piece at most this many points across is kept whatever it is (a decimal point, a speck). */
const POINT_PT = 2.5;
/**
 * Light pieces larger than a point, in pixels, against the dark core's pixels: above this share the
 * page is cleaned. A flatbed scan of print alone has none (0.001 at most: bench/scan-corpus variants
 * plain, dpi100, jpeg30, seal, fax); a page whose back shows through only at the top 0.11.
 */
const SHOWS_THROUGH = 0.05;
/**
 * A sheet of paper is mostly paper: at least this share of the page at the paper's tone. A photo or a
 * picture (smooth shading, no paper level) has nothing of a back to tell apart: its light shading
 * taken away would leave dark blobs the recogniser reads as characters.
 */
const PAPER_SHARE = 0.5;

export interface ShowThrough {
  /** Pixels of light pieces larger than a point, far from dark ink. */
  lightPixels: number;
  /** Pixels of the dark core. */
  darkPixels: number;
  /** The page with the light pieces taken back to paper (the input when the page does not show through). */
  image: GrayImage;
}

export function dropShowThrough(img: GrayImage, threshold: number, dpi: number): ShowThrough {
  const { width, height, data } = img;
  const tones = printAndPaperTones(img, threshold);
  const print = Math.max(0, tones.ink);
  const paper = tones.paper < 0 ? threshold : tones.paper;
  const darkLevel = print + DARK_SHARE * (paper - print);
  const lightLevel = paper - LIGHT_MARGIN;
  let paperPixels = 0;
  for (let i = 0; i < data.length; i++) if (data[i] >= lightLevel) paperPixels++;
  if (paperPixels < PAPER_SHARE * data.length) return { lightPixels: 0, darkPixels: 0, image: img };
  const dark = new Uint8Array(data.length);
  let darkPixels = 0;
  for (let i = 0; i < data.length; i++)
    if (data[i] < darkLevel) {
      dark[i] = 1;
      darkPixels++;
    }
  const near = dilate(dark, width, height, Math.max(1, Math.round((EDGE_PT * dpi) / 72)));
  const light = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) if (data[i] < lightLevel && !near[i]) light[i] = 1;
  const { labels, components } = labelComponents(light, width, height);
  const point = (POINT_PT * dpi) / 72;
  const large = components.map((c) => c.x1 - c.x0 > point || c.y1 - c.y0 > point);
  const lightPixels = components.reduce((s, c, k) => s + (large[k] ? c.n : 0), 0);
  if (!darkPixels || lightPixels < SHOWS_THROUGH * darkPixels) return { lightPixels, darkPixels, image: img };
  const out = Uint8Array.from(data);
  const taken = new Uint8Array(data.length);
  for (let i = 0; i < out.length; i++)
    if (labels[i] && large[labels[i] - 1]) {
      out[i] = paper;
      taken[i] = 1;
    }
  // The soft rim of each piece taken (a pixel or two just lighter than the light level) goes with it:
  // left, it draws the mirrored glyph's outline, read as a "0" beside the front's figures ("0 250000.00").
  const rim = dilate(taken, width, height, Math.max(1, Math.round((RIM_PT * dpi) / 72)));
  for (let i = 0; i < out.length; i++) if (rim[i] && !near[i] && out[i] > darkLevel) out[i] = paper;
  return { lightPixels, darkPixels, image: { width, height, data: out } };
}

/**
 * Binary dilation by a (2r+1)² square: along the rows, then down the columns. The masks are sparse
 * (ink, a few per cent of the page), so each pass reads the mask four pixels at a time, skips the
 * empty words, and marks the neighbourhood of each set pixel.
 */
function dilate(mask: Uint8Array, width: number, height: number, r: number): Uint8Array {
  const rows = new Uint8Array(mask.length);
  eachSet(mask, (i) => {
    const x = i % width;
    const row = i - x;
    const hi = row + Math.min(width - 1, x + r);
    for (let j = row + Math.max(0, x - r); j <= hi; j++) rows[j] = 1;
  });
  const out = new Uint8Array(mask.length);
  eachSet(rows, (i) => {
    const x = i % width;
    const y = (i - x) / width;
    const hi = Math.min(height - 1, y + r) * width + x;
    for (let j = Math.max(0, y - r) * width + x; j <= hi; j += width) out[j] = 1;
  });
  return out;
}

/** Calls `f` with the index of every non-zero byte of `mask`, in order; zero words of four bytes are skipped whole. */
function eachSet(mask: Uint8Array, f: (i: number) => void): void {
  const words = mask.byteOffset % 4 === 0 ? new Uint32Array(mask.buffer, mask.byteOffset, mask.length >> 2) : new Uint32Array(0);
  for (let w = 0; w < words.length; w++) {
    if (!words[w]) continue;
    const i = w << 2;
    if (mask[i]) f(i);
    if (mask[i + 1]) f(i + 1);
    if (mask[i + 2]) f(i + 2);
    if (mask[i + 3]) f(i + 3);
  }
  for (let i = words.length << 2; i < mask.length; i++) if (mask[i]) f(i);
}
