import { beforeAll, describe, expect, it } from 'vitest';
import { wordPdf } from '../fixtures/producers/word-pdf.js';
import { matchFindings, pipeline } from '../ocr/helpers.js';
import { findingKey } from '../support/same-findings.js';
import { sample } from './helpers.js';
import { layoutDocument, seedSpec } from '../fixtures/generator/index.js';
import { chromiumPdf } from '../fixtures/producers/chromium.js';
import { reportHtml } from '../fixtures/producers/html.js';
import { partialType3MapPdf } from '../fixtures/producers/rewritten.js';
import type { Finding } from '../../schemas/finding.js';

/**
 * A Word-like CID subset (glyphs numbered in order of use, Identity-H) whose ToUnicode map leaves out
 * a tenth of the table font's glyphs (test/fixtures/producers/word-pdf.ts `missingUnicode`). pdf.js
 * reads such a glyph as its bare code: glyph 101 is “e”, glyph 50 would be “2”. Before: no word of
 * it, “e训费” and “政gh购” in the cells and an error resting on a misread label (“ė适用” read as no
 * 不适用). Now, as for a map pointing into the Private Use Area: each such page is stated partly
 * broken, the lost characters are marked □, and no finding beyond the .docx's is an error.
 */
type Run = Awaited<ReturnType<typeof pipeline>>;

let docx: Run;
let run: Run;
beforeAll(async () => {
  docx = await pipeline(sample('seed.docx'), 'seed.docx');
  run = await pipeline(await wordPdf(sample('seed.pdf'), { missingUnicode: 0.1 }), 'seed-missing-unicode.pdf');
}, 180_000);

describe('glyphs a ToUnicode map left out', () => {
  it('each page with such glyphs inside words is stated partly broken; every page still read as vector text', () => {
    const partly = run.document.issues.filter((i) => i.code === 'PAGE_UNMAPPED_GLYPHS' && /文字层部分损坏/u.test(i.message));
    expect(partly.length).toBeGreaterThan(5);
    expect(run.document.pageInfo?.every((p) => p.textSource === 'vector')).toBe(true);
  });

  it('no bare glyph code reads as a letter inside Chinese text; the lost characters are marked □', () => {
    const texts = run.document.blocks.flatMap((b) => (b.kind === 'table' ? b.cells.map((c) => c.text) : [b.text]));
    expect(texts.filter((t) => /[\u4E00-\u9FFF][A-Za-z\u00A0-\u024F]+[\u4E00-\u9FFF]/u.test(t))).toEqual([]);
    expect(texts.some((t) => t.includes('\u25A1'))).toBe(true);
  });

  it('findings beyond the .docx’s are warnings that say the text layer is damaged; most of the .docx’s are found', () => {
    const m = matchFindings(docx.findings, run.findings);
    expect(m.extra.filter((f: Finding) => f.severity === 'error').map(findingKey)).toEqual([]);
    for (const f of run.findings.filter((x: Finding) => x.message.includes('\u25A1'))) {
      expect(f.severity).not.toBe('error');
      expect(f.message).toContain('文字层部分损坏');
    }
    expect(m.found.length).toBeGreaterThan(30);
  });
});

describe('Chromium’s Type 3 fonts (Skia) with a partial ToUnicode map', () => {
  it('a lost Latin-1 code inside Chinese text is marked □ on every page, whichever Type 3 font pdf.js names the run after; no false error', async () => {
    const { bytes, dropped } = await partialType3MapPdf(chromiumPdf(reportHtml(layoutDocument(seedSpec()))));
    expect(dropped.length).toBeGreaterThan(50);
    const chromium = await pipeline(bytes, 'seed-chromium-partial-map.pdf');
    const partly = chromium.document.issues.filter((i) => i.code === 'PAGE_UNMAPPED_GLYPHS' && /文字层部分损坏/u.test(i.message));
    expect(partly.length).toBeGreaterThan(10);
    const texts = chromium.document.blocks.flatMap((b) => (b.kind === 'table' ? b.cells.map((c) => c.text) : [b.text]));
    // Before: 164 paragraphs and cells with “Ã”, “å”, “¡” or a C1 control (“三Ã”å费”, “服¡□心”): the run's glyphs of other fonts were not marked. Now a few, on page 1 only, in fonts first seen numbered on a later page.
    expect(texts.filter((t) => /[\u0080-\u00B1\u00B4-\u00FF]/u.test(t)).length).toBeLessThanOrEqual(4);
    // Scores read as “□” (the map lost “4”) are no numbers: a sum that left them out is at most a warning. Before: 5 false errors (总分 100 against 96, 效益指标 30 against 26).
    const m = matchFindings(docx.findings, chromium.findings);
    expect(m.extra.filter((f: Finding) => f.severity === 'error').map(findingKey)).toEqual([]);
  }, 240_000);
});
