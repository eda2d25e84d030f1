import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { Workbook, DEFAULT_XLSX_LIMITS, type SheetGrid } from '../../parsers/xlsx/workbook.js';
import { formatNumber, formatGeneral } from '../../parsers/xlsx/number-format.js';
import { zipPackage } from '../fixtures/generator/zip-package.js';
import { InputError } from '../../src/errors.js';
import { ZipPackage } from '../../parsers/zip.js';

/**
 * The .xlsx reader of parsers/xlsx: displayed text per number format (decimal rounding, never binary
 * noise), merges, hidden rows and columns, shared and inline strings, cached formula values, the
 * active sheet, and the limits a crafted workbook meets.
 */

const text = (g: SheetGrid | null) => g?.grid.map((row) => row.map((i) => g.cells[i].text));
const utf8 = (s: string) => new TextEncoder().encode(s);

/** A workbook written by hand, part by part (what exceljs would not write: inline strings, phonetic runs, lying dimensions). */
function handWorkbook(sheetXml: string, extra: Array<[string, string]> = []): Uint8Array {
  const parts: Array<[string, string]> = [
    ['[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
    ['_rels/.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'],
    ['xl/workbook.xml', '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>'],
    [
      'xl/_rels/workbook.xml.rels',
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
    ],
    ['xl/worksheets/sheet1.xml', sheetXml],
    ...extra,
  ];
  return zipPackage(parts.map(([n, s]) => [n, utf8(s)]));
}

const SHEET = (data: string, after = '') => `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${data}</sheetData>${after}</worksheet>`;

describe('displayed text of a number under its format (数字格式)', () => {
  it('money is decimal: binary noise never printed, 2.675 rounds as Excel rounds it, thousands grouped', () => {
    expect(formatNumber(334.73000000000002, '0.00')).toBe('334.73');
    expect(formatNumber(0.1 + 0.2, '0.00')).toBe('0.30');
    expect(formatNumber(0.1 + 0.2, 'General')).toBe('0.3');
    expect(formatNumber(2.675, '0.00')).toBe('2.68'); // the double is 2.67499999…; Excel shows 2.68
    expect(formatNumber(1234567.891, '#,##0.00')).toBe('1,234,567.89');
    expect(formatNumber(-1234.5, '#,##0.00;(#,##0.00)')).toBe('(1,234.50)');
    expect(formatNumber(0, '#,##0.00;-#,##0.00;"-"')).toBe('-');
    expect(formatNumber(359.74, '0')).toBe('360');
  });

  it('percent ×100 exactly, literal text (万元, 人) kept, builtin ids', () => {
    expect(formatNumber(0.9512, '0.00%')).toBe('95.12%');
    expect(formatNumber(0.07, '0%')).toBe('7%');
    expect(formatNumber(0.955, '0.0%')).toBe('95.5%');
    expect(formatNumber(1.0000000000000002, '0%')).toBe('100%');
    expect(formatNumber(334.73000000000002, '0.00"万元"')).toBe('334.73万元');
    expect(formatNumber(61, '0"人"')).toBe('61人');
    expect(formatNumber(1234.5, '#,##0.0,"千元"')).toBe('1.2千元');
    expect(formatNumber(5, '[>=100]"大";"小"')).toBe('小');
  });

  it('dates: builtin 14 and custom 年月日 formats give the date text', () => {
    expect(formatNumber(45352, 'yyyy/m/d')).toBe('2024/3/1');
    expect(formatNumber(45352, 'yyyy"年"m"月"d"日"')).toBe('2024年3月1日');
    expect(formatNumber(45352.75, 'yyyy-mm-dd hh:mm')).toBe('2024-03-01 18:00');
    expect(formatNumber(59, 'yyyy-mm-dd')).toBe('1900-02-28');
    expect(formatNumber(61, 'yyyy-mm-dd')).toBe('1900-03-01'); // after Excel's phantom 1900-02-29
  });

  it('General keeps 15 significant digits and switches to exponent form as Excel does', () => {
    expect(formatGeneral(78089.7763)).toBe('78089.7763');
    expect(formatGeneral(123456789012)).toBe('1.23457E+11');
    expect(formatGeneral(-0.5)).toBe('-0.5');
  });
});

describe('a workbook written by Excel\'s writer (exceljs): cells as Excel shows them', () => {
  async function formWorkbook(): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').getCell('A1').value = '不是这张表';
    const ws = wb.addWorksheet('基础数据表');
    ws.getCell('A1').value = '项目';
    ws.mergeCells('B1:D1');
    ws.getCell('B1').value = '预算执行情况（万元）';
    ws.getCell('A2').value = '名称';
    ws.getCell('B2').value = '全年预算数';
    ws.getCell('C2').value = '核对';
    ws.getCell('D2').value = '执行率';
    ws.getCell('A3').value = { richText: [{ text: '工作' }, { font: { bold: true }, text: '经费' }] };
    ws.getCell('B3').value = 334.73000000000002;
    ws.getCell('B3').numFmt = '#,##0.00';
    ws.getCell('C3').value = 99999;
    ws.getCell('D3').value = 0.9997;
    ws.getCell('D3').numFmt = '0.00%';
    ws.getCell('A4').value = '合计';
    ws.getCell('B4').value = { formula: 'B3*1', result: 334.73000000000002 };
    ws.getCell('B4').numFmt = '0.00"万元"';
    ws.getCell('D4').value = new Date(Date.UTC(2024, 2, 1));
    ws.getCell('D4').numFmt = 'yyyy"年"m"月"d"日"';
    ws.getCell('A5').value = '草稿行';
    ws.getColumn(3).hidden = true;
    ws.getRow(5).hidden = true;
    wb.views = [{ x: 0, y: 0, width: 10000, height: 10000, firstSheet: 0, activeTab: 1, visibility: 'visible' }];
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it('the active sheet; merged header cells span; the hidden column and row are left out; formats shown', async () => {
    const wb = new Workbook(await formWorkbook());
    expect(wb.sheets.map((s) => s.name)).toEqual(['说明', '基础数据表']);
    expect(wb.activeSheet).toBe(1);
    const g = wb.readSheet(wb.activeSheet)!;
    expect(g.range).toBe('A1:D5');
    expect(g.cols).toEqual(['A', 'B', 'D']);
    expect(g.rows).toEqual([1, 2, 3, 4]);
    expect(text(g)).toEqual([
      ['项目', '预算执行情况（万元）', '预算执行情况（万元）'],
      ['名称', '全年预算数', '执行率'],
      ['工作经费', '334.73', '99.97%'],
      ['合计', '334.73万元', '2024年3月1日'],
    ]);
    // The merge B1:D1 spans three sheet columns, two of them visible.
    expect(g.cells.find((c) => c.text === '预算执行情况（万元）')).toMatchObject({ row: 0, col: 1, rowSpan: 1, colSpan: 2 });
  });
});

describe('markup exceljs does not write', () => {
  it('inline strings, phonetic guides left out, cached formula values, booleans and errors; cells without r', () => {
    const strings =
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>项目支出</t><rPh sb="0" eb="2"><t>xiangmu</t></rPh></si>' +
      '<si><r><t>绩效</t></r><r><rPr><b/></rPr><t xml:space="preserve">自评 </t></r></si></sst>';
    const styles = '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="176" formatCode="0.00_ "/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="176"/><xf numFmtId="10"/></cellXfs></styleSheet>';
    const sheet = SHEET(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is>\n <r>\n <rPr><b/></rPr>\n <t>内</t>\n </r>\n <r>\n <t>联</t></r></is></c></row>' +
        '<row r="2"><c r="A2" s="1"><f>SUM(A3:A4)</f><v>359.74000000000001</v></c><c s="2"><v>0.1</v></c><c t="b"><v>1</v></c><c t="e"><v>#DIV/0!</v></c></row>',
    );
    const g = new Workbook(handWorkbook(sheet, [['xl/sharedStrings.xml', strings], ['xl/styles.xml', styles]])).readSheet(0);
    expect(text(g)).toEqual([
      ['项目支出', '绩效自评', '内联', ''],
      ['359.74', '10.00%', 'TRUE', '#DIV/0!'],
    ]);
  });

  it('a crafted <dimension> (A1:XFD1048576) is not trusted: the used range is what holds something', () => {
    const g = new Workbook(handWorkbook(SHEET('<row r="3"><c r="B3" t="inlineStr"><is><t>只有一格</t></is></c></row>').replace('<sheetData>', '<dimension ref="A1:XFD1048576"/><sheetData>'))).readSheet(0);
    expect(g).toMatchObject({ range: 'B3:B3', nRows: 1, nCols: 1 });
  });

  it('a used range too large, too many cells, a merge over the whole sheet: LIMIT_EXCEEDED naming the sheet and the reason', () => {
    const far = SHEET('<row r="1"><c r="A1" t="inlineStr"><is><t>表</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>');
    expect(() => new Workbook(handWorkbook(far)).readSheet(0)).toThrow(/工作表“表1”的已用区域 1048576 行 × 16384 列，超过上限/u);
    const merged = SHEET('<row r="1"><c r="A1" t="inlineStr"><is><t>表</t></is></c></row>', '<mergeCells><mergeCell ref="A1:Z200000"/></mergeCells>');
    expect(() => new Workbook(handWorkbook(merged)).readSheet(0)).toThrow(/超过上限/u);
    const many = SHEET(Array.from({ length: 200 }, (_, r) => `<row r="${r + 1}">${'<c><v>1</v></c>'.repeat(60)}</row>`).join(''));
    expect(() => new Workbook(handWorkbook(many), { ...DEFAULT_XLSX_LIMITS, maxCells: 10_000 }).readSheet(0)).toThrow(/xl\/worksheets\/sheet1\.xml 的单元格超过 10000 个/u);
  });

  it('a DOCTYPE (entity expansion) is refused, naming the part', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>${SHEET('<row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row>')}`;
    const error = (() => {
      try {
        new Workbook(handWorkbook(bomb)).readSheet(0);
      } catch (e) {
        return e as InputError;
      }
      return null;
    })();
    expect(error?.code).toBe('CORRUPT_FILE');
    expect(error?.message).toMatch(/^xl\/worksheets\/sheet1\.xml 无法解析：含有 DOCTYPE 声明/u);
  });

  it('a zip bomb: a sheet part that inflates past the entry limit is refused before inflating', () => {
    const huge = new Uint8Array(80 * 1024 * 1024).fill(0x20);
    const bytes = handWorkbook(SHEET(''));
    // Replace the sheet by 80 MB of blanks (80 KB deflated): the declared size is checked first.
    const packed = zipPackage([
      ...(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels'] as const).map((n): [string, Uint8Array] => [n, partOf(bytes, n)]),
      ['xl/worksheets/sheet1.xml', huge],
    ]);
    expect(deflateRawSync(huge, { level: 1 }).length).toBeLessThan(1024 * 1024);
    expect(() => new Workbook(packed)).toThrow(/xl\/worksheets\/sheet1\.xml 解压后 83886080 字节，超过上限/u);
  });
});

function partOf(zip: Uint8Array, name: string): Uint8Array {
  return new ZipPackage(zip).read(name)!;
}
