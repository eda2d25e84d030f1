import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../schemas/finding.js';
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
