import { pdfOps } from './pdfjs.js';

let imageOps: Set<number> | null = null;

/** pdf.js operators that paint an image (a scan, a photo). */
function imageOperators(): Set<number> {
  if (!imageOps) {
    const OPS = pdfOps();
    imageOps = new Set<number>([
      OPS.paintImageXObject,
      OPS.paintInlineImageXObject,
      OPS.paintInlineImageXObjectGroup,
      OPS.paintImageXObjectRepeat,
      OPS.paintImageMaskXObject,
      OPS.paintImageMaskXObjectGroup,
      OPS.paintImageMaskXObjectRepeat,
    ]);
  }
  return imageOps;
}

/** More path drawings than this on a text-less page: text converted to outlines, or a drawing. */
const MANY_PATHS = 50;

/**
 * Does a page without a text layer show anything? A scan (an image) or text converted to curves
 * (many paths) does, and its content is lost to us; a blank page (a page break in Word) does not.
 */
export function pageHasInk(fnArray: readonly number[]): boolean {
  const images = imageOperators();
  const constructPath = pdfOps().constructPath;
  let paths = 0;
  for (const fn of fnArray) {
    if (images.has(fn)) return true;
    if (fn === constructPath && ++paths > MANY_PATHS) return true;
  }
  return false;
}

/** Does the page paint an image (the scan under an OCR text layer)? */
export function pageHasImage(fnArray: readonly number[]): boolean {
  const images = imageOperators();
  return fnArray.some((fn) => images.has(fn));
}
