import { describe, expect, it } from 'vitest';
import { docxToPdf, randomReportSpec, toFamily, writeDocx } from '../fixtures/generator/index.js';
import { matchFindings, pipeline } from '../ocr/helpers.js';
import { tables } from './helpers.js';

/**
 * Every template family, with enough projects that forms break over pages at many places, printed
 * by LibreOffice: the PDF gives the findings of its .docx (rule and values). Found this way: a
 * first-level label whose group starts on the last row of a page ("成本指标" at the foot, "（20分）"
 * at the top of the next page, neither part spanning rows) was read as two labels, and the group
 * "「」标明20分" reported as a false error.
 */
const key = (f: { rule: string; values: unknown[] }) => `${f.rule} ${JSON.stringify(f.values)}`;
const FAMILIES = ['hunan', 'mof-2020', 'sichuan', 'sichuan-linkage'] as const;

describe('generated families of 12 projects, LibreOffice PDF vs .docx', () => {
  FAMILIES.forEach((family, i) => {
    it(`${family}: same findings; no weight label left as a bare parenthetical`, async () => {
      // fam-6 (sichuan) has two groups cut right after their first row
      const docx = writeDocx(toFamily(randomReportSpec(`fam-${2 * i + 2}`, { projects: 12, narrativeParagraphs: 6 }), family));
      const fromDocx = await pipeline(docx, `${family}.docx`);
      const fromPdf = await pipeline(await docxToPdf(docx), `${family}.pdf`);
      const m = matchFindings(fromDocx.findings, fromPdf.findings);
      expect(m.extra.map(key)).toEqual([]);
      expect(m.missed.map(key)).toEqual([]);
      const bare = tables(fromPdf.document).flatMap((t) => t.cells.filter((c) => /^[（(]\d+分[)）]$/u.test(c.text.trim())));
      expect(bare.map((c) => c.text)).toEqual([]);
    }, 180_000);
  });
});
