import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanPdf } from '../fixtures/producers/scan.js';
import { VARIANTS } from '../../bench/scan-corpus.js';
import { pipeline } from './helpers.js';

/**
 * One glyph read as two characters (parsers/ocr/split-glyph.ts): 湖北 鄂州's 项目支出绩效自评表 copied
 * open from a bound volume and fed in sideways. Its narrow 执行率 cell wraps "60%" as "60" over "%";
 * the "%" alone on its line was read "%c" (the "c" at 0.51, the echo of the sign's right circle), so
 * the rate was "60%c" — no number, a split-numbers warning instead of the 执行率 below 90 % finding.
 */
describe('a sign alone on its line read as the sign and an echo of it', () => {
  it('湖北 鄂州, bound page fed in sideways: 执行率 60% read as 60%, its finding as in the .docx', async () => {
    const id = 'hb-ezhou-czj-2019';
    const pdf = new Uint8Array(readFileSync(join(import.meta.dirname, '..', 'corpus', 'real', id, `${id}.pdf`)));
    const scanned = await pipeline(scanPdf(pdf, VARIANTS['book-fold-sideways']), `${id}-book-fold-sideways.pdf`);
    const rules = scanned.findings.map((f) => `${f.rule} ${JSON.stringify(f.values)}`);
    expect(rules).toContain('budget-change-reason [60,90]');
    expect(scanned.findings.filter((f) => f.rule === 'split-numbers').map((f) => f.message)).toEqual([]);
  }, 300_000);
});
