import { describe, expect, it } from 'vitest';
import { grayImage, type GrayImage } from '../../parsers/ocr/image.js';
import { findRasterRulings } from '../../parsers/ocr/raster-rulings.js';

/** 200 dpi: 1 pt = 2.78 px. The options the OCR page reader uses at that resolution. */
const OPTIONS = { threshold: 128, minLength: 56, maxGap: 4, maxThickness: 7, maxBreak: 22 };

function dot(img: GrayImage, x: number, y: number, v = 0): void {
  if (x >= 0 && y >= 0 && x < img.width && y < img.height) img.data[Math.round(y) * img.width + Math.round(x)] = v;
}

describe('ruling lines found in a page image', () => {
  it('follows a slightly slanted, broken line and bridges a seal-sized break', () => {
    const img = grayImage(1000, 400);
    // Horizontal line at y≈100, falling 3 px over its length, 2 px thick, toner gaps of 3 px,
    // and a 15 px break (a seal's ring lifted out) in the middle.
    for (let x = 50; x < 950; x++) {
      if (x % 97 < 3 || (x >= 500 && x < 515)) continue;
      const y = 100 + (3 * (x - 50)) / 900;
      dot(img, x, y);
      dot(img, x, y + 1);
    }
    // Vertical line at x = 300 from y 60 to 360.
    for (let y = 60; y < 360; y++) dot(img, 300, y), dot(img, 301, y);
    const r = findRasterRulings(img, OPTIONS);
    expect(r.horizontal).toHaveLength(1);
    expect(r.horizontal[0].pos).toBeGreaterThan(100);
    expect(r.horizontal[0].pos).toBeLessThan(104);
    expect(r.horizontal[0].from).toBeLessThanOrEqual(51);
    expect(r.horizontal[0].to).toBeGreaterThanOrEqual(948);
    expect(r.vertical).toHaveLength(1);
    expect(r.vertical[0].pos).toBeCloseTo(301, 0);
    // The ruling pixels are marked for erasing before text is read.
    expect(r.mask[100 * 1000 + 200] || r.mask[101 * 1000 + 200]).toBe(1);
  });

  it('a seal ring and glyph strokes are not rulings', () => {
    const img = grayImage(800, 800);
    // Ring of radius 150, 9 px thick (a 42 mm seal at 200 dpi has a ~1.2 mm ring).
    for (let a = 0; a < 2 * Math.PI; a += 0.0015) {
      for (let t = 0; t < 9; t++) dot(img, 400 + (150 - t) * Math.cos(a), 400 + (150 - t) * Math.sin(a));
    }
    // A row of short glyph strokes (一 一 一), each 30 px.
    for (let k = 0; k < 8; k++) for (let x = 0; x < 30; x++) dot(img, 50 + k * 36 + x, 700);
    const r = findRasterRulings(img, OPTIONS);
    expect(r.horizontal).toEqual([]);
    expect(r.vertical).toEqual([]);
  });
});
