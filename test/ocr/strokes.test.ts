import { describe, expect, it } from 'vitest';
import { grayImage, type GrayImage } from '../../parsers/ocr/image.js';
import { findRasterRulings } from '../../parsers/ocr/raster-rulings.js';
import { strokeMask } from '../../parsers/ocr/strokes.js';

/** 200 dpi: the options the OCR page reader uses at that resolution. */
const OPTIONS = { threshold: 128, minLength: 56, maxGap: 4, maxThickness: 7, maxBreak: 22 };
const GLYPH = 27;

/**
 * A table row at 200 dpi: rulings, printed glyphs (black, tone 0) in three cells, one of them a "0"
 * with thick sides and hairline top and bottom; a pen line of tone `pen` and 3 px wide running in
 * waves across two rulings and through the "0", darkening what it crosses as ink on ink does.
 */
function row(pen: number): { img: GrayImage; zero: number[]; line: number[] } {
  const W = 640;
  const H = 300;
  const img = grayImage(W, H, 250);
  const set = (x: number, y: number, v: number) => {
    const i = Math.round(y) * W + Math.round(x);
    if (x >= 0 && y >= 0 && x < W && y < H) img.data[i] = Math.round((img.data[i] * v) / 255);
  };
  for (const y of [60, 240]) for (let x = 20; x < 620; x++) set(x, y, 0);
  for (const x of [150, 300, 450]) for (let y = 60; y <= 240; y++) set(x, y, 0);
  // Print elsewhere on the page: blocks of strokes the size of glyphs.
  for (const cx of [60, 380, 530])
    for (let y = 135; y < 165; y++) for (let x = cx; x < cx + 22; x++) if ((x - cx) % 6 < 3 || (y - 135) % 8 < 2) set(x, y, 0);
  // The "0": sides 4 px thick, top and bottom 1 px of mid grey (a hairline, anti-aliased).
  const zero: number[] = [];
  for (let y = 132; y < 168; y++)
    for (let x = 212; x < 238; x++) {
      const side = (x < 216 || x >= 234) && y > 134 && y < 166;
      const hair = (y === 133 || y === 166) && x >= 214 && x < 236;
      if (side) set(x, y, 0);
      if (hair) set(x, y, 90);
      if (side || hair) zero.push(y * W + x);
    }
  // The pen: waves of 40 px amplitude from x 100 to 420, crossing the rulings at 150 and 300.
  const line = new Set<number>();
  const painted = new Set<number>();
  for (let t = 0; t <= 4000; t++) {
    const x = 100 + (320 * t) / 4000;
    const y = 150 + 40 * Math.sin((x - 100) / 14);
    // A round nib 3 px across.
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) {
        const i = Math.round(y + dy) * W + Math.round(x + dx);
        if (painted.has(i)) continue;
        painted.add(i);
        // On bare paper only: where the pen crosses a ruling or a glyph, that pixel is theirs too.
        if (img.data[i] === 250) line.add(i);
        set(x + dx, y + dy, pen);
      }
  }
  return { img, zero, line: [...line] };
}

function maskOf(img: GrayImage): Uint8Array | null {
  const rulings = findRasterRulings(img, OPTIONS);
  const clean = { ...img, data: Uint8Array.from(img.data) };
  for (let i = 0; i < clean.data.length; i++) if (rulings.mask[i]) clean.data[i] = 255;
  return strokeMask(clean, rulings, OPTIONS.threshold, GLYPH);
}

describe('a pen stroke across a cell, separated from the digit it runs through (parsers/ocr/strokes.ts)', () => {
  it('blue ballpoint in a grey scan (tone 45, lighter than toner): the stroke is erased, the digit kept', () => {
    const { img, zero, line } = row(45);
    const mask = maskOf(img);
    expect(mask).not.toBeNull();
    const erased = (is: number[]) => is.filter((i) => mask![i]).length / is.length;
    // The pen line away from the digit goes; the digit stays, hairlines included.
    const far = line.filter((i) => Math.abs((i % 640) - 225) > 30);
    expect(erased(far)).toBeGreaterThan(0.95);
    expect(erased(zero)).toBeLessThan(0.1);
  });
  it('a pen as dark as the print: the stroke is still found, and the digit goes with it', () => {
    const { img, zero } = row(0);
    const mask = maskOf(img);
    expect(mask).not.toBeNull();
    expect(zero.filter((i) => mask![i]).length / zero.length).toBeGreaterThan(0.9);
  });
});
