import type { ImageSize } from './image-size.js';
import { openPdf } from './pdf/open.js';
import { picturePages } from './picture.js';
import { InputError } from '../src/errors.js';
import { DEFAULT_ZIP_LIMITS, ZipPackage, type ZipLimits } from './zip.js';

/**
 * A report inside something that is not itself a report: a picture of a scanned page sent as it is,
 * a zip archive holding the report, a PDF cover page carrying the report as an attached file
 * (附件, /EmbeddedFiles). parsers/index.ts reads what is inside and says where it came from.
 */

/** A file found inside another, by the name it had there. */
export interface InnerFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * Pixels of the largest picture turned into a page: an A4 page scanned at 600 dpi is 35 million.
 * A PNG is decoded once to be put in a PDF (4 bytes a pixel), so this also bounds that memory.
 */
export const MAX_PICTURE_PIXELS = 40_000_000;

/** A4's long side, in inches: a picture of a page is taken to be a page of this height (its resolution follows). */
const PAGE_LONG_SIDE_INCHES = 297 / 25.4;

/**
 * A picture as a PDF of its pages (a TIFF may hold several), each page filled by one, so the
 * scanned-page reader (OCR) reads it. A page is sized as if the picture's long side were an A4
 * page's, which gives the resolution the OCR's checks see (a 2480 × 3508 scan → 300 dpi; a 600 ×
 * 800 thumbnail → 68 dpi, too coarse). Pictures that are not JPEG or PNG are decoded first (picture.ts).
 */
export async function pictureAsPdf(bytes: Uint8Array, size: ImageSize): Promise<Uint8Array> {
  if (!(size.width > 0 && size.height > 0) || size.width * size.height > MAX_PICTURE_PIXELS) {
    throw new InputError('LIMIT_EXCEEDED', `图片过大，超过上限 ${MAX_PICTURE_PIXELS / 1_000_000} 百万像素（A4 页 600 dpi 约 35 百万） / the picture is too large`);
  }
  const pictures = await picturePages(bytes, size, MAX_PICTURE_PIXELS);
  const { PDFDocument } = await import('pdf-lib');
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (const picture of pictures) {
    let image;
    try {
      image = picture.format === 'png' ? await doc.embedPng(picture.bytes) : await doc.embedJpg(picture.bytes);
    } catch (e) {
      throw new InputError('CORRUPT_FILE', `图片文件已损坏，无法读取（${(e as Error).message}） / the picture cannot be decoded`, { cause: e });
    }
    const dpi = Math.max(image.width, image.height) / PAGE_LONG_SIDE_INCHES;
    const [w, h] = [(image.width * 72) / dpi, (image.height * 72) / dpi];
    doc.addPage([w, h]).drawImage(image, { x: 0, y: 0, width: w, height: h });
  }
  return doc.save();
}

/**
 * The files attached to a PDF (its /EmbeddedFiles name tree). An embedded file is a stream, and a
 * stream is never inside a compressed object stream: its dictionary's /Type /EmbeddedFile is in the
 * plain bytes, so PDFs without one are not opened a second time.
 */
export async function pdfAttachments(bytes: Uint8Array): Promise<InnerFile[]> {
  if (!Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('/EmbeddedFile')) return [];
  let pdf;
  try {
    pdf = await openPdf(bytes);
  } catch {
    return [];
  }
  try {
    const attachments = ((await pdf.getAttachments().catch(() => null)) ?? {}) as Record<string, { filename?: string; rawFilename?: string; content?: Uint8Array }>;
    return Object.entries(attachments)
      .filter(([, a]) => a.content && a.content.length > 0)
      .map(([key, a]) => ({ name: a.filename || a.rawFilename || key, bytes: a.content! }));
  } finally {
    await pdf.destroy();
  }
}

/** Entries of a zip archive that may be read (folders, macOS resource forks and desktop.ini-like files left out). */
export function archiveEntries(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): { zip: ZipPackage; names: string[] } {
  const zip = new ZipPackage(bytes, limits);
  const names = [...zip.entries.keys()].filter((n) => !n.endsWith('/') && !/(?:^|\/)(?:__MACOSX\/|\._|\.DS_Store$|Thumbs\.db$|desktop\.ini$)/iu.test(n));
  return { zip, names };
}

/** The last part of a path inside an archive. */
export function baseName(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

/** "a.docx、b.pdf、c.docx 等 12 个" — a list of names for a message, at most `shown` of them. */
export function nameList(names: string[], shown = 5): string {
  const list = names.slice(0, shown).join('、');
  return names.length > shown ? `${list} 等 ${names.length} 个` : list;
}
