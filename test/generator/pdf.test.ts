import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { docxToPdf, randomReportSpec, writeDocx } from '../fixtures/generator/index.js';

/**
 * docxToPdf goes through LibreOffice (measured here: 5–18 s per conversion depending on load, the
 * first one of a process also creates its profile). One small report is converted; the second call
 * comes from the sha256 cache.
 */
const dir = mkdtempSync(join(tmpdir(), 'selfeval-gen-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('docxToPdf', () => {
  const spec = randomReportSpec(2024, { projects: 1, narrativeParagraphs: 2 });
  const docx = writeDocx(spec);

  it('converts a generated report to a PDF whose text layer carries its tables and figures', { timeout: 240_000 }, async () => {
    const pdf = await docxToPdf(docx);
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    const p = spec.projects[0];
    expect(text).toContain(`${spec.year}年度项目支出绩效自评表`);
    expect(text).toContain(p.name.replace(/\s+/g, ''));
    expect(text).toContain(p.budget[0].executed);
    expect(text).toContain(spec.deptSelfEval!.budget[0].fullYear);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThanOrEqual(4);
  });

  it('serves the same bytes from its cache the second time', { timeout: 240_000 }, async () => {
    const first = await docxToPdf(docx);
    const t0 = performance.now();
    const second = await docxToPdf(docx);
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
  });
});
