import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../schemas/finding.js';
import { scanPdf, type ScanOptions } from '../fixtures/producers/scan.js';
import { OCR_SURE_CONFIDENCE } from '../../src/recognize/facts.js';
import { squeeze, tables } from '../pdf/helpers.js';
import { once } from '../support/memo.js';
import { forms, matchFindings, pipeline } from './helpers.js';

/**
 * Figures the recogniser reads right but unsurely, so a finding resting on them fell to a note:
 * a lone "0" in a 预算数 cell of a phone photo (0.69–0.84), the thousands comma of "215,457.6" on a
 * phone photo (0.87), the decimal point of "89.974" at 100 dpi (0.89). A second reading that agrees
 * — the drawn digit (lone-glyph.ts), the number's grouping (number-shape.ts), a point-shaped blob on
 * the baseline between the digits (decimal-point.ts) — makes them sure, and the findings are the
 * .docx's again, as warnings (OCR text), with the text as read.
 */
const REAL = join(import.meta.dirname, '..', 'corpus', 'real');
const corpusFile = (id: string, ext: 'pdf' | 'docx') => new Uint8Array(readFileSync(join(REAL, id, `${id}.${ext}`)));
const stated = (fs: readonly Finding[]) => fs.filter((f) => f.severity !== 'info');
const describeFinding = (f: Finding) => `${f.rule} ${JSON.stringify(f.values)}`;

// Two tests look at one phone photo's reading: each .docx and each scan is read once in this file.
const docxRun = once((id: string) => pipeline(corpusFile(id, 'docx'), `${id}.docx`));
const scanRun = once((id: string, options: ScanOptions) => pipeline(scanPdf(corpusFile(id, 'pdf'), options), `${id}-scan.pdf`));

async function versusDocx(id: string, options: ScanOptions) {
  const [docx, scan] = [await docxRun(id), await scanRun(id, options)];
  const m = matchFindings(stated(docx.findings), stated(scan.findings));
  expect(stated(docx.findings).length).toBeGreaterThan(0);
  expect(m.missed.map(describeFinding)).toEqual([]);
  expect(m.extra.map(describeFinding)).toEqual([]);
  expect(scan.findings.filter((f) => f.severity === 'error').map((f) => f.message)).toEqual([]);
  return scan;
}

/** Evidence of the scan's findings: the text as read, from OCR, surely. */
function expectSureOcrEvidence(findings: readonly Finding[], text: string): void {
  const evidence = stated(findings).flatMap((f) => f.evidence).filter((e) => e.text === text);
  expect(evidence.length).toBeGreaterThan(0);
  for (const e of evidence) {
    expect(e.location.textSource).toBe('ocr');
    expect(e.location.uncertain).toBeFalsy();
  }
}

describe('figures read right but unsurely, confirmed by a second reading', () => {
  it('a phone photo: lone "0" budget cells (安徽 项目支出绩效自评表)', async () => {
    const scan = await versusDocx('ah-guichi-tangxi-2022', { mode: 'color-jpeg', dpi: 150, photo: true });
    expectSureOcrEvidence(scan.findings, '0');
  }, 180_000);

  it('a phone photo: the "≤" the blur took off the front of a target ("≤90万元" read "90万元", surely) is put back, unsure (安徽 项目总成本)', async () => {
    const [docx, scan] = [await docxRun('ah-guichi-tangxi-2022'), await versusDocx('ah-guichi-tangxi-2022', { mode: 'color-jpeg', dpi: 150, photo: true })];
    const cost = (r: typeof docx.report) => [...forms(r)].flatMap(([, rows]) => rows).find((i) => i.level3.includes('项目总成本'))?.target;
    expect(squeeze(cost(docx.report)?.text ?? '')).toBe('≤90万元');
    expect(squeeze(cost(scan.report)?.text ?? '')).toBe('≤90万元');
    // Put back from a small blurred glyph's shape and place: what rests on it is a note at most.
    expect(cost(scan.report)?.loc.uncertain).toBe(true);
  }, 180_000);

  it('a phone photo: the thousands comma of "215,457.6" is kept in the text and does not make it unsure (上海)', async () => {
    const scan = await versusDocx('sh-putuo-tiyu-2022', { mode: 'color-jpeg', dpi: 150, photo: true });
    expectSureOcrEvidence(scan.findings, '215,457.6');
  }, 180_000);

  it('a 100 dpi scan: the decimal point of "89.974" seen in the ink (安徽)', async () => {
    const scan = await versusDocx('ah-guichi-tangxi-2022', { mode: 'gray-jpeg', dpi: 100 });
    expectSureOcrEvidence(scan.findings, '89.974');
  }, 180_000);
});

describe('a phone photo with no handwriting on it (上海 财政项目支出绩效自评表)', () => {
  it('finds no pen stroke in a run of digits whose tops and feet blur into ruling-like lines: each "250000.00" is read surely', async () => {
    const scan = await versusDocx('sh-putuo-tiyu-2022', { mode: 'color-jpeg', dpi: 150, photo: true });
    // A stroke found there would cap the number beside it at 0.5 (ocr-page.ts besideStrokes).
    const cells = tables(scan.document).flatMap((t) => t.cells).filter((c) => squeeze(c.text) === '250000.00');
    expect(cells.length).toBeGreaterThanOrEqual(4);
    for (const c of cells) expect(c.confidence ?? 1, `(${c.row},${c.col})`).toBeGreaterThanOrEqual(OCR_SURE_CONFIDENCE);
  }, 180_000);
});
