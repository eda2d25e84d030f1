import { createRequire } from 'node:module';
import { PictureRefusal } from '../src/errors.js';
import { decodableImage, type ImageSize } from './image-size.js';
import { encodePng } from './ocr/png.js';
import { decodeTiff } from './tiff.js';

/**
 * A picture sent as a report's pages, as pictures pdf-lib can put on a page (PNG or JPEG): a JPEG
 * or PNG as it is; each page of a TIFF (fax, scanner) decoded here (parsers/tiff.ts); a BMP or GIF
 * decoded by the canvas the OCR already draws with (@napi-rs/canvas, Skia: its size checked first,
 * decodableImage) and drawn again as PNG. WebP, and what cannot be decoded, is refused naming its format.
 */
export interface PagePicture {
  format: 'png' | 'jpeg';
  bytes: Uint8Array;
}

export async function picturePages(bytes: Uint8Array, size: ImageSize, maxPixels: number): Promise<PagePicture[]> {
  switch (size.format) {
    case 'png':
    case 'jpeg':
      return [{ format: size.format, bytes }];
    case 'tiff':
      return decodeTiff(bytes, maxPixels).map((page) => ({ format: 'png' as const, bytes: encodePng(page) }));
    case 'webp':
      // Skia's WebP decoder aborts the process on a damaged frame (a 64-byte VP8 header with no data): not given one.
      throw new PictureRefusal('UNSUPPORTED_FORMAT', '这是 WebP 图片，暂不支持读取：请另存为 PNG、JPEG 或 PDF 后提交 / a WebP picture: save it as PNG, JPEG or PDF');
    default:
      return [{ format: 'png', bytes: await redrawn(bytes, size, maxPixels) }];
  }
}

/** A BMP or GIF (its first frame) drawn by the canvas and encoded as PNG. */
async function redrawn(bytes: Uint8Array, size: ImageSize, maxPixels: number): Promise<Uint8Array> {
  const name = size.format.toUpperCase();
  const refused = (why: string, cause?: unknown) =>
    new PictureRefusal('UNSUPPORTED_FORMAT', `这是 ${name} 图片，${why}，无法读取：请另存为 PDF、PNG 或 JPEG 后提交 / a ${name} picture that cannot be decoded`, cause ? { cause } : undefined);
  if (!decodableImage(bytes, maxPixels)) throw refused('尺寸无效或过大');
  const require = createRequire(import.meta.url);
  const canvas = require('@napi-rs/canvas') as typeof import('@napi-rs/canvas');
  let picture: Awaited<ReturnType<typeof canvas.loadImage>>;
  try {
    picture = await canvas.loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (e) {
    throw refused('图片数据无法解码', e);
  }
  if (!(picture.width > 0 && picture.height > 0)) throw refused('图片数据无法解码');
  const surface = canvas.createCanvas(picture.width, picture.height);
  const g = surface.getContext('2d');
  // Transparent pixels read as paper.
  g.fillStyle = '#fff';
  g.fillRect(0, 0, picture.width, picture.height);
  g.drawImage(picture, 0, 0);
  return new Uint8Array(await surface.encode('png'));
}
