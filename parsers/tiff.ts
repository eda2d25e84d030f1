import { inflateSync } from 'node:zlib';
import { PictureRefusal } from '../src/errors.js';
import type { GrayImage } from './ocr/image.js';

/**
 * TIFF pages as greyscale images, for the scanned-page reader: a fax or a scanner's TIFF (often
 * several pages in one file). Strips of uncompressed, PackBits, LZW, Deflate and CCITT Group 3
 * (1-D and 2-D) and Group 4 data; bilevel, grey, palette and RGB samples. What it cannot decode
 * (tiles, JPEG inside TIFF, 16-bit samples) is refused naming the reason.
 */

/** Most pages of one TIFF read (a fax of a report is tens of pages; the OCR budget reads fewer). */
export const MAX_TIFF_PAGES = 500;

interface Ifd {
  tags: Map<number, number[]>;
  next: number;
}

function unsupported(reason: string): PictureRefusal {
  return new PictureRefusal('UNSUPPORTED_FORMAT', `这是 TIFF 图片，${reason}，无法读取：请另存为 PDF、PNG 或 JPEG 后提交 / a TIFF picture that cannot be decoded (${reason})`);
}

function corrupt(reason: string): PictureRefusal {
  return new PictureRefusal('CORRUPT_FILE', `TIFF 图片已损坏，无法读取（${reason}） / the TIFF picture is corrupt`);
}

/** The image file directories (one per page) of a TIFF, in order; none past `MAX_TIFF_PAGES`. */
function directories(b: Uint8Array): Ifd[] {
  const little = b[0] === 0x49;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u16 = (at: number) => v.getUint16(at, little);
  const u32 = (at: number) => v.getUint32(at, little);
  if (b.length < 8 || u16(2) !== 42) throw corrupt('文件头无效');
  const ifds: Ifd[] = [];
  const seen = new Set<number>();
  let at = u32(4);
  while (at !== 0 && ifds.length < MAX_TIFF_PAGES) {
    if (seen.has(at) || at + 2 > b.length) break;
    seen.add(at);
    const count = u16(at);
    if (at + 2 + count * 12 + 4 > b.length) throw corrupt('目录被截断');
    const tags = new Map<number, number[]>();
    for (let k = 0; k < count; k++) {
      const e = at + 2 + k * 12;
      const [tag, type, n] = [u16(e), u16(e + 2), u32(e + 4)];
      const size = type === 3 ? 2 : type === 4 ? 4 : type === 1 || type === 7 ? 1 : 0;
      if (!size || n > 1 << 20) continue;
      const base = n * size <= 4 ? e + 8 : u32(e + 8);
      if (base + n * size > b.length) continue;
      const values: number[] = [];
      for (let i = 0; i < n; i++) values.push(size === 2 ? u16(base + 2 * i) : size === 4 ? u32(base + 4 * i) : b[base + i]);
      tags.set(tag, values);
    }
    ifds.push({ tags, next: u32(at + 2 + count * 12) });
    at = ifds[ifds.length - 1].next;
  }
  return ifds;
}

/** Pages of a TIFF and the size of its first, from its header (before anything is decoded). */
export function tiffInfo(b: Uint8Array): { pages: number; width: number; height: number } | null {
  try {
    const ifds = directories(b);
    const first = ifds[0]?.tags;
    if (!first) return null;
    return { pages: ifds.length, width: first.get(256)?.[0] ?? 0, height: first.get(257)?.[0] ?? 0 };
  } catch {
    return null;
  }
}

/** Every page of a TIFF as a greyscale image (0 black … 255 white); `maxPixels` bounds each page. */
export function decodeTiff(b: Uint8Array, maxPixels: number): GrayImage[] {
  const ifds = directories(b);
  if (!ifds.length) throw corrupt('没有页面');
  return ifds.map((ifd, i) => decodePage(b, ifd.tags, maxPixels, i + 1));
}

function decodePage(b: Uint8Array, tags: Map<number, number[]>, maxPixels: number, page: number): GrayImage {
  const one = (tag: number, fallback: number) => tags.get(tag)?.[0] ?? fallback;
  const width = one(256, 0);
  const height = one(257, 0);
  if (!(width > 0 && height > 0)) throw corrupt(`第 ${page} 页没有尺寸`);
  if (width * height > maxPixels) throw new PictureRefusal('LIMIT_EXCEEDED', `TIFF 第 ${page} 页过大（${width}×${height} 像素），超过上限 ${maxPixels / 1_000_000} 百万像素 / the TIFF page is too large`);
  if (tags.has(322)) throw unsupported('按图块（tile）存储');
  const compression = one(259, 1);
  const bits = one(258, 1);
  const samples = one(277, 1);
  const photometric = one(262, compression >= 2 && compression <= 4 ? 0 : 1);
  if (one(284, 1) !== 1 && samples > 1) throw unsupported('颜色分量分平面存储');
  if (![1, 4, 8].includes(bits) || (samples !== 1 && bits !== 8)) throw unsupported(`每像素 ${bits} 位 × ${samples} 分量`);
  if (![0, 1, 2, 3].includes(photometric)) throw unsupported(`颜色模式 ${photometric}（如 CMYK、YCbCr）`);
  const offsets = tags.get(273) ?? [];
  const counts = tags.get(279) ?? [];
  const rowsPerStrip = Math.min(one(278, height), height);
  const rowBytes = Math.ceil((width * bits * samples) / 8);
  const raw = new Uint8Array(rowBytes * height);
  const reversed = one(266, 1) === 2;
  for (let s = 0; s < offsets.length; s++) {
    const rows = Math.min(rowsPerStrip, height - s * rowsPerStrip);
    if (rows <= 0) break;
    const start = offsets[s];
    const end = Math.min(b.length, start + (counts[s] ?? b.length - start));
    if (start >= b.length) throw corrupt(`第 ${page} 页的数据不完整`);
    let data = b.subarray(start, end);
    if (reversed) data = data.map(reverseBits);
    const out = raw.subarray(s * rowsPerStrip * rowBytes, (s * rowsPerStrip + rows) * rowBytes);
    switch (compression) {
      case 1:
        out.set(data.subarray(0, out.length));
        break;
      case 32773:
        unpackBits(data, out);
        break;
      case 5:
        lzw(data, out);
        break;
      case 8:
      case 32946:
        out.set(inflateSync(data, { maxOutputLength: Math.max(out.length, 64) }).subarray(0, out.length));
        break;
      case 2:
      case 3:
      case 4:
        if (bits !== 1) throw unsupported('CCITT 压缩但不是黑白图');
        ccitt(data, out, width, rows, compression === 4 ? 'g4' : compression === 2 ? 'mh' : one(292, 0) & 1 ? 'g3-2d' : 'g3');
        break;
      case 7:
      case 6:
        throw unsupported('内含 JPEG 压缩数据');
      default:
        throw unsupported(`压缩方式 ${compression}`);
    }
  }
  if (one(317, 1) === 2 && bits === 8) undoPredictor(raw, rowBytes, samples, height);
  return toGray(raw, width, height, bits, samples, photometric, tags.get(320));
}

function reverseBits(x: number): number {
  x = ((x & 0xf0) >> 4) | ((x & 0x0f) << 4);
  x = ((x & 0xcc) >> 2) | ((x & 0x33) << 2);
  return ((x & 0xaa) >> 1) | ((x & 0x55) << 1);
}

function undoPredictor(raw: Uint8Array, rowBytes: number, samples: number, height: number): void {
  for (let y = 0; y < height; y++) for (let x = samples; x < rowBytes; x++) raw[y * rowBytes + x] = (raw[y * rowBytes + x] + raw[y * rowBytes + x - samples]) & 0xff;
}

function toGray(raw: Uint8Array, width: number, height: number, bits: number, samples: number, photometric: number, colormap?: number[]): GrayImage {
  const data = new Uint8Array(width * height);
  const rowBytes = Math.ceil((width * bits * samples) / 8);
  const levels = (1 << bits) - 1;
  for (let y = 0; y < height; y++) {
    const row = y * rowBytes;
    for (let x = 0; x < width; x++) {
      let g: number;
      if (samples >= 3) {
        const p = row + x * samples;
        g = (raw[p] * 299 + raw[p + 1] * 587 + raw[p + 2] * 114) / 1000;
      } else {
        const bit = x * bits;
        const value = bits === 8 ? raw[row + x] : (raw[row + (bit >> 3)] >> (8 - bits - (bit & 7))) & levels;
        if (photometric === 3 && colormap && colormap.length >= 3 * (levels + 1)) {
          const n = levels + 1;
          g = ((colormap[value] >> 8) * 299 + (colormap[n + value] >> 8) * 587 + (colormap[2 * n + value] >> 8) * 114) / 1000;
        } else {
          g = (value * 255) / levels;
          if (photometric === 0) g = 255 - g;
        }
      }
      data[y * width + x] = Math.round(g);
    }
  }
  return { width, height, data };
}

function unpackBits(src: Uint8Array, out: Uint8Array): void {
  let i = 0;
  let o = 0;
  while (i < src.length && o < out.length) {
    const n = src[i++];
    if (n < 128) {
      const len = Math.min(n + 1, out.length - o, src.length - i);
      out.set(src.subarray(i, i + len), o);
      i += n + 1;
      o += len;
    } else if (n > 128) {
      const len = Math.min(257 - n, out.length - o);
      out.fill(src[i++] ?? 0, o, o + len);
      o += len;
    }
  }
}

/** TIFF LZW (MSB first, code width grows one code early). */
function lzw(src: Uint8Array, out: Uint8Array): void {
  const prefix = new Int32Array(4096);
  const suffix = new Uint8Array(4096);
  for (let i = 0; i < 256; i++) {
    suffix[i] = i;
    prefix[i] = -1;
  }
  let next = 258;
  let width = 9;
  let bitPos = 0;
  let o = 0;
  let old = -1;
  const stack = new Uint8Array(4096);
  const read = () => {
    if ((bitPos + width) > src.length * 8) return 257;
    let code = 0;
    for (let k = 0; k < width; k++, bitPos++) code = (code << 1) | ((src[bitPos >> 3] >> (7 - (bitPos & 7))) & 1);
    return code;
  };
  const emit = (code: number) => {
    let n = 0;
    for (let c = code; c >= 0 && n < 4096; c = prefix[c]) stack[n++] = suffix[c];
    for (let k = n - 1; k >= 0 && o < out.length; k--) out[o++] = stack[k];
    return stack[n - 1];
  };
  while (o < out.length) {
    const code = read();
    if (code === 257) return;
    if (code === 256) {
      next = 258;
      width = 9;
      old = -1;
      continue;
    }
    if (old < 0) {
      if (code > 255) throw corrupt('LZW 数据无效');
      emit(code);
      old = code;
      continue;
    }
    let first: number;
    if (code < next) first = emit(code);
    else if (code === next) {
      // KwKwK: the old string and its own first character
      let c = old;
      while (prefix[c] >= 0) c = prefix[c];
      first = suffix[c];
      prefix[next] = old;
      suffix[next] = first;
      emit(next);
      next++;
      old = code;
      if (next + 1 >= 1 << width && width < 12) width++;
      continue;
    } else throw corrupt('LZW 数据无效');
    if (next < 4096) {
      prefix[next] = old;
      suffix[next] = first;
      next++;
    }
    old = code;
    if (next + 1 >= 1 << width && width < 12) width++;
  }
}

// ── CCITT T.4 / T.6 (fax) ──

type Codes = Map<string, number>;

function table(spec: string, step: number, start = 0): Codes {
  const m: Codes = new Map();
  spec.split(' ').forEach((code, i) => m.set(code, start + i * step));
  return m;
}

const WHITE_TERM = table(
  '00110101 000111 0111 1000 1011 1100 1110 1111 10011 10100 00111 01000 001000 000011 110100 110101 101010 101011 0100111 0001100 0001000 0010111 0000011 0000100 0101000 0101011 0010011 0100100 0011000 00000010 00000011 00011010 00011011 00010010 00010011 00010100 00010101 00010110 00010111 00101000 00101001 00101010 00101011 00101100 00101101 00000100 00000101 00001010 00001011 01010010 01010011 01010100 01010101 00100100 00100101 01011000 01011001 01011010 01011011 01001010 01001011 00110010 00110011 00110100',
  1,
);
const WHITE_MAKEUP = table(
  '11011 10010 010111 0110111 00110110 00110111 01100100 01100101 01101000 01100111 011001100 011001101 011010010 011010011 011010100 011010101 011010110 011010111 011011000 011011001 011011010 011011011 010011000 010011001 010011010 011000 010011011',
  64,
  64,
);
const BLACK_TERM = table(
  '0000110111 010 11 10 011 0011 0010 00011 000101 000100 0000100 0000101 0000111 00000100 00000111 000011000 0000010111 0000011000 0000001000 00001100111 00001101000 00001101100 00000110111 00000101000 00000010111 00000011000 000011001010 000011001011 000011001100 000011001101 000001101000 000001101001 000001101010 000001101011 000011010010 000011010011 000011010100 000011010101 000011010110 000011010111 000001101100 000001101101 000011011010 000011011011 000001010100 000001010101 000001010110 000001010111 000001100100 000001100101 000001010010 000001010011 000000100100 000000110111 000000111000 000000100111 000000101000 000001011000 000001011001 000000101011 000000101100 000001011010 000001100110 000001100111',
  1,
);
const BLACK_MAKEUP = table(
  '0000001111 000011001000 000011001001 000001011011 000000110011 000000110100 000000110101 0000001101100 0000001101101 0000001001010 0000001001011 0000001001100 0000001001101 0000001110010 0000001110011 0000001110100 0000001110101 0000001110110 0000001110111 0000001010010 0000001010011 0000001010100 0000001010101 0000001011010 0000001011011 0000001100100 0000001100101',
  64,
  64,
);
const EXTENDED_MAKEUP = table('00000001000 00000001100 00000001101 000000010010 000000010011 000000010100 000000010101 000000010110 000000010111 000000011100 000000011101 000000011110 000000011111', 64, 1792);
for (const [code, run] of EXTENDED_MAKEUP) {
  WHITE_MAKEUP.set(code, run);
  BLACK_MAKEUP.set(code, run);
}

class Bits {
  pos = 0;
  constructor(private readonly b: Uint8Array) {}
  get done(): boolean {
    return this.pos >= this.b.length * 8;
  }
  bit(): number {
    const p = this.pos++;
    return p >= this.b.length * 8 ? 0 : (this.b[p >> 3] >> (7 - (p & 7))) & 1;
  }
  peek(n: number): string {
    let s = '';
    for (let k = 0; k < n; k++) {
      const p = this.pos + k;
      s += p >= this.b.length * 8 ? '0' : (this.b[p >> 3] >> (7 - (p & 7))) & 1;
    }
    return s;
  }
  align(): void {
    this.pos = (this.pos + 7) & ~7;
  }
}

/** One code of a table (at most 13 bits). */
function code(bits: Bits, ...tables: Codes[]): number {
  let s = '';
  for (let n = 0; n < 13; n++) {
    s += bits.bit();
    for (const t of tables) {
      const v = t.get(s);
      if (v !== undefined) return v;
    }
  }
  throw corrupt('传真编码无效');
}

/** A run length: make-up codes, then a terminating code. */
function run(bits: Bits, black: boolean): number {
  let total = 0;
  for (;;) {
    const n = black ? code(bits, BLACK_TERM, BLACK_MAKEUP) : code(bits, WHITE_TERM, WHITE_MAKEUP);
    total += n;
    if (n < 64) return total;
  }
}

/** Skips fill bits and an end-of-line code (000000000001) when one is next; whether one was. */
function eol(bits: Bits): boolean {
  const start = bits.pos;
  let zeros = 0;
  while (!bits.done && bits.bit() === 0) zeros++;
  if (zeros >= 11 && !bits.done) return true;
  bits.pos = start;
  return false;
}

/** CCITT fax data → packed rows (bit 1 = black, as TIFF's WhiteIsZero has it). */
function ccitt(src: Uint8Array, out: Uint8Array, width: number, rows: number, kind: 'mh' | 'g3' | 'g3-2d' | 'g4'): void {
  const bits = new Bits(src);
  const rowBytes = Math.ceil(width / 8);
  let ref: number[] = [width, width];
  for (let y = 0; y < rows && !bits.done; y++) {
    let twoD = kind === 'g4';
    if (kind === 'g3' || kind === 'g3-2d') {
      eol(bits);
      if (kind === 'g3-2d') twoD = bits.bit() === 0;
    }
    const changes = twoD ? line2d(bits, ref, width) : line1d(bits, width);
    if (kind === 'mh') bits.align();
    // Black runs lie between a change to black (even index) and the next change.
    const row = out.subarray(y * rowBytes, (y + 1) * rowBytes);
    for (let i = 0; i + 1 < changes.length; i += 2) {
      for (let x = changes[i]; x < Math.min(changes[i + 1], width); x++) row[x >> 3] |= 0x80 >> (x & 7);
    }
    ref = [...changes, width, width];
  }
}

/** One line of runs (Modified Huffman): the changing elements, ending with the width. */
function line1d(bits: Bits, width: number): number[] {
  const changes: number[] = [];
  let x = 0;
  let black = false;
  while (x < width) {
    x = Math.min(width, x + run(bits, black));
    changes.push(x);
    black = !black;
  }
  return changes.length % 2 ? changes : [...changes, width];
}

/** One 2-D line (T.4 2-D, T.6): changing elements coded against the line above (`ref`, padded with the width). */
function line2d(bits: Bits, ref: number[], width: number): number[] {
  const changes: number[] = [];
  let a0 = -1;
  let black = false;
  while (a0 < width) {
    // b1: the first change on the line above past a0 to the colour opposite a0's (even index: to black).
    let i = black ? 1 : 0;
    while (i < ref.length && ref[i] <= a0) i += 2;
    const b1 = ref[Math.min(i, ref.length - 1)];
    const b2 = ref[Math.min(i + 1, ref.length - 1)];
    const mode = bits.peek(7);
    if (mode.startsWith('1')) {
      bits.pos += 1;
      a0 = vertical(changes, b1);
    } else if (mode.startsWith('011')) {
      bits.pos += 3;
      a0 = vertical(changes, b1 + 1);
    } else if (mode.startsWith('010')) {
      bits.pos += 3;
      a0 = vertical(changes, b1 - 1);
    } else if (mode.startsWith('001')) {
      bits.pos += 3;
      const start = Math.max(a0, 0);
      const a1 = Math.min(width, start + run(bits, black));
      const a2 = Math.min(width, a1 + run(bits, !black));
      changes.push(a1, a2);
      a0 = a2;
      continue;
    } else if (mode.startsWith('0001')) {
      bits.pos += 4;
      a0 = b2;
      continue;
    } else if (mode.startsWith('000011')) {
      bits.pos += 6;
      a0 = vertical(changes, b1 + 2);
    } else if (mode.startsWith('000010')) {
      bits.pos += 6;
      a0 = vertical(changes, b1 - 2);
    } else if (mode === '0000011') {
      bits.pos += 7;
      a0 = vertical(changes, b1 + 3);
    } else if (mode === '0000010') {
      bits.pos += 7;
      a0 = vertical(changes, b1 - 3);
    } else {
      // An end-of-line or end of data inside a line: the rest of the line stays as it is.
      break;
    }
    black = !black;
  }
  return changes.length % 2 ? [...changes, width] : changes;
}

function vertical(changes: number[], a1: number): number {
  const x = Math.max(a1, changes.length ? changes[changes.length - 1] : 0);
  changes.push(x);
  return x;
}
