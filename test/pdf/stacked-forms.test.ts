import { beforeAll, describe, expect, it } from 'vitest';
import { docxToPdf, layoutDocument, seedSpec, writeBlocksDocx, type LaidBlock, type LaidTable, type LaidTableBlock } from '../fixtures/generator/index.js';
import { parseDocx } from '../../parsers/docx.js';
import { parsePdf } from '../../parsers/pdf.js';
import type { TableBlock } from '../../schemas/document.js';
import { squeeze, tables } from './helpers.js';

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
