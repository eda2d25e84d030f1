import type { PdfTextItem } from './text-runs.js';

/**
 * Watermark text (水印): "内部资料 注意保密", a unit's name or a date laid across the page at a
 * slant (Word's 水印, Acrobat's "添加水印", an OA system's tiled name), often in a Form XObject or
 * /Artifact marked content that pdf.js returns like any other text. A report's own text runs along
 * the page or at a right angle to it (rotation.ts); text at a slant is never a cell's or a
 * paragraph's, so it is set aside before the page's direction is judged and before layout. Nothing
 * is said of it: like a page footer, it is not the report's content.
 */

/** Degrees off the nearest right angle past which a text item is slanted. */
const SLANT_DEGREES = 8;

/** Whether a pdf.js text item's direction is off every right angle by more than SLANT_DEGREES. */
export function slanted(transform: readonly number[]): boolean {
  const [a, b] = transform;
  // Level or upright (either zero: a multiple of 90°) — nearly every item; no trigonometry for them.
  if (a === 0 || b === 0) return false;
  const degrees = Math.abs((Math.atan2(b, a) * 180) / Math.PI) % 90;
  return Math.min(degrees, 90 - degrees) > SLANT_DEGREES;
}

/** The page's text items without slanted ones. */
export function withoutWatermark(items: readonly unknown[]): unknown[] {
  return items.filter((raw) => {
    const item = raw as Partial<PdfTextItem>;
    return !(typeof item.str === 'string' && item.transform && slanted(item.transform));
  });
}
