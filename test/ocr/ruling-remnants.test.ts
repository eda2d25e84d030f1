import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecognizedLine } from '../../parsers/ocr/recognize.js';
import { dropRulingRemnants } from '../../parsers/ocr/ruling-remnants.js';
import { scanPdf } from '../fixtures/producers/scan.js';
import { pdfPages, squeeze } from '../pdf/helpers.js';
import { forms, pipeline } from './helpers.js';

const REAL = join(import.meta.dirname, '..', 'corpus', 'real');
/** 内蒙古 甘其毛都's 项目支出绩效自评表 (one page), a report of scan30's held-out set (bench/scan-corpus.ts --set heldout). */
const ID = 'nm-ganqimaodu-ziran-2024';

const line = (text: string, x0: number, y0: number, x1: number, y1: number): RecognizedLine => ({
  box: { x0, y0, x1, y1, score: 0.9 },
  text,
  chars: [...text].map((ch, k, all) => ({ ch, confidence: 0.9, x0: x0 + ((x1 - x0) * k) / all.length, x1: x0 + ((x1 - x0) * (k + 1)) / all.length })),
  confidence: 0.9,
});

describe('a ruling’s end the eraser left, read as a letter (表格线残留)', () => {
  // The column ruling at x 923 ends on the table's bottom line at y 1147 (the phone photo's pixels, 甘其毛都 page 1).
  const verticals = [{ pos: 923, from: 785, to: 1147, thickness: 2 }];

  it('drops a lone stroke-shaped glyph centred on a vertical ruling where the ruling ends', () => {
    const remnant = line('L', 911, 1124, 933, 1150);
    expect(dropRulingRemnants([remnant], verticals)).toEqual([]);
    // The same glyph beside the ruling (a cell's own text), or on the ruling far from its end, stays.
    for (const kept of [line('L', 940, 1124, 962, 1150), line('L', 911, 900, 933, 926)]) expect(dropRulingRemnants([kept], verticals)).toEqual([kept]);
    // A digit or an ideograph is never taken for the ruling's ink, nor a line of more than one glyph.
    for (const kept of [line('1', 911, 1124, 933, 1150), line('上', 911, 1124, 933, 1150), line('LL', 900, 1124, 944, 1150)]) expect(dropRulingRemnants([kept], verticals)).toEqual([kept]);
  });

  it('甘其毛都 photographed by phone: the 分值 of 宣传合格率 reads 7, not “7⏎L” (the ruling’s corner below it read as L)', async () => {
    const page = await pdfPages(new Uint8Array(readFileSync(join(REAL, ID, `${ID}.pdf`))), 1, 1);
    const photo = await pipeline(scanPdf(page, { mode: 'color-jpeg', dpi: 150, photo: true }), `${ID}-p1-phone.pdf`);
    const indicator = [...forms(photo.report).values()].flat().find((i) => squeeze(i.level3).endsWith('宣传合格率'));
    expect(indicator?.weight.text).toBe('7');
    expect(indicator?.weight.figure?.value).toBe('7');
    expect(photo.findings.filter((f) => f.rule === 'split-numbers')).toEqual([]);
    const cells = photo.document.blocks.flatMap((b) => (b.kind === 'table' ? b.cells : []));
    expect(cells.filter((c) => /^[A-Za-z]$/u.test(c.text.trim()) || /\n[A-Za-z]$/u.test(c.text))).toEqual([]);
  }, 600_000);
});
