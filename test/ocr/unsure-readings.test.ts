import { describe, expect, it } from 'vitest';
import { docxToPdf, randomReportSpec, toFamily, writeDocx } from '../fixtures/generator/index.js';
import { scanPdf } from '../fixtures/producers/scan.js';
import { forms, pipeline } from './helpers.js';

/**
 * A greyscale scan (200 dpi JPEG) of a generated sichuan-family report, its first page: a project
 * form whose targets are written "≥ 362". Our OCR reads some "≥" as "2" ("≥362" → "2362", at a
 * confidence of about 0.75), and the indicator then looked unmet at full marks — false warnings.
 * A value read that unsurely is marked `uncertain` in its location, and a finding resting on it is
 * only a note (info) saying so; the findings the scan states as warnings or errors are the .docx's.
 * A "≥" alone in its 指标性质 cell is read as N, M or 2 by itself, and read again beside the number
 * of the next cell, where the model knows it (parsers/ocr/lone-glyph.ts).
 */
const key = (f: { rule: string; values: unknown[] }) => `${f.rule} ${JSON.stringify(f.values)}`;

describe('findings resting on unsure OCR readings', () => {
  it('are notes, never warnings; every warning of the scan is a finding of the .docx', async () => {
    const spec = toFamily(randomReportSpec('pl-2', { projects: 5 }), 'sichuan');
    const docxBytes = writeDocx(spec);
    const docx = await pipeline(docxBytes, 'unsure.docx');
    const scan = await pipeline(scanPdf(await docxToPdf(docxBytes), { mode: 'gray-jpeg', pages: [1, 1] }), 'unsure-scan.pdf');
    const inDocx = new Set(docx.findings.map(key));
    const extra = scan.findings.filter((f) => f.severity !== 'info' && !inDocx.has(key(f)));
    expect(extra.map((f) => `${f.severity} ${f.message}`)).toEqual([]);
    // Lone comparators: most read as the .docx has them, none as another comparator.
    const natures = new Map<string, string>();
    for (const [part, rows] of forms(docx.report)) for (const i of rows) natures.set(`${part}|${i.level3}`, i.nature?.text.trim() ?? '');
    const read = [...forms(scan.report)].flatMap(([part, rows]) => rows.map((i) => ({ want: natures.get(`${part}|${i.level3}`), got: i.nature?.text.trim() ?? '' }))).filter((x) => x.want === '≥');
    expect(read.length).toBeGreaterThan(3);
    expect(read.filter((x) => x.got === '≥').length).toBeGreaterThanOrEqual(read.length / 2);
    expect(read.filter((x) => /[≤<＜=]/u.test(x.got))).toEqual([]);
    for (const f of scan.findings.filter((x) => x.evidence.some((e) => e.location.uncertain))) {
      expect(f.severity).toBe('info');
      expect(f.message).toContain('OCR 识别不确定');
    }
  }, 120_000);
});
