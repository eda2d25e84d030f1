import { resize, rotateSmall, type GrayImage } from './image.js';

/** Largest skew corrected (degrees): beyond it a page is not a tilted scan but something else. */
const MAX_SKEW_DEG = 3;
/** Below this (degrees) straightening changes nothing visible at OCR resolution. */
export const NEGLIGIBLE_SKEW_DEG = 0.08;

/**
 * Skew of a scanned page (radians, positive = content turned clockwise), by projection profiles:
 * text lines and ruling lines make the row histogram of ink sharpest when the rows follow them.
 * The page is sampled at about a third of its resolution; angles are tried coarsely, then finely.
 */
export function estimateSkew(img: GrayImage, threshold: number): number {
  const factor = Math.max(1, Math.round(img.width / 560));
  const { width: W, height: H, ink } = inkGrid(img, factor, threshold);
  const left: Ink = { xs: [], ys: [] };
  const right: Ink = { xs: [], ys: [] };
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++)
      if (ink[y * W + x]) {
        const half = x < W / 2 ? left : right;
        half.xs.push(x - W / 2);
        half.ys.push(y);
      }
  const n = left.xs.length + right.xs.length;
  if (n < 200) return 0;
  const all = { xs: [...left.xs, ...right.xs], ys: [...left.ys, ...right.ys] };
  const whole = sharpestAngle(all, W, H);
  if (left.xs.length < 200 || right.xs.length < 200) return (whole * Math.PI) / 180;
  // Each half on its own: two facing pages scanned as one image have lines at heights of their own,
  // and tilting the whole would line the left page's lines up with the right page's — the halves,
  // each straight, say so. Of the whole's tilt and the agreeing halves' the smaller is taken (a page
  // is turned only when both see its tilt); halves that disagree leave the whole page's estimate.
  const l = sharpestAngle(left, W, H);
  const r = sharpestAngle(right, W, H);
  const halves = (l + r) / 2;
  const tilt = Math.abs(l - r) <= HALVES_AGREE_DEG && Math.abs(halves) < Math.abs(whole) ? halves : whole;
  return (tilt * Math.PI) / 180;
}

/**
 * The page at a third or so of its resolution, as ink or not: averaged (resized) and thresholded. Not
 * so a bi-level page (a fax, a 1-bit scan: black and white only): its rulings and strokes are one
 * pixel thin, and a block a third dark is lighter than the threshold, so the lines vanished and what
 * was left (a few glyphs, the sender's header) gave a straight fax page a false tilt of −2.4° that
 * broke every ruling. There a block is ink when a line's worth of its pixels (`factor`) is.
 */
function inkGrid(img: GrayImage, factor: number, threshold: number): { width: number; height: number; ink: Uint8Array } {
  if (factor === 1 || !biLevel(img)) {
    const small = resize(img, img.width / factor, img.height / factor);
    return { width: small.width, height: small.height, ink: small.data.map((v) => (v < threshold ? 1 : 0)) };
  }
  const width = Math.floor(img.width / factor);
  const height = Math.floor(img.height / factor);
  const dark = new Uint16Array(width * height);
  const { data } = img;
  for (let y = 0; y < height * factor; y++) {
    const row = y * img.width;
    const out = Math.floor(y / factor) * width;
    for (let x = 0; x < width * factor; x++) if (data[row + x] < threshold) dark[out + Math.floor(x / factor)]++;
  }
  return { width, height, ink: Uint8Array.from(dark, (n) => (n >= factor ? 1 : 0)) };
}

/** Black and white only: at most BI_LEVEL_GREY_SHARE of its pixels (every 7th looked at) another grey; a JPEG scan has greys everywhere. */
function biLevel(img: GrayImage): boolean {
  const d = img.data;
  let grey = 0;
  let n = 0;
  for (let i = 0; i < d.length; i += 7, n++) if (d[i] !== 0 && d[i] !== 255) grey++;
  return grey <= BI_LEVEL_GREY_SHARE * n;
}

const BI_LEVEL_GREY_SHARE = 0.001;

/** Tilts of the two halves of a page this close (degrees) are one tilt. */
const HALVES_AGREE_DEG = 0.15;

interface Ink {
  xs: number[];
  ys: number[];
}

/** The angle (degrees) that makes the row histogram of this ink sharpest: coarse steps, then fine. */
function sharpestAngle({ xs, ys }: Ink, W: number, H: number): number {
  const score = (deg: number) => {
    const t = Math.tan((deg * Math.PI) / 180);
    const bins = new Float64Array(H + W);
    const offset = W / 2;
    for (let i = 0; i < xs.length; i++) {
      // The row this ink would fall on if the page were turned back by `deg`.
      const row = Math.round(ys[i] - xs[i] * t + offset);
      if (row >= 0 && row < bins.length) bins[row]++;
    }
    let s = 0;
    for (let i = 0; i < bins.length; i++) s += bins[i] * bins[i];
    return s;
  };
  let best = 0;
  let bestScore = score(0);
  for (let deg = -MAX_SKEW_DEG; deg <= MAX_SKEW_DEG + 1e-9; deg += 0.25) {
    const s = score(deg);
    if (s > bestScore) {
      bestScore = s;
      best = deg;
    }
  }
  const coarse = best;
  for (let deg = coarse - 0.25; deg <= coarse + 0.25 + 1e-9; deg += 0.025) {
    const s = score(deg);
    if (s > bestScore) {
      bestScore = s;
      best = deg;
    }
  }
  return best;
}

/** The page straightened: turned back by its skew when the skew is more than negligible (skew 0 otherwise). */
export function straighten(img: GrayImage, threshold: number): { image: GrayImage; skew: number } {
  const skew = estimateSkew(img, threshold);
  if (Math.abs(skew) < (NEGLIGIBLE_SKEW_DEG * Math.PI) / 180) return { image: img, skew: 0 };
  return { image: rotateSmall(img, -skew), skew };
}
