import { InputError } from '../../src/errors.js';
import { openPdf } from '../pdf/open.js';
import { crop, rotateQuarter } from './image.js';
import { pageImage } from './page-image.js';
import { encodePng } from './png.js';

export interface CropOptions {
  /** Clockwise rotation the page was turned by before its text was read (DocumentModel.pageInfo[].rotation). */
  rotation?: 0 | 90 | 180 | 270;
  /** Margin around the box, in points (default 4). */
  marginPt?: number;
  /** Resolution for pages that must be rendered (default 200 dpi); a scan is cut from its own pixels. */
  dpi?: number;
}

/**
 * The picture of one region of a PDF page as PNG bytes: the reviewer sees the cell of the scan next
 * to the value read from it. `bbox` is a Location's box ([x0, y0, x1, y1] in points, origin top
 * left, in the page's upright frame). Scanned pages are cut from the embedded image itself; other
 * pages are rendered. Re-derivable at any time from the original file: nothing is stored.
 */
export async function cropRegion(pdfBytes: Uint8Array, page: number, bbox: readonly [number, number, number, number], options: CropOptions = {}): Promise<Uint8Array> {
  const pdf = await openPdf(pdfBytes);
  try {
    if (!Number.isInteger(page) || page < 1 || page > pdf.numPages) {
      throw new InputError('CORRUPT_FILE', `页码 ${page} 不存在（共 ${pdf.numPages} 页） / no page ${page}`);
    }
    const p = await pdf.getPage(page);
    try {
      const shot = await pageImage(pdf, p, await p.getOperatorList(), options.dpi);
      const rotation = options.rotation ?? 0;
      const image = rotateQuarter(shot.image, rotation);
      // A quarter-turned page is read in its upright frame, whose origin is the image's corner.
      const x0 = rotation === 0 ? shot.x0 : 0;
      const y0 = rotation === 0 ? shot.y0 : 0;
      const m = options.marginPt ?? 4;
      const px = (v: number, offset: number) => (v - offset) * shot.scale;
      const region = crop(image, px(bbox[0] - m, x0), px(bbox[1] - m, y0), px(bbox[2] + m, x0), px(bbox[3] + m, y0));
      return encodePng(region);
    } finally {
      p.cleanup();
    }
  } finally {
    await pdf.destroy();
  }
}
