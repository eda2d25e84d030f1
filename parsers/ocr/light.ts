import type { GrayImage } from './image.js';

/**
 * Uneven light (a phone photo of a page: one corner darker than the other, the shadow of the hand
 * or the phone across it) evened out before the ink threshold: one threshold for the whole page
 * takes the dark corner's paper for ink and the light corner's grey print for paper. The paper's
 * brightness is estimated per block (a high percentile of its pixels; blocks full of ink take
 * their neighbours' level), smoothed, and every pixel divided by it. A flatbed scan, whose paper
 * is equally bright all over, is returned as it is.
 */

/** Block side (px) the paper level is estimated on: about 5 mm at 150–200 dpi, wider than a glyph stroke. */
const BLOCK = 32;
/** Percentile of a block's pixels taken as its paper level. */
const PAPER_PERCENTILE = 0.9;
/** Paper levels spread by less than this (grey levels, 10th to 90th percentile of blocks) are even. */
const EVEN_SPREAD = 24;
/** A block under this share of its brightest neighbour's level is ink, not paper in shadow. */
const INKED = 0.85;

export function evenLight(img: GrayImage): GrayImage {
  const { width, height, data } = img;
  const bw = Math.ceil(width / BLOCK);
  const bh = Math.ceil(height / BLOCK);
  if (bw < 3 || bh < 3) return img;
  const level = new Float32Array(bw * bh);
  const hist = new Uint32Array(256);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      hist.fill(0);
      const x0 = bx * BLOCK;
      const y0 = by * BLOCK;
      const x1 = Math.min(width, x0 + BLOCK);
      const y1 = Math.min(height, y0 + BLOCK);
      for (let y = y0; y < y1; y += 2) for (let x = x0; x < x1; x += 2) hist[data[y * width + x]]++;
      const n = Math.ceil((y1 - y0) / 2) * Math.ceil((x1 - x0) / 2);
      let seen = 0;
      let v = 0;
      for (; v < 255; v++) {
        seen += hist[v];
        if (seen >= PAPER_PERCENTILE * n) break;
      }
      level[by * bw + bx] = v;
    }
  }
  const sorted = Float32Array.from(level).sort();
  if (sorted[Math.floor(sorted.length * 0.9)] - sorted[Math.floor(sorted.length * 0.1)] < EVEN_SPREAD && !edgeShadow(level, bw, bh)) return img;
  // A block full of ink (a bold heading, a filled cell), much darker than its brightest neighbour, is
  // not paper: that neighbour is.
  const paper = new Float32Array(level.length);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let m = 0;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const yy = by + dy;
        const xx = bx + dx;
        if (yy >= 0 && yy < bh && xx >= 0 && xx < bw) m = Math.max(m, level[yy * bw + xx]);
      }
      const own = level[by * bw + bx];
      paper[by * bw + bx] = own >= INKED * m ? own : m;
    }
  }
  const smooth = new Float32Array(level.length);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let s = 0;
      let k = 0;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const yy = by + dy;
        const xx = bx + dx;
        if (yy >= 0 && yy < bh && xx >= 0 && xx < bw) {
          s += paper[yy * bw + xx];
          k++;
        }
      }
      smooth[by * bw + bx] = Math.max(16, s / k);
    }
  }
  // Every pixel over its paper level (bilinear between block centres), paper → white.
  // The horizontal interpolation is the same on every row: worked out once per column.
  const colX0 = new Int32Array(width);
  const colX1 = new Int32Array(width);
  const colT = new Float64Array(width);
  for (let x = 0; x < width; x++) {
    const fx = Math.min(bw - 1, Math.max(0, (x + 0.5) / BLOCK - 0.5));
    const x0 = Math.floor(fx);
    colX0[x] = x0;
    colX1[x] = Math.min(bw - 1, x0 + 1);
    colT[x] = fx - x0;
  }
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    const fy = Math.min(bh - 1, Math.max(0, (y + 0.5) / BLOCK - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(bh - 1, y0 + 1);
    const ty = fy - y0;
    for (let x = 0; x < width; x++) {
      const x0 = colX0[x];
      const x1 = colX1[x];
      const tx = colT[x];
      const bg = (smooth[y0 * bw + x0] * (1 - tx) + smooth[y0 * bw + x1] * tx) * (1 - ty) + (smooth[y1 * bw + x0] * (1 - tx) + smooth[y1 * bw + x1] * tx) * ty;
      const i = y * width + x;
      out[i] = Math.min(255, Math.round((data[i] * 255) / bg));
    }
  }
  return { width, height, data: out };
}

/** A band along the image's edge whose paper is under this share of the page's is in shadow. */
const SHADOW_SHARE = 0.85;

/**
 * A shadow along one edge of the page (the gutter of a book copied open: the spine's side darkens
 * towards it) covers too few blocks to widen the spread of paper levels, yet there the paper falls
 * under the ink threshold. Seen as the outermost column (or row) of blocks whose median level is well
 * under the page's median: a photo or a dark box inside the page leaves the edge's median alone.
 */
function edgeShadow(level: Float32Array, bw: number, bh: number): boolean {
  const median = (v: number[]) => v.sort((a, b) => a - b)[v.length >> 1];
  const page = median(Array.from(level));
  const column = (bx: number) => median(Array.from({ length: bh }, (_, by) => level[by * bw + bx]));
  const row = (by: number) => median(Array.from({ length: bw }, (_, bx) => level[by * bw + bx]));
  return [column(0), column(bw - 1), row(0), row(bh - 1)].some((v) => v < SHADOW_SHARE * page);
}

/** Share of the ink pixels darker than the level taken as the print's tone. */
const INK_CORE_PERCENTILE = 0.1;
/** Paper and print closer than this (grey levels) are a faint page, stretched apart. */
const FAINT_CONTRAST = 140;

/**
 * A faint page (a photocopy with the toner running low, a light scan): print at grey 150 on a
 * sheet of 225 reads less surely than black on white, and a threshold between them is a narrow
 * one. The print's tone (its dark core: the 10th percentile of the levels under the ink threshold) is
 * taken to black and the paper's (the most frequent level above it) to white, linearly. A page with dark print is returned as it is.
 */
/**
 * The print's tone (its dark core: the given low percentile of the ink under the threshold; -1 without
 * ink) and the paper's (the most frequent level at or above the threshold), from every third pixel.
 */
export function printAndPaperTones(img: GrayImage, threshold: number, percentile = INK_CORE_PERCENTILE): { ink: number; paper: number } {
  const hist = new Float64Array(256);
  const { data } = img;
  for (let i = 0; i < data.length; i += 3) hist[data[i]]++;
  // The print's dark core: a low percentile of the ink (blurred edges and shadows are the ink's most
  // frequent levels on a photo, just under the threshold).
  let inkPixels = 0;
  for (let v = 0; v < threshold; v++) inkPixels += hist[v];
  let ink = -1;
  for (let v = 0, seen = 0; v < threshold; v++) {
    seen += hist[v];
    if (seen >= percentile * inkPixels && seen > 0) {
      ink = v;
      break;
    }
  }
  let paper = -1;
  for (let v = threshold; v < 256; v++) if (paper < 0 || hist[v] > hist[paper]) paper = v;
  return { ink, paper };
}

export function evenContrast(img: GrayImage, threshold: number): GrayImage {
  const { data } = img;
  const { ink, paper } = printAndPaperTones(img, threshold);
  if (ink < 0 || paper < 0 || paper - ink >= FAINT_CONTRAST) return img;
  const lut = Uint8Array.from({ length: 256 }, (_, v) => Math.max(0, Math.min(255, Math.round(((v - ink) * 255) / (paper - ink)))));
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = lut[data[i]];
  return { width: img.width, height: img.height, data: out };
}
