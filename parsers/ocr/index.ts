import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ocrPage, type OcrPageResult } from './ocr-page.js';
import { pageImage } from './page-image.js';

export { ocrPage, imageGrid, MIN_OCR_DPI, type ImageGrid, type OcrPageResult } from './ocr-page.js';
export { pageImage, renderPage, OCR_DPI, type PageImage } from './page-image.js';

/**
 * OCR of one PDF page that has no usable text layer: the page as an image (the embedded scan,
 * or a rendering), then text and rulings as page primitives (parsers/pdf/primitives.ts).
 */
export async function ocrPdfPage(
  pdf: PDFDocumentProxy,
  page: PDFPageProxy,
  n: number,
  ops: { fnArray: number[]; argsArray: unknown[] },
): Promise<OcrPageResult> {
  return ocrPage(await pageImage(pdf, page, ops), n);
}
export { cropRegion, type CropOptions } from './crop.js';
export { attachOcrCorrections } from './corrections.js';
