import type { PixelSegment } from './raster-rulings.js';
import type { RecognizedLine } from './recognize.js';

/**
 * Stroke-shaped glyphs a ruling's end reads as (an "L" where a column's ruling meets the table's bottom line, a "|" or
 * "J" for a stub): Latin letters and bars, never a digit or an ideograph.
 */
const STROKE_GLYPH = /^[A-Za-z|丨「」┌┐└┘├┤┬┴⊥]$/u;

/** How far from a vertical ruling a glyph's centre may sit, in glyph-box heights, to be that ruling's own ink. */
const ON_RULING = 0.2;

/**
 * A ruling's end left on the page after the rulings are erased (表格线残留): where a column's ruling meets the
 * table's bottom line on a phone photo, the eraser leaves the corner, and the recogniser reads it as a lone
 * "L" at 0.7–0.9 — which then joins the figure above it in the cell ("7⏎L": 内蒙古 甘其毛都's 宣传合格率 分值,
 * bench/scan-corpus.ts --set heldout --variant phone). A line of one stroke-shaped glyph whose box is centred on
 * a vertical ruling that ends within it is that ruling's ink, not text: no cell's text stands astride the line
 * between two cells.
 */
export function dropRulingRemnants(lines: readonly RecognizedLine[], verticals: readonly PixelSegment[]): RecognizedLine[] {
  return lines.filter((line) => !isRulingRemnant(line, verticals));
}

function isRulingRemnant(line: RecognizedLine, verticals: readonly PixelSegment[]): boolean {
  const text = line.text.trim();
  if (!STROKE_GLYPH.test(text)) return false;
  const { x0, x1, y0, y1 } = line.box;
  const h = y1 - y0;
  const cx = (x0 + x1) / 2;
  const endsWithin = (y: number) => y >= y0 - ON_RULING * h && y <= y1 + ON_RULING * h;
  return verticals.some((v) => Math.abs(v.pos - cx) <= ON_RULING * h && (endsWithin(v.from) || endsWithin(v.to)));
}
