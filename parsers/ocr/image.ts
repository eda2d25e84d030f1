/**
 * Greyscale page images and the few operations OCR needs on them. One byte per pixel, 0 = black,
 * 255 = white, row-major. Everything here is plain loops over typed arrays: page images are a few
 * million pixels and these passes cost milliseconds, so no image library is needed.
 */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export function grayImage(width: number, height: number, fill = 255): GrayImage {
  const data = new Uint8Array(width * height);
  if (fill) data.fill(fill);
  return { width, height, data };
}

/**
 * Pixels in one of pdf.js's image layouts → grey. `channels` 1 (grey), 3 (RGB) or 4 (RGBA, alpha
 * over white); `bits` 1 for packed bilevel rows (1 = white, as pdf.js delivers GRAYSCALE_1BPP).
 * Colour becomes grey by luminance, except that strongly red pixels (seals 公章, red ink) are
 * lifted towards white: a seal over a table must not hide the digits under it or read as rulings.
 */
export function toGray(src: Uint8Array | Uint8ClampedArray, width: number, height: number, channels: 1 | 3 | 4, bits: 1 | 8 = 8): GrayImage {
  const out = new Uint8Array(width * height);
  if (bits === 1) {
    const rowBytes = (width + 7) >> 3;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const bit = (src[y * rowBytes + (x >> 3)] >> (7 - (x & 7))) & 1;
        out[y * width + x] = bit ? 255 : 0;
      }
    }
    return { width, height, data: out };
  }
  if (channels === 1) {
    out.set(src.subarray(0, width * height));
    return { width, height, data: out };
  }
  // Channels read in place (no array per pixel: a page is millions of them); RGBA composited over white.
  const ink = redInkLuminance(src, out.length, channels);
  if (channels === 3) {
    for (let i = 0, p = 0; i < out.length; i++, p += 3) out[i] = dropRed(src[p], src[p + 1], src[p + 2], ink);
  } else {
    for (let i = 0, p = 0; i < out.length; i++, p += 4) {
      // Opaque grey (a rendered page is mostly that): its luminance is its level, and it is not red.
      if (src[p + 3] === 255 && src[p] === src[p + 1] && src[p] === src[p + 2]) {
        out[i] = src[p];
        continue;
      }
      const a = src[p + 3] / 255;
      out[i] = dropRed(src[p] * a + 255 * (1 - a), src[p + 1] * a + 255 * (1 - a), src[p + 2] * a + 255 * (1 - a), ink);
    }
  }
  return { width, height, data: out };
}

/** Redness (red over the larger of green and blue) above which a pixel is red ink. */
const REDDISH = 30;
/** Redness of the pixels the red ink's own brightness is measured on. */
const STRONGLY_RED = 80;
/** Luminance of seal red (214, 40, 40), for an image with too little red to measure it on. */
const SEAL_LUMINANCE = 92;

const luminance = (r: number, g: number, b: number) => (r * 299 + g * 587 + b * 114) / 1000;

/**
 * How bright the image's red ink is: the upper quartile of the luminance of its strongly red
 * pixels (every 7th pixel sampled) — what bare seal ink is in grey.
 */
function redInkLuminance(src: Uint8Array | Uint8ClampedArray, n: number, channels: 3 | 4): number {
  const hist = new Uint32Array(256);
  let count = 0;
  for (let i = 0; i < n; i += 7) {
    const p = i * channels;
    let r = src[p];
    let g = src[p + 1];
    let b = src[p + 2];
    if (channels === 4) {
      const a = src[p + 3] / 255;
      r = r * a + 255 * (1 - a);
      g = g * a + 255 * (1 - a);
      b = b * a + 255 * (1 - a);
    }
    if (r - Math.max(g, b) > STRONGLY_RED) {
      hist[Math.round(luminance(r, g, b))]++;
      count++;
    }
  }
  if (count < 50) return SEAL_LUMINANCE;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += hist[v];
    if (seen >= 0.75 * count) return Math.max(60, Math.min(170, v));
  }
  return SEAL_LUMINANCE;
}

/**
 * Grey value of an RGB pixel with red ink removed. Seals (公章) and red stamps are red with little
 * green and blue. A reddish pixel is seal ink over whatever lies under it, and how dark that is
 * shows in its luminance against the bare ink's (`ink`, measured on the image): bare seal, and seal
 * thinned by JPEG's halved colour resolution (a red channel of 110–150, lighter than the ink), go
 * to white; black text under the seal stays dark. In a JPEG that text takes the seal's chroma and
 * reads about (140, 0, 0) — very red, but far darker than the ink; lifting it by its red channel
 * erased the digits under a seal's star ("10" read as "1"). A ruling under the seal stays likewise.
 */
function dropRed(r: number, g: number, b: number, ink: number): number {
  const lum = luminance(r, g, b);
  if (r - Math.max(g, b) <= REDDISH) return lum;
  // Stretched: JPEG leaves seal ink a little darker than its quartile here and there (specks beside a
  // digit read as "8."), text under the seal is under half as bright as the ink.
  const share = lum / ink;
  return Math.round(255 * Math.max(0, Math.min(1, (share - UNDER_SEAL) / (BARE_SEAL - UNDER_SEAL))));
}

/** Luminance shares of the bare ink: at most this is black under the seal, at least that is the seal alone. */
const UNDER_SEAL = 0.3;
const BARE_SEAL = 0.8;

/** Bilinear resize (downscaling by more than 2 averages boxes first, so thin lines survive). */
export function resize(img: GrayImage, width: number, height: number): GrayImage {
  width = Math.max(1, Math.round(width));
  height = Math.max(1, Math.round(height));
  if (width === img.width && height === img.height) return img;
  let src = img;
  while (src.width >= width * 2 && src.height >= height * 2) src = halve(src);
  const out = new Uint8Array(width * height);
  const sx = src.width / width;
  const sy = src.height / height;
  const d = src.data;
  const W = src.width;
  for (let y = 0; y < height; y++) {
    const fy = Math.max(0, Math.min(src.height - 1, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(src.height - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.max(0, Math.min(W - 1, (x + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(W - 1, x0 + 1);
      const wx = fx - x0;
      const top = d[y0 * W + x0] * (1 - wx) + d[y0 * W + x1] * wx;
      const bottom = d[y1 * W + x0] * (1 - wx) + d[y1 * W + x1] * wx;
      out[y * width + x] = top * (1 - wy) + bottom * wy;
    }
  }
  return { width, height, data: out };
}

/**
 * Enlarge with cubic convolution (Keys, a = −0.5): steeper stroke edges than bilinear when a small
 * glyph is blown up twofold or more. For enlarging only; values clamped to 0–255.
 */
export function enlargeCubic(img: GrayImage, width: number, height: number): GrayImage {
  width = Math.max(1, Math.round(width));
  height = Math.max(1, Math.round(height));
  const taps = (size: number, src: number) => {
    const idx = new Int32Array(size * 4);
    const wt = new Float32Array(size * 4);
    for (let o = 0; o < size; o++) {
      const f = ((o + 0.5) * src) / size - 0.5;
      const i0 = Math.floor(f);
      for (let k = 0; k < 4; k++) {
        idx[o * 4 + k] = Math.max(0, Math.min(src - 1, i0 - 1 + k));
        const x = Math.abs(f - i0 - (k - 1));
        wt[o * 4 + k] = x < 1 ? 1.5 * x * x * x - 2.5 * x * x + 1 : x < 2 ? -0.5 * x * x * x + 2.5 * x * x - 4 * x + 2 : 0;
      }
    }
    return { idx, wt };
  };
  const W = img.width;
  const d = img.data;
  const tx = taps(width, W);
  const ty = taps(height, img.height);
  const mid = new Float32Array(width * img.height);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < width; x++) {
      let v = 0;
      for (let k = 0; k < 4; k++) v += d[y * W + tx.idx[x * 4 + k]] * tx.wt[x * 4 + k];
      mid[y * width + x] = v;
    }
  }
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let v = 0;
      for (let k = 0; k < 4; k++) v += mid[ty.idx[y * 4 + k] * width + x] * ty.wt[y * 4 + k];
      out[y * width + x] = v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
    }
  }
  return { width, height, data: out };
}

function halve(img: GrayImage): GrayImage {
  const w = img.width >> 1;
  const h = img.height >> 1;
  const out = new Uint8Array(w * h);
  const W = img.width;
  const d = img.data;
  for (let y = 0; y < h; y++) {
    const r0 = 2 * y * W;
    const r1 = r0 + W;
    for (let x = 0; x < w; x++) {
      const c = 2 * x;
      out[y * w + x] = (d[r0 + c] + d[r0 + c + 1] + d[r1 + c] + d[r1 + c + 1] + 2) >> 2;
    }
  }
  return { width: w, height: h, data: out };
}

/** The rectangle [x0, y0, x1, y1) of the image (clamped to it), as a new image. */
export function crop(img: GrayImage, x0: number, y0: number, x1: number, y1: number): GrayImage {
  const ax = Math.max(0, Math.floor(x0));
  const ay = Math.max(0, Math.floor(y0));
  const bx = Math.min(img.width, Math.ceil(x1));
  const by = Math.min(img.height, Math.ceil(y1));
  const w = Math.max(1, bx - ax);
  const h = Math.max(1, by - ay);
  const out = grayImage(w, h);
  for (let y = 0; y < h && ay + y < img.height; y++) {
    const start = (ay + y) * img.width + ax;
    out.data.set(img.data.subarray(start, start + Math.min(w, img.width - ax)), y * w);
  }
  return out;
}

/** Rotate by a multiple of 90° clockwise. */
export function rotateQuarter(img: GrayImage, degrees: 0 | 90 | 180 | 270): GrayImage {
  if (degrees === 0) return img;
  const { width: W, height: H, data: d } = img;
  const w = degrees === 180 ? W : H;
  const h = degrees === 180 ? H : W;
  const out = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const v = d[y * W + x];
      let nx: number;
      let ny: number;
      if (degrees === 90) {
        nx = H - 1 - y;
        ny = x;
      } else if (degrees === 180) {
        nx = W - 1 - x;
        ny = H - 1 - y;
      } else {
        nx = y;
        ny = W - 1 - x;
      }
      out[ny * w + nx] = v;
    }
  }
  return { width: w, height: h, data: out };
}

/**
 * Rotate by a small angle (radians, positive = clockwise on screen) about the centre, same size,
 * white where nothing maps. Used to straighten a scan that went through the feeder askew.
 */
export function rotateSmall(img: GrayImage, angle: number): GrayImage {
  if (Math.abs(angle) < 1e-4) return img;
  const { width: W, height: H } = img;
  const out = new Uint8Array(W * H).fill(255);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const cx = (W - 1) / 2;
  const cy = (H - 1) / 2;
  for (let y = 0; y < H; y++) {
    const dy = y - cy;
    for (let x = 0; x < W; x++) {
      const dx = x - cx;
      // Inverse mapping: where in the source does this output pixel come from?
      const sx = cos * dx + sin * dy + cx;
      const sy = -sin * dx + cos * dy + cy;
      const v = bilinear(img, sx, sy);
      if (v >= 0) out[y * W + x] = v;
    }
  }
  return { width: W, height: H, data: out };
}

/** The image's grey at (sx, sy), interpolated between the four pixels around it; -1 off the image. */
export function bilinear(img: GrayImage, sx: number, sy: number): number {
  const { width: W, height: H, data: d } = img;
  const x0 = Math.floor(sx);
  const y0 = Math.floor(sy);
  if (x0 < 0 || y0 < 0 || x0 + 1 >= W || y0 + 1 >= H) return -1;
  const fx = sx - x0;
  const fy = sy - y0;
  const i = y0 * W + x0;
  const top = d[i] * (1 - fx) + d[i + 1] * fx;
  const bottom = d[i + W] * (1 - fx) + d[i + W + 1] * fx;
  return top * (1 - fy) + bottom * fy;
}

/**
 * Ink threshold by Otsu's method over the histogram: the grey level that best separates paper
 * from ink (the middle of the levels that separate equally well). Clamped so that a nearly blank page does not call its paper texture ink.
 */
export function inkThreshold(img: GrayImage): number {
  const hist = new Float64Array(256);
  const d = img.data;
  // A sample is enough for a histogram of millions of pixels.
  const step = d.length > 2_000_000 ? 3 : 1;
  let n = 0;
  for (let i = 0; i < d.length; i += step) {
    hist[d[i]]++;
    n++;
  }
  let sum = 0;
  for (let v = 0; v < 256; v++) sum += v * hist[v];
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let threshold = 128;
  let last = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t];
    if (!wB) continue;
    const wF = n - wB;
    if (!wF) break;
    sumB += t * hist[t];
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) ** 2;
    if (between > best * (1 + 1e-9)) {
      best = between;
      threshold = last = t;
    } else if (between >= best * (1 - 1e-9)) last = t;
  }
  // Levels no pixel has (a 1-bit fax: only 0 and 255) separate equally well: the middle of them,
  // so that grey edges made by resampling the page split evenly between ink and paper.
  return Math.max(60, Math.min(200, Math.round((threshold + last) / 2)));
}

/** Share of pixels darker than `threshold` (how much ink the page carries). */
export function inkShare(img: GrayImage, threshold: number): number {
  let dark = 0;
  const d = img.data;
  for (let i = 0; i < d.length; i += 2) if (d[i] < threshold) dark++;
  return dark / Math.ceil(d.length / 2);
}
