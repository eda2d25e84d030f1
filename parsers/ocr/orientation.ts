import type { TextBox } from './detect.js';
import type { OcrEngine } from './engine.js';
import { crop, resize, type GrayImage } from './image.js';

/**
 * Is the page turned a quarter? Detected text lines of an upright page are wide; on a page
 * turned 90° they stand tall. Counted over lines long enough to tell (three characters or more).
 */
export function looksTurned(boxes: readonly TextBox[]): boolean {
  const { tall, wide } = lineShapes(boxes);
  return tall >= MIN_TELLING_LINES && tall > 2 * wide;
}

/**
 * Do the lines say the page is upright? Wide lines, enough of them and more than twice the tall
 * ones. A page neither upright nor turned by this count (the tail of a form: short labels stacked
 * in narrow cells, "100" and "10" in its columns) is tried turned a quarter too.
 */
export function looksUpright(boxes: readonly TextBox[]): boolean {
  const { tall, wide } = lineShapes(boxes);
  return wide >= MIN_TELLING_LINES && wide > 2 * tall;
}

/** Lines of one shape needed to say which way a page reads. */
const MIN_TELLING_LINES = 5;

function lineShapes(boxes: readonly TextBox[]): { tall: number; wide: number } {
  let tall = 0;
  let wide = 0;
  for (const b of boxes) {
    const w = b.x1 - b.x0;
    const h = b.y1 - b.y0;
    if (h >= 2.5 * w) tall++;
    else if (w >= 2.5 * h) wide++;
  }
  return { tall, wide };
}

/** The direction classifier's input (PaddleOCR cls: 3 × 48 × 192, normalised to [-1, 1]). */
const CLS_HEIGHT = 48;
const CLS_WIDTH = 192;
/** Lines sampled to decide (the longest ones say the most). */
const SAMPLE = 16;
/** Pieces of one long line shown to the classifier (its start, middle and end). */
const PIECES_PER_LINE = 3;

/**
 * Is the page upside down? PaddleOCR's line direction classifier (0° / 180°) on the longest
 * lines; the page is turned when most pieces shown vote 180° with confidence. A long line is shown
 * in pieces as wide as the classifier's input at the line's own proportions (four line heights)
 * rather than squeezed whole into it: a line of thirty characters squeezed sevenfold is a grey
 * texture whose direction the classifier guesses (宁夏 原州's upright prose page: 6 of 16 lines
 * voted 180°, 1 voted 0°).
 */
export async function isUpsideDown(engine: OcrEngine, img: GrayImage, boxes: readonly TextBox[]): Promise<boolean> {
  const sample = [...boxes]
    .filter((b) => b.x1 - b.x0 >= 2 * (b.y1 - b.y0))
    .sort((a, b) => b.x1 - b.x0 - (a.x1 - a.x0))
    .slice(0, SAMPLE);
  if (sample.length < 3) return false;
  const pieces = sample.flatMap(linePieces);
  const plane = CLS_HEIGHT * CLS_WIDTH;
  const input = new Float32Array(pieces.length * 3 * plane);
  pieces.forEach((b, k) => {
    const w = Math.min(CLS_WIDTH, Math.ceil((CLS_HEIGHT * (b.x1 - b.x0)) / (b.y1 - b.y0)));
    const line = resize(crop(img, b.x0, b.y0, b.x1, b.y1), w, CLS_HEIGHT);
    for (let y = 0; y < CLS_HEIGHT; y++) {
      for (let x = 0; x < w; x++) {
        const v = line.data[y * w + x] / 127.5 - 1;
        const i = k * 3 * plane + y * CLS_WIDTH + x;
        input[i] = v;
        input[i + plane] = v;
        input[i + 2 * plane] = v;
      }
    }
  });
  const feeds = { [engine.classifier.inputNames[0]]: new engine.Tensor('float32', input, [pieces.length, 3, CLS_HEIGHT, CLS_WIDTH]) };
  const out = (await engine.classifier.run(feeds))[engine.classifier.outputNames[0]].data as Float32Array;
  let flipped = 0;
  let upright = 0;
  for (let k = 0; k < pieces.length; k++) {
    const p0 = out[2 * k];
    const p180 = out[2 * k + 1];
    if (p180 > 0.8) flipped++;
    else if (p0 > 0.8) upright++;
  }
  return flipped > upright && flipped >= pieces.length / 2;
}

/** A line as pieces of the classifier's proportions: the whole of a short one, up to PIECES_PER_LINE spread along a long one. */
function linePieces(b: TextBox): TextBox[] {
  const pieceWidth = Math.round(((b.y1 - b.y0) * CLS_WIDTH) / CLS_HEIGHT);
  const width = b.x1 - b.x0;
  if (width <= pieceWidth) return [b];
  const count = Math.min(PIECES_PER_LINE, Math.floor(width / pieceWidth));
  const step = count > 1 ? (width - pieceWidth) / (count - 1) : 0;
  return Array.from({ length: count }, (_, k) => {
    const x0 = Math.round(b.x0 + k * step);
    return { ...b, x0, x1: x0 + pieceWidth };
  });
}
