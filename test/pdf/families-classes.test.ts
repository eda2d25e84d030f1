import { describe, expect, it } from 'vitest';
import { docxToPdf, layoutDocument, seedSpec, toFamily, writeDocx, type TemplateFamily } from '../fixtures/generator/index.js';
import { chromiumPdf } from '../fixtures/producers/chromium.js';
import { reportHtml } from '../fixtures/producers/html.js';
import { landscapeOntoPortrait } from '../fixtures/producers/rotated.js';
import { wordPdf } from '../fixtures/producers/word-pdf.js';
import { matchFindings, pipeline } from '../ocr/helpers.js';
import { findingKey as key } from '../support/same-findings.js';
import { paragraphs, tables } from './helpers.js';

/**
 * Each generated template family's version of the seed printed by the producer classes of issue 13
 * (bench/producers-classes.ts --family, bench/results/producers-families-2026-12-07.json) gives the
 * findings of its .docx (warnings and errors: same rule, same values). The cases here are the
 * classes where a family diverged before the fix named in each.
 */
const family = (f: TemplateFamily) => toFamily(seedSpec(), f);
const notInfo = <T extends { severity: string }>(fs: readonly T[]) => fs.filter((f) => f.severity !== 'info');

async function sameFindings(docx: Uint8Array, pdf: Uint8Array, name: string) {
  const [fromDocx, fromPdf] = [await pipeline(docx, `${name}.docx`), await pipeline(pdf, `${name}.pdf`)];
  const m = matchFindings(notInfo(fromDocx.findings), notInfo(fromPdf.findings));
  expect({ missed: m.missed.map(key), extra: m.extra.map(key) }).toEqual({ missed: [], extra: [] });
  expect(m.found.length).toBeGreaterThan(10);
  return fromPdf;
}

describe('generated families through the producer classes: the .docx findings', () => {
  it('Sichuan laid out landscape, turned onto portrait paper with an upright page number: the number at the turned page\u2019s side is furniture, each form one table over its pages', async () => {
    // Found: "- 1 -" (set across the turned page, halfway down its right edge) stood as a paragraph
    // between a form's parts, so the form was cut at every page: 13/14 findings and 22 extra (errors).
    const spec = family('sichuan');
    const pdf = await landscapeOntoPortrait(chromiumPdf(reportHtml(layoutDocument(spec), { landscape: true })), { footer: true });
    const run = await sameFindings(writeDocx(spec), pdf, 'sichuan-rotated');
    expect(paragraphs(run.document).filter((p) => /^-\s*\d+\s*-$/u.test(p.trim()))).toEqual([]);
    expect(tables(run.document).filter((t) => t.pageEnd !== t.page).length).toBeGreaterThanOrEqual(3);
  }, 240_000);

  it('MOF 2020 printed quartz-like (a glyph per Tj, fonts not embedded, subsets numbered in order of use): a “2” its map gives at code 0x32 is no lost glyph', async () => {
    // Found: every “2” of the body font was marked □ (“□0□3年”, “□0万元”): 12/14 findings and 3 extra.
    const docx = writeDocx(family('mof-2020'));
    const run = await sameFindings(docx, await wordPdf(await docxToPdf(docx), { style: 'quartz' }), 'mof-2020-quartz');
    expect(paragraphs(run.document).filter((p) => p.includes('□'))).toEqual([]);
    expect(run.document.issues.filter((i) => i.code === 'PAGE_UNMAPPED_GLYPHS')).toEqual([]);
  }, 240_000);
});
