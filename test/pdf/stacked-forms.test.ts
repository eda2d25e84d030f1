import { beforeAll, describe, expect, it } from 'vitest';
import { docxToPdf, layoutDocument, seedSpec, writeBlocksDocx, type LaidBlock, type LaidTable, type LaidTableBlock } from '../fixtures/generator/index.js';
import { parseDocx } from '../../parsers/docx.js';
import { parsePdf } from '../../parsers/pdf.js';
import type { TableBlock } from '../../schemas/document.js';
import { sample, squeeze, tables } from './helpers.js';
import { touchingFormsDocx, touchingFormsPdf, unitNamedDocx } from '../fixtures/producers/touching.js';
import { groupForms } from '../../src/recognize/parts.js';
import { runPipeline } from '../../src/pipeline.js';
import type { Finding } from '../../schemas/finding.js';

/**
 * Two forms one under the other with no paragraph between them (Word, WPS, LibreOffice): printed,
 * their rulings touch and the page shows one ruled grid. Generated: the seed's 项目支出绩效自评表 of
 * two projects, each cut to its budget block and first indicator rows, written as two adjacent
 * tables of one .docx and printed by LibreOffice. The PDF must read as the .docx does: two tables.
 */

/** The first `rows` rows of a laid table, merges cut at the bottom. */
function topRows(table: LaidTable, rows: number): LaidTable {
  const cells = table.cells.filter((c) => c.row < rows).map((c) => ({ ...c, rowSpan: Math.min(c.rowSpan, rows - c.row) }));
  return { ...table, nRows: rows, cells };
}

const ROWS = 12;
let docxTables: TableBlock[];
let pdfTables: TableBlock[];

beforeAll(async () => {
  const forms = layoutDocument(seedSpec(), { producer: 'libreoffice' })
    .filter((b): b is LaidTableBlock => b.kind === 'table' && b.part.startsWith('项目支出'))
    .slice(0, 2);
  expect(forms).toHaveLength(2);
  const blocks: LaidBlock[] = forms.map((f) => ({ ...f, table: topRows(f.table, ROWS) }));
  const docx = writeBlocksDocx(blocks, { title: '项目支出绩效自评表', creator: 'selfeval' }, { producer: 'libreoffice' });
  docxTables = tables(parseDocx(docx));
  pdfTables = tables(await parsePdf(await docxToPdf(docx)));
}, 240_000);

const firstCell = (t: TableBlock) => squeeze(t.cells.find((c) => c.row === 0 && c.col === 0)?.text ?? '');
const texts = (t: TableBlock) => t.cells.map((c) => squeeze(c.text)).filter(Boolean);

describe('two forms printed touching (one ruled grid on the page)', () => {
  it('the .docx holds two tables, each opening with its 项目名称 row', () => {
    expect(docxTables).toHaveLength(2);
    for (const t of docxTables) expect(firstCell(t)).toMatch(/项目(支出)?名称/u);
  });

  it('the PDF reads two tables, cut where the second form begins, with the texts of the .docx tables', () => {
    expect(pdfTables).toHaveLength(2);
    pdfTables.forEach((t, i) => {
      expect(firstCell(t)).toMatch(/项目(支出)?名称/u);
      expect(t.nRows).toBe(docxTables[i].nRows);
      expect(texts(t)).toEqual(texts(docxTables[i]));
    });
  });

  it('each PDF table keeps its own columns: the indicator header sits in single columns', () => {
    for (const t of pdfTables) {
      const header = t.cells.filter((c) => /^[一二三]级指标$/u.test(squeeze(c.text)));
      expect(header.map((c) => c.colSpan)).toEqual([1, 1, 1]);
    }
  });
});

/** The PDF reads to the .docx's findings (warning and error), and there are findings to compare. */
async function expectSameFindings(docx: Uint8Array, pdf: Uint8Array): Promise<void> {
  const key = (f: Finding) => `${f.severity} ${f.rule} ${JSON.stringify(f.values)}`;
  const shown = async (bytes: Uint8Array, file: string) =>
    (await runPipeline({ bytes, file })).result.discrepancies.filter((f) => f.severity !== 'info').map(key).sort();
  const fromDocx = await shown(docx, 'a.docx');
  expect(fromDocx.length).toBeGreaterThan(20);
  expect(await shown(pdf, 'a.pdf')).toEqual(fromDocx);
}

/**
 * The seed with its 部门整体支出绩效自评表 and three 项目支出绩效自评表 touching (no title paragraph
 * between them), printed by LibreOffice: one form ends above another on a page whose grid continues
 * a form from the page before (no header above the cut on that page), and a form ends at a page's
 * foot with the next one's 项目名称 row first on the next page. Each must stay a form of its own.
 */
describe('the seed’s forms printed touching, across pages', () => {
  let docx: Uint8Array;
  let pdf: Uint8Array;
  beforeAll(() => {
    docx = touchingFormsDocx(sample('seed.docx'));
    pdf = touchingFormsPdf(docx);
  }, 240_000);

  it('no table of the PDF holds two forms: each 项目支出名称 row opens a table, as in the .docx', async () => {
    const opens = (ts: TableBlock[]) => ts.filter((t) => /^项目(支出)?名称$/u.test(firstCell(t))).length;
    const holdsTwo = (t: TableBlock) => t.cells.some((c) => c.row > 0 && c.col === 0 && /^(项目(支出)?名称|预算部门名称)$/u.test(squeeze(c.text)));
    const inPdf = tables(await parsePdf(pdf));
    expect(opens(tables(parseDocx(docx)))).toBe(3);
    expect(opens(inPdf)).toBe(3);
    expect(inPdf.filter(holdsTwo)).toEqual([]);
  });

  it('reads to the findings of the .docx (warning and error)', async () => {
    await expectSameFindings(docx, pdf);
  }, 120_000);
});

/**
 * The seed's 基础数据表 touching its department form, headed 单位名称 instead of 预算部门名称, and the
 * project forms under it, printed by LibreOffice: the grid is cut by the recognizer's rule of where
 * a form begins (src/recognize/form-start.ts), as Word's joined table is.
 */
describe('a 基础数据表 touching a form headed 单位名称, printed', () => {
  let docx: Uint8Array;
  let pdf: Uint8Array;
  beforeAll(() => {
    docx = touchingFormsDocx(unitNamedDocx(sample('seed.docx')), 0);
    pdf = touchingFormsPdf(docx);
  }, 240_000);

  it('groups into the forms of the .docx and reads to its findings (warning and error)', async () => {
    const shape = (d: Parameters<typeof groupForms>[0]) => groupForms(d).forms.map((f) => `${f.kind} ${f.tables.map((t) => t.nRows).join('+')}`);
    const inPdf = await parsePdf(pdf);
    expect(shape(inPdf).map((s) => s.split(' ')[0])).toEqual(['basic-data', 'dept-self-eval', 'project-self-eval', 'project-self-eval', 'project-self-eval']);
    await expectSameFindings(docx, pdf);
  }, 120_000);
});
