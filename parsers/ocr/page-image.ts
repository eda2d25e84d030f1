import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pdfOps } from '../pdf/pdfjs.js';
import { multiply } from '../pdf/rulings.js';
import { applyMatrix, type Matrix } from '../pdf/text-runs.js';
import { resize, rotateQuarter, toGray, type GrayImage } from './image.js';

/**
 * A page as a picture, for OCR: grey pixels and how they map to the page's display space
 * (points, origin top-left, /Rotate applied): point x = x0 + pixel x / scale, likewise y.
 */
export interface PageImage {
  image: GrayImage;
  /** Pixels per point. */
  scale: number;
  /** Where the image's top-left pixel corner lies on the page, in points. */
  x0: number;
  y0: number;
  /** Page size in points (display space). */
  pageWidth: number;
  pageHeight: number;
  /** `embedded`: the scan itself, taken from the PDF; `rendered`: drawn by pdf.js. */
  origin: 'embedded' | 'rendered';
}

/** Resolution OCR works at: scans are taken as embedded up to this; pages are rendered at it. */
export const OCR_DPI = 200;
/** An embedded image covering at least this share of the page is the page (a scan). */
const FULL_PAGE_SHARE = 0.6;

interface PlacedImage {
  objId: string;
  /** Unit square → display space. */
  matrix: Matrix;
  /** Display-space area covered (points²). */
  area: number;
}

/**
 * The page as an image. A scanned page is one image drawn over (nearly) the whole page: that image
 * is taken from the PDF as it is — no re-rendering, no resampling unless it is finer than
 * `dpi` — and turned the way it is displayed. Any other page with ink (several image strips,
 * text drawn as outlines, a photo with a caption) is rendered by pdf.js at `dpi`.
 */
export async function pageImage(
  pdf: PDFDocumentProxy,
  page: PDFPageProxy,
  ops: { fnArray: number[]; argsArray: unknown[] },
  dpi = OCR_DPI,
): Promise<PageImage> {
  const viewport = page.getViewport({ scale: 1 });
  const pageWidth = viewport.width;
  const pageHeight = viewport.height;
  const placed = placedImages(ops.fnArray, ops.argsArray, viewport.transform as Matrix);
  const main = placed.length ? placed.reduce((a, b) => (b.area > a.area ? b : a)) : null;
  const others = placed.filter((p) => p !== main).reduce((s, p) => s + p.area, 0);
  if (main && main.area >= FULL_PAGE_SHARE * pageWidth * pageHeight && others < 0.05 * pageWidth * pageHeight) {
    const taken = await embeddedImage(page, main, dpi, pageWidth, pageHeight);
    if (taken) return taken;
  }
  return renderPage(pdf, page, dpi);
}

/** Images painted on the page, with where they land (one pass over the operator list). */
function placedImages(fnArray: readonly number[], argsArray: readonly unknown[], viewport: Matrix): PlacedImage[] {
  const OPS = pdfOps();
  const out: PlacedImage[] = [];
  let ctm = viewport;
  const stack: Matrix[] = [];
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = multiply(argsArray[i] as Matrix, ctm);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const m = (argsArray[i] as unknown[])?.[0] as Matrix | null;
      if (m && m.length === 6) ctm = multiply(m, ctm);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.paintImageXObject) {
      const objId = (argsArray[i] as unknown[])[0];
      if (typeof objId !== 'string') continue;
      const area = Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]);
      out.push({ objId, matrix: ctm, area });
    }
  }
  return out;
}

/** pdf.js's decoded image object (pdfjs-dist ImageKind: 1 = 1 bit grey, 2 = RGB, 3 = RGBA). */
interface PdfImageData {
  width: number;
  height: number;
  kind?: number;
  data?: Uint8Array | Uint8ClampedArray;
}

async function embeddedImage(page: PDFPageProxy, placed: PlacedImage, dpi: number, pageWidth: number, pageHeight: number): Promise<PageImage | null> {
  const objs = placed.objId.startsWith('g_') ? page.commonObjs : page.objs;
  const data = await new Promise<PdfImageData | null>((resolve) => {
    try {
      objs.get(placed.objId, (d: unknown) => resolve((d as PdfImageData) ?? null));
    } catch {
      resolve(null);
    }
  });
  if (!data?.data || !data.width || !data.height) return null;
  const kind = data.kind;
  const channels = kind === 3 ? 4 : kind === 2 ? 3 : 1;
  const expected = kind === 1 ? ((data.width + 7) >> 3) * data.height : data.width * data.height * channels;
  if (data.data.length < expected) return null;
  let image = toGray(data.data, data.width, data.height, channels as 1 | 3 | 4, kind === 1 ? 1 : 8);

  // Image space: the unit square, pixel row 0 at v = 1. Where do the image's axes point on the page?
  const m = placed.matrix;
  const [ox, oy] = applyMatrix(m, 0, 1);
  const [rx, ry] = applyMatrix(m, 1, 1);
  const [dx, dy] = applyMatrix(m, 0, 0);
  const turn = quarterTurn([rx - ox, ry - oy], [dx - ox, dy - oy]);
  if (turn === null) return null;
  image = rotateQuarter(image, turn);
  const left = Math.min(ox, rx, dx, rx + dx - ox);
  const right = Math.max(ox, rx, dx, rx + dx - ox);
  const top = Math.min(oy, ry, dy, ry + dy - oy);
  const bottom = Math.max(oy, ry, dy, ry + dy - oy);
  // Finer than needed (a 600 dpi scan): scale down to the working resolution.
  let scale = image.width / (right - left);
  const wanted = dpi / 72;
  if (scale > wanted * 1.25) {
    image = resize(image, (right - left) * wanted, (bottom - top) * wanted);
    scale = image.width / (right - left);
  }
  return { image, scale, x0: left, y0: top, pageWidth, pageHeight, origin: 'embedded' };
}

/**
 * Which quarter turn (clockwise) makes the image upright as displayed, given the display
 * directions of its x axis (along pixel rows) and y axis (down the columns); null when the image
 * is skewed or mirrored (then the page is rendered instead).
 */
function quarterTurn(xAxis: [number, number], yAxis: [number, number]): 0 | 90 | 180 | 270 | null {
  const dir = (v: [number, number]) => {
    const [x, y] = v;
    if (Math.abs(y) <= 0.02 * Math.abs(x)) return x > 0 ? 'right' : 'left';
    if (Math.abs(x) <= 0.02 * Math.abs(y)) return y > 0 ? 'down' : 'up';
    return null;
  };
  const key = `${dir(xAxis)}/${dir(yAxis)}`;
  switch (key) {
    case 'right/down':
      return 0;
    case 'down/left':
      return 90;
    case 'left/up':
      return 180;
    case 'up/right':
      return 270;
    default:
      return null;
  }
}

/** Draw the page with pdf.js onto a canvas (@napi-rs/canvas, pdf.js's own Node canvas) at `dpi`. */
export async function renderPage(pdf: PDFDocumentProxy, page: PDFPageProxy, dpi = OCR_DPI): Promise<PageImage> {
  const viewport = page.getViewport({ scale: dpi / 72 });
  const width = Math.ceil(viewport.width);
  const height = Math.ceil(viewport.height);
  const factory = pdf.canvasFactory as { create(w: number, h: number): { canvas: unknown; context: CanvasLike }; destroy(c: unknown): void };
  const entry = factory.create(width, height);
  try {
    entry.context.fillStyle = '#ffffff';
    entry.context.fillRect(0, 0, width, height);
    await page.render({ canvasContext: entry.context as never, canvas: entry.canvas as never, viewport }).promise;
    const pixels = entry.context.getImageData(0, 0, width, height).data;
    const base = page.getViewport({ scale: 1 });
    return {
      image: toGray(pixels, width, height, 4),
      scale: width / base.width,
      x0: 0,
      y0: 0,
      pageWidth: base.width,
      pageHeight: base.height,
      origin: 'rendered',
    };
  } finally {
    factory.destroy(entry);
  }
}

interface CanvasLike {
  fillStyle: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
}
