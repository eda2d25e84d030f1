import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanPdf } from '../fixtures/producers/scan.js';
import { matchFindings, pipeline } from './helpers.js';

/**
 * A real report scanned at 150 dpi (a scanner's "standard" setting, and about what a phone photo
 * of an A4 page gives): body-text lines are ~27 px high, which the recogniser (48 px lines) reads
 * after a twofold blow-up. The figures must read as they do from the .docx.
 */
const REAL = join(import.meta.dirname, '..', 'corpus', 'real');
const corpusFile = (id: string, ext: 'pdf' | 'docx') => new Uint8Array(readFileSync(join(REAL, id, `${id}.${ext}`)));

describe('a 财政项目支出绩效自评表 scanned at 150 dpi (Shanghai, one page)', () => {
  it('reads the funding figures so the findings are those of the .docx, as warnings', async () => {
    const id = 'sh-putuo-tiyu-2022';
    const docx = await pipeline(corpusFile(id, 'docx'), `${id}.docx`);
    const scanned = await pipeline(scanPdf(corpusFile(id, 'pdf'), { mode: 'gray-jpeg', dpi: 150 }), `${id}-150.pdf`);
    const stated = (r: typeof docx) => r.findings.filter((f) => f.severity !== 'info');
    expect(stated(docx).length).toBeGreaterThan(0);
    const m = matchFindings(stated(docx), stated(scanned));
    expect(m.missed.map((f) => `${f.rule} ${JSON.stringify(f.values)}`)).toEqual([]);
    expect(m.extra.map((f) => `${f.rule} ${JSON.stringify(f.values)}`)).toEqual([]);
    // Findings resting on OCR text are at most warnings.
    expect(scanned.findings.filter((f) => f.severity === 'error')).toEqual([]);
  }, 120_000);
});

describe('the same form scanned at 100 dpi (a fax-quality "small file" scan): body text ~14 px high', () => {
  it('puts back a decimal point the recogniser saw but did not pick ("215,4576" → "215,457.6") and states the .docx\'s findings', async () => {
    const id = 'sh-putuo-tiyu-2022';
    const docx = await pipeline(corpusFile(id, 'docx'), `${id}.docx`);
    const scanned = await pipeline(scanPdf(corpusFile(id, 'pdf'), { mode: 'gray-jpeg', dpi: 100 }), `${id}-100.pdf`);
    const spent = (r: typeof docx) => r.report.projects.map((p) => p.budget?.rows.find((row) => row.kind === 'total')?.executed?.text.trim());
    expect(spent(scanned)).toEqual(spent(docx));
    const stated = (r: typeof docx) => r.findings.filter((f) => f.severity !== 'info');
    const m = matchFindings(stated(docx), stated(scanned));
    expect(m.missed.map((f) => `${f.rule} ${JSON.stringify(f.values)}`)).toEqual([]);
    expect(m.extra.map((f) => `${f.rule} ${JSON.stringify(f.values)}`)).toEqual([]);
    expect(scanned.findings.filter((f) => f.severity === 'error')).toEqual([]);
  }, 300_000);
});
