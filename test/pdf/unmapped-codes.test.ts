import { beforeAll, describe, expect, it } from 'vitest';
import { wordPdf } from '../fixtures/producers/word-pdf.js';
import { matchFindings, pipeline } from '../ocr/helpers.js';
import { findingKey } from '../support/same-findings.js';
import { pdfPages, sample } from './helpers.js';
import { layoutDocument, seedSpec } from '../fixtures/generator/index.js';
import { chromiumPdf } from '../fixtures/producers/chromium.js';
import { reportHtml } from '../fixtures/producers/html.js';
import { partialType3MapPdf } from '../fixtures/producers/rewritten.js';
import type { Finding } from '../../schemas/finding.js';
import { PDFDocument } from 'pdf-lib';
import { damagedMapPdf } from '../fixtures/producers/damaged-map.js';
import { chromiumTrueTypePdf, TRUETYPE_CJK_FAMILY, trueTypeFontAvailable } from '../fixtures/producers/truetype.js';
import { parsePdf } from '../../parsers/pdf.js';
import type { DocumentModel } from '../../schemas/document.js';

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
  // Pages 1–2 of the seed's Chromium print with one mapping in seven dropped (the whole document's findings:
  // bench/producers-classes.ts chromium-partial-map, 16/30 + 16 extra warnings → 30/30, 0 extra).
  it('lost glyphs are read back — from the font’s glyph order (digits), else by their shape — and what stays unknown is marked □', async () => {
    const { bytes, dropped } = await partialType3MapPdf(chromiumPdf(reportHtml(layoutDocument(seedSpec()))));
    expect(dropped.length).toBeGreaterThan(50);
    expect(dropped).toContain('3');
    const chromium = await pipeline(await pdfPages(bytes, 1, 2), 'seed-chromium-partial-map-p1-2.pdf');
    const texts = chromium.document.blocks.flatMap((b) => (b.kind === 'table' ? b.cells.map((c) => c.text) : [b.text]));
    // Before: both pages stated partly broken, 10 paragraphs and cells with □ (“1、业务工□□费”, “汨罗y建筑工程服□□心”) or a bare-code letter.
    const partly = chromium.document.issues.filter((i) => i.code === 'PAGE_UNMAPPED_GLYPHS' && /文字层部分损坏/u.test(i.message));
    expect(partly.length).toBeLessThanOrEqual(1);
    expect(texts.filter((t) => t.includes('\u25A1')).length).toBeLessThanOrEqual(1);
    // A line whose reading disagrees anywhere (竣 read as 峻) keeps its bare letters (“检测y场”): one such cell (four on page 2 with the glyph order alone).
    expect(texts.filter((t) => /[\u4E00-\u9FFF][A-Za-z\u0080-\u024F][\u4E00-\u9FFF]/u.test(t)).length).toBeLessThanOrEqual(1);
    // “3” (glyph 0x14 between “2” and “4” in the digits' Type 3 font) is read from the glyph order: the year reads 2023 again.
    expect(texts.some((t) => t.includes('2023年度'))).toBe(true);
    // 市 lost (read as a bare “y”), 务中 lost (□□): read by shape.
    expect(texts.some((t) => t.includes('汨罗市建筑工程服务中心'))).toBe(true);
    // What was read by shape is OCR text: the cells holding it carry the recogniser's confidence.
    expect(chromium.document.blocks.some((b) => (b.kind === 'table' ? b.cells.some((c) => c.confidence !== undefined) : b.confidence !== undefined))).toBe(true);
  }, 240_000);
});

describe.runIf(trueTypeFontAvailable())('an embedded CID TrueType font (as Word and WPS write 宋体) whose ToUnicode map lost a tenth of its characters', () => {
  // The seed printed in AR PL UMing (truetype.ts), its maps damaged (damaged-map.ts); pages 2–3 of it: the
  // whole document's findings are bench/producers-classes.ts unicode-missing / unicode-pua.
  const texts = (doc: DocumentModel) => doc.blocks.flatMap((b) => (b.kind === 'table' ? b.cells.map((c) => c.text) : [b.text]));
  it('the lost glyphs are read by their shape, each once per document; none is left as a bare glyph id', async () => {
    const { bytes, damaged } = await damagedMapPdf(chromiumTrueTypePdf(reportHtml(layoutDocument(seedSpec()), { font: TRUETYPE_CJK_FAMILY })), 'missing');
    expect(damaged).toEqual(expect.arrayContaining(['得', '门', '非']));
    // Page 2 twice (the same fonts): the second copy is not rendered again, its glyphs are known.
    const source = await PDFDocument.load(bytes);
    const twice = await PDFDocument.create();
    for (const page of await twice.copyPages(source, [1, 1, 2])) twice.addPage(page);
    const rendered: number[] = [];
    const doc = await parsePdf(await twice.save(), { onRenderedOcrPage: (n) => rendered.push(n) });
    expect(rendered).not.toContain(2);
    const all = texts(doc);
    // Before: “□分” in every form's header (its score column not found), 非住宅 read as the glyph id 䣊住宅.
    expect(all.filter((t) => t === '得分').length).toBeGreaterThanOrEqual(2);
    expect(all.some((t) => t.includes('非住宅室内'))).toBe(true);
    expect(all.filter((t) => /[\u3400-\u4DBF\uFFFD]/u.test(t))).toEqual([]);
    // What was read by shape is OCR text; what was not (at most a glyph or two) is marked □ and the page said partly broken.
    expect(doc.blocks.some((b) => (b.kind === 'table' ? b.cells.some((c) => c.confidence !== undefined) : b.confidence !== undefined))).toBe(true);
    const marked = all.filter((t) => t.includes('\u25A1'));
    expect(marked.length).toBeLessThanOrEqual(2);
    for (const t of marked) expect(doc.issues.some((i) => i.code === 'PAGE_UNMAPPED_GLYPHS' && /文字层部分损坏/u.test(i.message))).toBe(true);
  }, 240_000);
});
