import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocx } from '../../parsers/docx.js';
import { parsePdf } from '../../parsers/pdf.js';
import { openPdf } from '../../parsers/pdf/open.js';
import { withDrawnSpaces } from '../../parsers/pdf/glyph-spaces.js';
import { toTextRuns, type Matrix, type Untidy } from '../../parsers/pdf/text-runs.js';
import type { DocumentModel } from '../../schemas/document.js';
import { paragraphs } from './helpers.js';

/**
 * Spaces between Chinese words that the producer drew (glyph-spaces.ts) against the gaps pdf.js reads
 * as spaces. 旺苍's 转移支付 form (corpus sc-wangcang-jiyao-2021) is published as lines of text whose
 * cells are set apart by spaces; LibreOffice draws each as the font's space glyph (0.22 em) inside the
 * line's Tj, and pdf.js turns it and its own autospacing gaps (0.2 em, "指标 2") into the same " ".
 * Before, every one between CJK characters was taken out: the indicator line read as one cell and its
 * indicator was missed (corpus facts 3639/3640).
 */
const corpus = (id: string, ext: string) => new Uint8Array(readFileSync(join(import.meta.dirname, '..', 'corpus', 'real', id, `${id}.${ext}`)));
const containing = (model: DocumentModel, word: string) => paragraphs(model).filter((t) => t.includes(word));

describe('spaces drawn between Chinese words are kept, pdf.js’s gaps are not', () => {
  it('旺苍: the indicator line keeps its drawn spaces and reads as the .docx’s paragraph', async () => {
    const pdf = await parsePdf(corpus('sc-wangcang-jiyao-2021', 'pdf'));
    const docx = parseDocx(corpus('sc-wangcang-jiyao-2021', 'docx'));
    const line = containing(docx, '村卫生室实施国家基本药物制度');
    expect(line).toEqual(['指标2:村卫生室实施国家基本药物制度 实施基本药物制度补助村卫生室352个。 本年度已完成352个村卫生室基药补助的实施。']);
    // "指标 2", "352 个": LibreOffice's autospacing, gaps between Tj operations — not spaces.
    expect(containing(pdf, '村卫生室实施国家基本药物制度')).toEqual(line);
  }, 60_000);

  it('the same page’s runs tidied without the operator list lose the cut', async () => {
    const pdf = await openPdf(corpus('sc-wangcang-jiyao-2021', 'pdf'));
    try {
      const page = await pdf.getPage(1);
      const items = (await page.getTextContent()).items;
      const viewport = page.getViewport({ scale: 1 }).transform as Matrix;
      const untidy: Untidy = new Map();
      const runs = toTextRuns(items, viewport, untidy);
      const tidied = runs.map((r) => r.str);
      const kept = withDrawnSpaces(runs, untidy, await page.getOperatorList()).map((r) => r.str);
      expect(kept).toContain('村卫生室实施国家基本药物制度 实施基本药物制度补助村卫生室');
      expect(tidied).toContain('村卫生室实施国家基本药物制度实施基本药物制度补助村卫生室');
      // Every other run reads the same either way, or keeps a space the font drew.
      expect(kept.length).toBe(tidied.length);
      kept.forEach((s, k) => expect(s.replace(/ /gu, '')).toBe(tidied[k].replace(/ /gu, '')));
    } finally {
      await pdf.destroy();
    }
  }, 60_000);

  it('青神: a justified line whose gaps pdf.js reads as spaces is still joined (nothing drawn there)', async () => {
    const pdf = await parsePdf(corpus('sc-qingshen-fgj-2023', 'pdf'));
    const texts = pdf.blocks.flatMap((b) => (b.kind === 'table' ? b.cells.map((c) => c.text) : [b.text]));
    expect(texts.some((t) => t.includes('未达到90%的需说明原因'))).toBe(true);
    expect(texts.some((t) => /的 需|需 说/u.test(t))).toBe(false);
  }, 60_000);
});
