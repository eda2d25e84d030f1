import { tiffInfo } from './tiff.js';

/**
 * An image's pixel size from its header, before any decoder sees it. The native decoder
 * (@napi-rs/canvas, Skia) allocates the whole bitmap up front and aborts the process — every file
 * of a batch with it — when the allocation fails, so a picture whose header claims 100,000 ×
 * 30,000 pixels must never reach it. Only formats whose size can be read here are decodable.
 */
export interface ImageSize {
  format: 'png' | 'jpeg' | 'gif' | 'bmp' | 'webp' | 'tiff';
  width: number;
  height: number;
  /** Pages of a TIFF (a fax or a scanner's multi-page file); 1 for the others. */
  pages?: number;
}

export function imageSize(b: Uint8Array): ImageSize | null {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const at = (i: number, ...bytes: number[]) => bytes.every((x, k) => b[i + k] === x);
  if (b.length >= 24 && at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a) && at(12, 0x49, 0x48, 0x44, 0x52)) {
    return { format: 'png', width: v.getUint32(16), height: v.getUint32(20) };
  }
  if (b.length >= 10 && (at(0, 0x47, 0x49, 0x46, 0x38, 0x37, 0x61) || at(0, 0x47, 0x49, 0x46, 0x38, 0x39, 0x61))) {
    // The logical screen; a frame may not be larger in a decoder that honours it, but take the largest frame too.
    let width = v.getUint16(6, true);
    let height = v.getUint16(8, true);
    // The first image descriptor (0x2C), past the global colour table and any extension blocks (0x21).
    let i = 13 + (b[10] & 0x80 ? 3 << ((b[10] & 7) + 1) : 0);
    while (i < b.length && b[i] === 0x21) {
      i += 2;
      while (i < b.length && b[i] !== 0) i += b[i] + 1;
      i++;
    }
    if (b[i] === 0x2c && i + 9 <= b.length) {
      width = Math.max(width, v.getUint16(i + 5, true));
      height = Math.max(height, v.getUint16(i + 7, true));
    }
    return { format: 'gif', width, height };
  }
  if (b.length >= 26 && at(0, 0x42, 0x4d)) {
    const header = v.getUint32(14, true);
    if (header === 12) return { format: 'bmp', width: v.getUint16(18, true), height: v.getUint16(20, true) };
    return { format: 'bmp', width: Math.abs(v.getInt32(18, true)), height: Math.abs(v.getInt32(22, true)) };
  }
  if (b.length >= 30 && at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) {
    if (at(12, 0x56, 0x50, 0x38, 0x20)) return { format: 'webp', width: v.getUint16(26, true) & 0x3fff, height: v.getUint16(28, true) & 0x3fff };
    if (at(12, 0x56, 0x50, 0x38, 0x4c)) {
      const bits = v.getUint32(21, true);
      return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    if (at(12, 0x56, 0x50, 0x38, 0x58)) return { format: 'webp', width: 1 + (b[24] | (b[25] << 8) | (b[26] << 16)), height: 1 + (b[27] | (b[28] << 8) | (b[29] << 16)) };
    return null;
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) return jpegSize(b, v);
  if (b.length >= 8 && (at(0, 0x49, 0x49, 0x2a, 0x00) || at(0, 0x4d, 0x4d, 0x00, 0x2a))) {
    const info = tiffInfo(b);
    return info ? { format: 'tiff', width: info.width, height: info.height, pages: info.pages } : null;
  }
  return null;
}

/** The size in a JPEG's frame header (SOFn), walking the marker segments; the largest if there are several. */
function jpegSize(b: Uint8Array, v: DataView): ImageSize | null {
  let i = 2;
  let found: ImageSize | null = null;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return found;
    const marker = b[i + 1];
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return found;
    const length = v.getUint16(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc && i + 9 <= b.length) {
      const height = v.getUint16(i + 5);
      const width = v.getUint16(i + 7);
      if (!found || width * height > found.width * found.height) found = { format: 'jpeg', width, height };
    }
    if (length < 2) return found;
    i += 2 + length;
  }
  return found;
}

/**
 * Whether a picture may be given to the native decoder: a format whose size its header states,
 * with both sides positive, each at most `maxSide` pixels and at most `maxPixels` in all.
 */
export function decodableImage(b: Uint8Array, maxPixels: number, maxSide = 32_767): boolean {
  const size = imageSize(b);
  // TIFF is not the native decoder's (parsers/tiff.ts reads it).
  if (!size || size.format === 'tiff') return false;
  // A JPEG's frame header may declare height 0 (given later, by a DNL marker): unknown, refused.
  return size.width > 0 && size.height > 0 && size.width <= maxSide && size.height <= maxSide && size.width * size.height <= maxPixels;
}
