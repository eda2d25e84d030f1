import { beforeAll, describe, expect, it } from 'vitest';
import { matchFindings, pipeline } from '../ocr/helpers.js';
import { expectSameFindings, findingKey as key } from '../support/same-findings.js';
import { wordPdf } from '../fixtures/producers/word-pdf.js';
import { WPS_FONTS, wpsGbkPdf, type GbkFont } from '../fixtures/producers/wps-gbk.js';
import { sample } from './helpers.js';
import type { Finding } from '../../schemas/finding.js';

/**
 * The seed report as producers write it that no Debian tool imitates, written by our own writers
 * (test/fixtures/producers/pdf-writer.ts) from the LibreOffice export of the same .docx:
 * Word's "另存为 PDF" (borders as filled rectangles, CID TrueType Identity-H with ToUnicode, TJ
 * kerning, /ActualText), macOS Quartz (a glyph per Tj, no space glyphs), WPS GBK fonts with no
 * /Encoding and symbolic flags (pdf.js reads them with MacRoman), and a subset whose ToUnicode
 * sends a tenth of its glyphs into the Private Use Area. Each must give the .docx's findings, or
 * say what it could not read and not turn it into errors.
 */
type Run = Awaited<ReturnType<typeof pipeline>>;
const latin1 = (pdf: Uint8Array) => Buffer.from(pdf).toString('latin1');

let docx: Run;
beforeAll(async () => {
  docx = await pipeline(sample('seed.docx'), 'seed.docx');
}, 120_000);

describe('Word "另存为 PDF"-like', () => {
  it('borders as thin filled rectangles, Identity-H CID fonts, kerned TJ arrays, /ActualText: the .docx findings, read as vector text', async () => {
    const pdf = await wordPdf(sample('seed.pdf'));
    const text = latin1(pdf);
    expect(text).toMatch(/ re f\n/u);
    expect(text).not.toMatch(/ l S\n/u); // no stroked line anywhere
    expect(text).toContain('/Encoding /Identity-H');
    expect(text).toMatch(/\/ActualText <feff/iu);
    expect(text).toMatch(/\[<[0-9a-f]{4}> -?\d+(\.\d+)? <[0-9a-f]{4}>/u);
    const run = await pipeline(pdf, 'seed-word.pdf');
    expect(run.document.pageInfo?.every((p) => p.textSource === 'vector')).toBe(true);
    expectSameFindings(docx, run);
  }, 180_000);
});

describe('macOS Quartz-like', () => {
  it('every glyph its own Tj at an absolute position, no space glyphs: the .docx findings', async () => {
    const pdf = await wordPdf(sample('seed.pdf'), { style: 'quartz' });
    expect(latin1(pdf)).toMatch(/Tm <[0-9a-f]{4}> Tj \S+ \S+ \S+ \S+ \S+ \S+ Tm <[0-9a-f]{4}> Tj/u);
    expectSameFindings(docx, await pipeline(pdf, 'seed-quartz.pdf'));
  }, 180_000);
});

describe('GBK text in Chinese fonts with no /Encoding and symbolic flags (WPS, Foxit)', () => {
  it('decoded from the codes the strings showed (MacRoman turned byte CA into a space): the .docx findings, no page read by OCR', async () => {
    const bare = (f: GbkFont): GbkFont => ({ ...f, encoding: null, flags: 4 });
    const pdf = await wpsGbkPdf(sample('seed.pdf'), { body: bare(WPS_FONTS.body), table: bare(WPS_FONTS.table), heading: bare(WPS_FONTS.heading), latin: WPS_FONTS.latin });
    expect(latin1(pdf)).not.toMatch(/\/BaseFont \/SimSun[^>]*\/Encoding/u);
    const run = await pipeline(pdf, 'seed-wps-noenc.pdf');
    expect(run.document.pageInfo?.every((p) => p.textSource === 'vector')).toBe(true);
    expect(run.document.issues.filter((i) => i.code === 'PAGE_UNMAPPED_GLYPHS')).toEqual([]);
    // 数, 实, 事, 率, 资: characters with the byte CA
    const cells = run.document.blocks.flatMap((b) => (b.kind === 'table' ? b.cells.map((c) => c.text) : [b.text])).join('');
    for (const ch of ['数', '实', '率', '资']) expect(cells).toContain(ch);
    expectSameFindings(docx, run);
  }, 180_000);
});

describe('a ToUnicode map that sends some of a font’s glyphs into the Private Use Area', () => {
  it('states each partly broken page, marks the lost characters □ (no cell emptied, no number shortened), reads no page by OCR', async () => {
    const pdf = await wordPdf(sample('seed.pdf'), { privateUse: 0.1 });
    const run = await pipeline(pdf, 'seed-pua.pdf');
    const partly = run.document.issues.filter((i) => i.code === 'PAGE_UNMAPPED_GLYPHS' && /文字层部分损坏/u.test(i.message));
    expect(partly.length).toBeGreaterThan(5);
    expect(run.document.pageInfo?.every((p) => p.textSource === 'vector')).toBe(true);
    const texts = run.document.blocks.flatMap((b) => (b.kind === 'table' ? b.cells.map((c) => c.text) : [b.text]));
    expect(texts.filter((t) => /[\uE000-\uF8FF]/u.test(t))).toEqual([]);
    expect(texts.some((t) => t.includes('\u25A1'))).toBe(true);
    // Findings it gives beyond the .docx's: none is an error — one resting on text marked □ (a label
    // read 「□适用」 is no longer 不适用) is at most a warning that says the text layer is damaged.
    const m = matchFindings(docx.findings, run.findings);
    expect(m.extra.filter((f: Finding) => f.severity === 'error').map(key)).toEqual([]);
    const marked = run.findings.filter((f: Finding) => f.message.includes('\u25A1'));
    expect(marked.length).toBeGreaterThan(0);
    for (const f of marked) {
      expect(f.severity).not.toBe('error');
      expect(f.message).toContain('文字层部分损坏');
    }
    expect(m.found.length).toBeGreaterThan(30);
  }, 180_000);
});
