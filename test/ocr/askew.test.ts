import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../schemas/finding.js';
import { dewarp } from '../../parsers/ocr/dewarp.js';
import { grayImage, type GrayImage } from '../../parsers/ocr/image.js';
import { scanPdf } from '../fixtures/producers/scan.js';
import { forms, matchFindings, pipeline } from './helpers.js';

/**
 * A page fed in crooked (2.5°, more than test/ocr/scan.test.ts's 1.5°): straightened, its rulings
 * keep a ragged grey edge — the steps of the tilted line, turned back — which must go with them, or
 * the recogniser reads it beside a cell's figures ("10 1", "分“值"). A real report (云南 公开14表,
 * test/corpus/real) against its .docx.
 */
const REAL = join(import.meta.dirname, '..', 'corpus', 'real');
const corpusFile = (id: string, ext: 'pdf' | 'docx') => new Uint8Array(readFileSync(join(REAL, id, `${id}.${ext}`)));
const notInfo = (fs: readonly Finding[]) => fs.filter((f) => f.severity !== 'info');

describe('a page scanned 2.5° askew', () => {
  it('states the findings of the .docx, its weights read without a ruling\'s edge beside them', async () => {
    const id = 'yn-yongde-mingliang-2022';
    const docx = await pipeline(corpusFile(id, 'docx'), `${id}.docx`);
    const scan = await pipeline(scanPdf(corpusFile(id, 'pdf'), { mode: 'gray-jpeg', skewDeg: 2.5 }), `${id}-scan.pdf`);
    const m = matchFindings(notInfo(docx.findings), notInfo(scan.findings));
    expect(m.missed.map((f) => f.message)).toEqual([]);
    expect(m.extra.map((f) => f.message)).toEqual([]);
    const weights = (report: typeof docx.report) => [...forms(report).values()].flat().map((i) => i.weight?.text.trim() ?? '');
    expect(weights(scan.report)).toEqual(weights(docx.report));
  }, 300_000);
});

/**
 * A table as a bound book's page shows it when copied open: within 260 px of the spine (the left
 * edge) each row is drawn towards the page's middle by 6%·t² of its distance from it (t: 0 at the
 * zone's inner edge, 1 at the spine), as test/fixtures/producers/scan.ts bookFold draws it.
 */
function foldedTable(bent: boolean): GrayImage {
  const W = 1200;
  const H = 900;
  const img = grayImage(W, H, 250);
  const seen = (x: number, y: number) => (bent ? H / 2 + (y - H / 2) * (1 - 0.06 * Math.max(0, (260 - x) / 260) ** 2) : y);
  for (let y = 100; y <= 800; y += 100) for (let x = 100; x <= 1100; x++) for (let d = 0; d < 3; d++) img.data[Math.round(seen(x, y) + d) * W + x] = 20;
  for (const x of [100, 600, 1100]) for (let y = Math.round(seen(x, 100)); y <= seen(x, 800) + 2; y++) for (let d = 0; d < 3; d++) img.data[y * W + x + d] = 20;
  return img;
}

/** The centre row of the ink in column x near row `near`. */
function lineAt(img: GrayImage, x: number, near: number): number {
  const rows: number[] = [];
  for (let y = near - 15; y <= near + 15; y++) if (img.data[y * img.width + x] < 128) rows.push(y);
  return rows.reduce((s, y) => s + y, 0) / rows.length;
}

describe('a page copied open from a bound book (parsers/ocr/dewarp.ts)', () => {
  it('moves the rows bent near the spine back to the height their lines keep elsewhere', () => {
    const folded = foldedTable(true);
    // Bent: the top line 7 px lower by the table's left border than across the rest of the page.
    expect(lineAt(folded, 110, 100) - lineAt(folded, 900, 100)).toBeGreaterThan(6);
    const { image, bend } = dewarp(folded, 128, 200 / 72);
    expect(bend).toBeGreaterThan(6);
    for (let y = 100; y <= 800; y += 100) expect(Math.abs(lineAt(image, 110, y) - lineAt(image, 900, y)), `line at ${y}`).toBeLessThanOrEqual(1);
  });
  it('leaves a flat page as it is', () => {
    const flat = foldedTable(false);
    expect(dewarp(flat, 128, 200 / 72)).toEqual({ image: flat, bend: 0, movedRulings: false });
  });
});
