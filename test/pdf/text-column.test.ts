import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxToPdf, layoutDocument, randomReportSpec, seedSpec, writeDocx } from '../fixtures/generator/index.js';
import { chromiumPdf } from '../fixtures/producers/chromium.js';
import { reportHtml } from '../fixtures/producers/html.js';
import { matchFindings, pipeline } from '../ocr/helpers.js';
import { parsePdf } from '../../parsers/pdf.js';
import { parseDocx } from '../../parsers/docx.js';
import { paragraphs, sample, squeeze } from './helpers.js';

/**
 * Paragraphs of a PDF are rebuilt from lines: a line that runs into the right edge of the text
 * column continues on the next. The edge must be the column's, not the end of sentences a report
 * repeats (every project's report has "全年共开展专项检查N次，下发整改通知书N份，督促整改到位。" on
 * one line): measured on the edge itself, those one-line paragraphs were joined into one, and
 * figures of different projects' paragraphs were taken for copies of one another (69 false errors
 * on the 20-project report).
 */
const key = (f: { rule: string; values: unknown[] }) => `${f.rule} ${JSON.stringify(f.values)}`;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'selfeval-text-column-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a report of 20 projects whose reports repeat one-line sentences (LibreOffice PDF)', () => {
  let docx: Awaited<ReturnType<typeof pipeline>>;
  let pdf: Awaited<ReturnType<typeof pipeline>>;
  beforeAll(async () => {
    const bytes = writeDocx(randomReportSpec('bench-20', { projects: 20, narrativeParagraphs: 8 }));
    docx = await pipeline(bytes, 'twenty.docx');
    pdf = await pipeline(await docxToPdf(bytes), 'twenty.pdf');
  }, 240_000);

  it('keeps each one-line paragraph a paragraph of its own', () => {
    const docxParagraphs = paragraphs(docx.document).filter((p) => /专项检查\d+次/.test(p));
    const pdfParagraphs = paragraphs(pdf.document).filter((p) => /专项检查\d+次/.test(p));
    expect(docxParagraphs.length).toBeGreaterThanOrEqual(10);
    expect(pdfParagraphs).toEqual(docxParagraphs);
  });

  it('gives the findings of the .docx (rule and values)', () => {
    const m = matchFindings(docx.findings, pdf.findings);
    expect(m.extra.map(key)).toEqual([]);
    expect(m.missed.map(key)).toEqual([]);
  });
});

describe('pages of two sizes in one file (portrait narrative, landscape forms)', () => {
  it('measures the column on pages of each size: the portrait pages read as they do alone', async () => {
    const portrait = sample('seed.pdf');
    const landscape = chromiumPdf(reportHtml(layoutDocument(seedSpec()), { landscape: true }));
    const [a, b, both] = ['portrait.pdf', 'landscape.pdf', 'both.pdf'].map((n) => join(dir, n));
    writeFileSync(a, portrait);
    writeFileSync(b, landscape);
    execFileSync('qpdf', ['--empty', '--pages', a, b, '--', both]);
    const alone = await parsePdf(portrait, { maxOcrPages: 0 });
    const mixed = await parsePdf(new Uint8Array(readFileSync(both)), { maxOcrPages: 0 });
    const portraitPages = alone.pages ?? 0;
    const onPortrait = (m: typeof mixed) => m.blocks.filter((x) => x.kind === 'paragraph' && (x.page ?? 0) <= portraitPages).map((x) => (x.kind === 'paragraph' ? x.text : ''));
    expect(onPortrait(mixed).slice(0, -1)).toEqual(onPortrait(alone).slice(0, -1));
    expect(onPortrait(alone).length).toBeGreaterThan(100);
  }, 240_000);
});

describe('published reports (corpus) printed by LibreOffice: the paragraphs of the .docx', () => {
  // Ragged-right text (lines end up to two characters short when line breaking keeps "施，" or
  // "（川" together), numbered items after a sentence end, and centred titles wrapped over two lines;
  // gd-suixi annotates 險(xiǎn): its tone letters come from a fallback font, drawn into blanks the
  // main font's run left ("(xi n)" + "ǎ"), and are neither glyph soup nor dropped.
  const CORPUS = join(import.meta.dirname, '..', 'corpus', 'real');
  for (const id of ['ah-jinghu-canlian-2023', 'hi-qiongzhong-wanling-2025', 'js-yangzhou-fgw-2019', 'hi-xiuying-shuiwu-2022', 'yn-tengchong-muchai-2019', 'ha-xiping-minzu-2022', 'gd-suixi-shuiku-2022']) {
    it(id, async () => {
      const read = (ext: string) => new Uint8Array(readFileSync(join(CORPUS, id, `${id}.${ext}`)));
      const fromDocx = paragraphs(parseDocx(read('docx'))).map(squeeze).filter(Boolean);
      const fromPdf = new Set(paragraphs(await parsePdf(read('pdf'), { maxOcrPages: 0 })).map(squeeze));
      expect(fromDocx.filter((p) => !fromPdf.has(p))).toEqual([]);
    }, 60_000);
  }
});
