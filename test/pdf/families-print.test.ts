import { describe, expect, it } from 'vitest';
import { docxToPdf, randomReportSpec, toFamily, writeDocx } from '../fixtures/generator/index.js';
import { matchFindings, pipeline } from '../ocr/helpers.js';
import { tables } from './helpers.js';

/**
 * Every template family, with enough projects that forms break over pages at many places, printed
 * by LibreOffice: the PDF gives the findings of its .docx (rule and values). Found this way: a
 * first-level label whose group starts on the last row of a page ("成本指标" at the foot, "（20分）"
 * at the top of the next page, neither part spanning rows) was read as two labels, and the group
 * "「」标明20分" reported as a false error; a 合计 row at the top of a page was glued to the row above.
 */
const key = (f: { rule: string; values: unknown[] }) => `${f.rule} ${JSON.stringify(f.values)}`;
const CASES = [
  { family: 'hunan', seed: 'fam-2', projects: 12 },
  { family: 'mof-2020', seed: 'fam-4', projects: 12 },
  // two groups cut right after their first row
  { family: 'sichuan', seed: 'fam-6', projects: 12 },
  { family: 'sichuan-linkage', seed: 'fam-8', projects: 12 },
  // the 合计 row (merged over the label columns) at the top of a page after a row of full cells
  // was taken for the rest of that row: "10100", "9.0598.26"
  { family: 'sichuan', seed: 'div-6', projects: 7 },
] as const;

describe('generated families printed by LibreOffice vs their .docx', () => {
  for (const { family, seed, projects } of CASES) {
    it(`${family}, ${projects} projects (${seed}): same findings; no weight label left as a bare parenthetical`, async () => {
      const docx = writeDocx(toFamily(randomReportSpec(seed, projects === 12 ? { projects, narrativeParagraphs: 6 } : { projects }), family));
      const fromDocx = await pipeline(docx, `${family}.docx`);
      const fromPdf = await pipeline(await docxToPdf(docx), `${family}.pdf`);
      const m = matchFindings(fromDocx.findings, fromPdf.findings);
      expect(m.extra.map(key)).toEqual([]);
      expect(m.missed.map(key)).toEqual([]);
      const bare = tables(fromPdf.document).flatMap((t) => t.cells.filter((c) => /^[（(]\d+分[)）]$/u.test(c.text.trim())));
      expect(bare.map((c) => c.text)).toEqual([]);
    }, 180_000);
  }
});
