import { crop, inkThreshold, type GrayImage } from './image.js';
import type { RecognizedLine } from './recognize.js';

/**
 * One glyph read as two characters. A sign alone on its line — the "%" of a "60%" wrapped under
 * its figure in a narrow 执行率 cell — is blown up to the recogniser's 48 px line height with no
 * neighbour to read it by, and the model may read its right half again as a letter: "%c" (the
 * "%" at 0.93, the "c" at 0.51), and the cell's figure becomes "60%c", no number at all.
 *
 * Where a box was read as exactly two characters, one of them a Latin letter or a punctuation mark
 * read unsurely and the other read surely, and the box's ink is one unbroken run of columns (no
 * blank column between two glyphs — "10" has one between its digits, a "%" has none between its
 * circles and its stroke), the unsure one is the other's echo and is dropped. A digit or an
 * ideograph is never dropped: a lost digit changes a figure silently.
 */
export function dropEchoedGlyphs(img: GrayImage, lines: readonly RecognizedLine[]): RecognizedLine[] {
  return lines.map((line) => {
    const glyphs = line.chars.filter((c) => c.ch.trim());
    if (glyphs.length !== 2 || glyphs.length !== line.chars.length) return line;
    const [a, b] = glyphs;
    const echo = isEcho(b, a) ? b : isEcho(a, b) ? a : null;
    if (!echo || inkColumnRuns(img, line) !== 1) return line;
    const chars = line.chars.filter((c) => c !== echo);
    return { ...line, chars, text: chars.map((c) => c.ch).join(''), confidence: Math.min(...chars.map((c) => c.confidence)) };
  });
}

/** Read less surely than this: the echo; at least this sure: the glyph it echoes. */
const UNSURE = 0.9;

function isEcho(echo: RecognizedLine['chars'][number], glyph: RecognizedLine['chars'][number]): boolean {
  return echo.confidence < UNSURE && glyph.confidence >= UNSURE && /^[A-Za-z\p{P}]$/u.test(echo.ch);
}

/**
 * Runs of columns holding ink in the line's box, separated by blank columns; a run of less than
 * MIN_RUN_INK inked pixels (a speck) does not count.
 */
function inkColumnRuns(img: GrayImage, line: RecognizedLine): number {
  const { box } = line;
  const part = crop(img, box.x0, box.y0, box.x1, box.y1);
  const threshold = inkThreshold(part);
  let runs = 0;
  let ink = 0;
  for (let x = 0; x <= part.width; x++) {
    let column = 0;
    if (x < part.width) for (let y = 0; y < part.height; y++) if (part.data[y * part.width + x] < threshold) column++;
    if (column) ink += column;
    else {
      if (ink >= MIN_RUN_INK) runs++;
      ink = 0;
    }
  }
  return runs;
}

const MIN_RUN_INK = 4;
