import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../schemas/finding.js';
import { scanPdf } from '../fixtures/producers/scan.js';
import { matchFindings, pipeline } from './helpers.js';

/**
 * A cell's number read with a space after it: the recogniser read the total "90" of a real Hubei
 * 项目支出绩效自评表 (test/corpus/real, scanned as greyscale JPEG at 200 dpi) as "90 " with the two
 * digits sure and the trailing space at 0.57. The space is trimmed from the text, and it no longer
 * makes the number unsure: the total-score finding of the .docx (总分 90 against parts summing to
 * 96) was only a note on the scan; it is a finding again, and the scan adds none of its own.
 */
const REAL = join(import.meta.dirname, '..', 'corpus', 'real');
const notInfo = (fs: Finding[]) => fs.filter((f) => f.severity !== 'info');

describe('a number read with a space at its end (Hubei, scanned)', () => {
  it('is as sure as its digits: the .docx findings, none missing, none added', async () => {
    const id = 'hb-ezhou-czj-2019';
    const docx = await pipeline(new Uint8Array(readFileSync(join(REAL, id, `${id}.docx`))), 'hb.docx');
    const scanned = await pipeline(scanPdf(new Uint8Array(readFileSync(join(REAL, id, `${id}.pdf`))), { mode: 'gray-jpeg' }), 'hb-scan.pdf');
    const { missed, extra } = matchFindings(notInfo(docx.findings), notInfo(scanned.findings));
    expect(notInfo(docx.findings).some((f) => f.rule === 'total-score')).toBe(true);
    expect(missed.map((f) => f.message)).toEqual([]);
    expect(extra.map((f) => f.message)).toEqual([]);
  }, 120_000);
});
