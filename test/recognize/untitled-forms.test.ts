import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocx } from '../../parsers/docx.js';
import { parsePdf } from '../../parsers/pdf.js';
import type { DocumentModel } from '../../schemas/document.js';
import type { Finding } from '../../schemas/finding.js';
import { runPipeline } from '../../src/pipeline.js';
import { groupForms } from '../../src/recognize/parts.js';
import { plantError, randomReportSpec, toFamily, writeDocx } from '../fixtures/generator/index.js';
import { joinedFormsDocx, namelessFormsDocx, touchingFormsDocx, touchingFormsPdf } from '../fixtures/producers/touching.js';

/**
 * Forms printed without their name row, one right under another form (src/recognize/form-start.ts):
 * the grid opens at 主管部门 | … | 实施单位 | … over its budget block. Where the forms touch — two
 * w:tbl with nothing between, one w:tbl (Word merges them), one ruled grid printed — a form begins
 * at that head row: the budget header below the form above's indicators (or below a 基础数据表
 * section) says so, and the head row above it goes with it. The join of a table split by its author (continuation.ts) and the PDF's
 * join across pages ask the same rule at the seam, so neither glues the form back on.
 * Each must group and read as the same forms with their titles between them.
 */
const shape = (doc: DocumentModel) => groupForms(doc).forms.map((f) => `${f.kind} ${f.tables.map((t) => t.nRows).join('+')}`);
const shown = async (bytes: Uint8Array, file: string) =>
  (await runPipeline({ bytes, file })).result.discrepancies.filter((f: Finding) => f.severity !== 'info').map((f) => `${f.severity} ${f.rule} ${JSON.stringify(f.values)}`).sort();

describe.each([
  // the seed: its 基础数据表 and department form keep their titles, the three project forms lose their name row
  { name: 'seed', docx: () => new Uint8Array(readFileSync('samples/seed.docx')), first: 2 },
  // the department form too: its grid opens at its budget header, under the 基础数据表's last section
  { name: 'seed, department form too', docx: () => new Uint8Array(readFileSync('samples/seed.docx')), first: 1 },
  // a generated mof-2020 report (项目名称 | …; 实施单位): the second and third project forms, the third with a changed rate
  { name: 'mof-2020', docx: () => writeDocx(plantError(toFamily(randomReportSpec(3, { projects: 3 }), 'mof-2020'), 'rate-changed', 7).spec), first: 1 },
])('$name: forms without a name row, touching the form above', ({ docx, first }) => {
  let titled: Uint8Array;
  let touching: Uint8Array;
  beforeAll(() => {
    titled = namelessFormsDocx(docx(), first);
    touching = touchingFormsDocx(titled, first - 1);
  });

  it('two tables touching, one table (Word) and the printed grid group as the titled forms do', async () => {
    const expected = shape(parseDocx(titled));
    expect(expected.filter((s) => s.startsWith('project-self-eval'))).toHaveLength(3);
    expect(shape(parseDocx(touching))).toEqual(expected);
    expect(shape(parseDocx(joinedFormsDocx(titled, first - 1)))).toEqual(expected);
    expect(shape(await parsePdf(touchingFormsPdf(touching)))).toEqual(expected);
  }, 120_000);

  it('read to the titled forms’ findings (warning and error), .docx and PDF', async () => {
    const expected = await shown(titled, 'a.docx');
    expect(expected.length).toBeGreaterThan(0);
    expect(await shown(touching, 'a.docx')).toEqual(expected);
    expect(await shown(touchingFormsPdf(touching), 'a.pdf')).toEqual(expected);
  }, 120_000);
});
