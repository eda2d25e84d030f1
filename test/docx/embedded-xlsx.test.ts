import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxToDoc, docxToPdf, seedSpec, writeDocx } from '../fixtures/generator/index.js';
import { plantedReport } from '../fixtures/producers/planted.js';
import { formsWorkbook, wordOleDocx } from '../fixtures/producers/word-ole.js';
import { compoundFile } from '../fixtures/compound-file.js';
import { zipPackage } from '../fixtures/generator/zip-package.js';
import { pipeline } from '../ocr/helpers.js';
import { expectSameFindings } from '../support/same-findings.js';
import { docxPastedImages, parseDocx } from '../../parsers/docx.js';
import { runPipeline } from '../../src/pipeline.js';
import type { Block, DocumentModel, TableBlock } from '../../schemas/document.js';

/**
 * Forms pasted into the Word report as Excel objects (插入 → 对象 → Microsoft Excel 工作表): each
 * embedded workbook's active sheet is read as the table in the object's place
 * (parsers/xlsx/embedded.ts), so the report gives the findings of the same report with Word tables —
 * same rule, same values — and the object's preview picture is not read a second time by OCR.
 */
type Run = Awaited<ReturnType<typeof pipeline>>;

const tables = (d: DocumentModel | Block[]) => ('blocks' in d ? d.blocks : d).filter((b): b is TableBlock => b.kind === 'table');
const cellsOf = (t: TableBlock) => t.cells.map(({ row, col, rowSpan, colSpan, text }) => ({ row, col, rowSpan, colSpan, text }));
const calcInstalled = existsSync('/usr/lib/libreoffice/program/libsclo.so');

describe('the seed report with its forms as Excel objects', () => {
  let plain: Run;
  let vmlBytes: Uint8Array;
  beforeAll(async () => {
    plain = await pipeline(writeDocx(seedSpec()), 'seed.docx');
    vmlBytes = await wordOleDocx(seedSpec(), { markup: 'vml' });
  }, 120_000);

  it('the markup is Word\'s: w:object, v:imagedata preview, o:OLEObject Excel.Sheet.12 → word/embeddings/*.xlsx related as a package', () => {
    const parts = unzipSync(vmlBytes);
    const document = new TextDecoder().decode(parts['word/document.xml']);
    expect(document).not.toContain('<w:tbl>');
    expect(document.match(/<o:OLEObject Type="Embed" ProgID="Excel\.Sheet\.12" ShapeID="_x0000_i\d+" DrawAspect="Content" ObjectID="_\d+" r:id="rIdOle\d+"\/>/gu)).toHaveLength(tables(plain.document).length);
    expect(new TextDecoder().decode(parts['word/_rels/document.xml.rels'])).toContain('relationships/package" Target="embeddings/Microsoft_Excel_Worksheet1.xlsx"');
  });

  it('every table read from its workbook cell for cell (merges, hidden working column and row left out, numbers as shown); the .docx findings', async () => {
    const run = await pipeline(vmlBytes, 'seed-ole.docx');
    expect(tables(run.document).map(cellsOf)).toEqual(tables(plain.document).map(cellsOf));
    expect(tables(run.document).map((t) => t.workbook?.part)).toEqual(tables(plain.document).map((_, i) => `word/embeddings/Microsoft_Excel_Worksheet${i + 1}.xlsx`));
    expect(tables(run.document)[0].workbook).toMatchObject({ sheet: '自评表', cols: expect.not.arrayContaining(['B']), rows: expect.not.arrayContaining([2]) });
    expect(run.document.issues).toEqual([]);
    expectSameFindings(plain, run, 30);
  }, 120_000);

  it('newer markup (w:drawing preview + w:objectEmbed), each object inline after its title: the same findings; the PNG previews are not OCR\'d', async () => {
    const bytes = await wordOleDocx(seedSpec(), { markup: 'drawing', inlineAfterTitle: true });
    // The previews are large pictures in the body that the picture reader would otherwise read.
    const { images } = docxPastedImages(bytes);
    expect(images.filter((i) => i.oleObject && (i.widthPt ?? 0) > 200)).toHaveLength(tables(plain.document).length);
    const run = await pipeline(bytes, 'seed-ole-drawing.docx');
    expect(run.document.issues.filter((i) => /OCR/u.test(i.code))).toEqual([]);
    expect(run.document.blocks.map((b) => b.kind)).toEqual(plain.document.blocks.map((b) => b.kind));
    expectSameFindings(plain, run, 30);
  }, 300_000);

  it.runIf(calcInstalled)('is a real file: LibreOffice opens it and shows the objects (the forms\' cells on the page, not the hidden ones)', async () => {
    const pdf = await docxToPdf(vmlBytes);
    const dir = mkdtempSync(join(tmpdir(), 'selfeval-ole-'));
    try {
      writeFileSync(join(dir, 'ole.pdf'), pdf);
      const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', join(dir, 'ole.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/gu, '');
      expect(text).toContain('2023年预算数'); // a header of the 基础数据表, only in the embedded sheet
      expect(text).toContain('公务接待');
      expect(text).not.toContain('核对');
      expect(text).not.toContain('内部测算'); // outside the object's oleSize: LibreOffice does not show it either
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});

/** A compound file whose Package stream's chain points back at itself. */
function loopingCompound(): Uint8Array {
  const bytes = compoundFile([['Package', new Uint8Array(8192).fill(0x50)]]);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fatAt = 512 * (1 + v.getUint32(0x4c, true));
  v.setUint32(fatAt + 15 * 4, 3, true); // the last sector of the stream continues at its fourth
  return bytes;
}

describe('the workbook stored in an OLE compound file (word/embeddings/oleObjectN.bin, "Package" stream)', () => {
  it('read as the package is: the .docx findings', async () => {
    const bytes = await wordOleDocx(seedSpec(), { container: 'ole' });
    expect(Object.keys(unzipSync(bytes)).filter((n) => n.endsWith('.bin'))).toHaveLength(5);
    const [plain, run] = [await pipeline(writeDocx(seedSpec()), 'seed.docx'), await pipeline(bytes, 'seed-olebin.docx')];
    expect(tables(run.document).map(cellsOf)).toEqual(tables(plain.document).map(cellsOf));
    expect(run.document.issues).toEqual([]);
    expectSameFindings(plain, run, 30);
  }, 120_000);
});

describe.runIf(calcInstalled)('saved by LibreOffice as a legacy .doc (Word 97 ObjectPool), read back through the .doc converter', () => {
  it('the objects survive the round trip as embedded workbooks: the .docx findings', async () => {
    // LibreOffice writes the workbooks back without <oleSize>: nothing may stand outside the forms here.
    const doc = await docxToDoc(await wordOleDocx(seedSpec(), { noteOutside: false }));
    const [plain, run] = [await pipeline(writeDocx(seedSpec()), 'seed.docx'), await pipeline(doc, 'seed-ole.doc')];
    expect(tables(run.document).every((t) => t.workbook?.part?.startsWith('word/embeddings/'))).toBe(true);
    expect(tables(run.document).map(cellsOf)).toEqual(tables(plain.document).map(cellsOf));
    expectSameFindings(plain, run, 30);
  }, 300_000);
});

describe('where the object sits', () => {
  it('inside a paragraph: the text before it, the sheet, the text after it, in that order; inside a Word table\'s cell: after that table', async () => {
    const parts: Record<string, Uint8Array> = unzipSync(await wordOleDocx(seedSpec()));
    let xml = new TextDecoder().decode(parts['word/document.xml']);
    const objects = xml.match(/<w:r><w:object[\s\S]*?<\/w:object><\/w:r>/gu)!;
    xml = xml.replace(objects[0], `<w:r><w:t>表一：</w:t></w:r>${objects[0]}<w:r><w:t>（单位：万元）</w:t></w:r>`);
    xml = xml.replace(`<w:p><w:pPr><w:jc w:val="center"/></w:pPr>${objects[1]}</w:p>`, `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>附表</w:t></w:r>${objects[1]}</w:p></w:tc></w:tr></w:tbl>`);
    parts['word/document.xml'] = strToU8(xml);
    const model = parseDocx(zipPackage(Object.entries(parts)));
    const seed = parseDocx(await wordOleDocx(seedSpec()));
    const first = model.blocks.findIndex((b) => b.kind === 'table');
    expect(model.blocks.slice(first - 1, first + 2).map((b) => (b.kind === 'paragraph' ? b.text : b.workbook?.part))).toEqual(['表一：', 'word/embeddings/Microsoft_Excel_Worksheet1.xlsx', '（单位：万元）']);
    const wrapper = tables(model).find((t) => t.cells.some((c) => c.text === '附表'))!;
    expect(model.blocks[wrapper.block + 1]).toMatchObject({ kind: 'table', workbook: { part: 'word/embeddings/Microsoft_Excel_Worksheet2.xlsx' } });
    expect(tables(model).filter((t) => t.workbook).map(cellsOf)).toEqual(tables(seed).map(cellsOf));
    expect(model.blocks.map((b) => b.block)).toEqual(model.blocks.map((_, i) => i));
    expect(tables(model).map((t) => t.table)).toEqual(tables(model).map((_, i) => i));
  });
});

describe('planted reports of every family with their forms as Excel objects', () => {
  for (const i of [0, 1, 2, 3]) {
    it(`planted report ${i}: the findings of its .docx`, async () => {
      const { spec } = plantedReport(i);
      const reference = await pipeline(writeDocx(spec), `planted-${i}.docx`);
      const run = await pipeline(await wordOleDocx(spec, { markup: i % 2 ? 'drawing' : 'vml', inlineAfterTitle: i === 2 }), `planted-${i}-ole.docx`);
      expectSameFindings(reference, run, 4);
    }, 180_000);
  }
});

describe('an embedded workbook that cannot be read', () => {
  /** The seed's OLE .docx with embedding `n` replaced. */
  async function withEmbedding(n: number, bytes: Uint8Array): Promise<Uint8Array> {
    const parts: Record<string, Uint8Array> = unzipSync(await wordOleDocx(seedSpec()));
    parts[`word/embeddings/Microsoft_Excel_Worksheet${n}.xlsx`] = bytes;
    return zipPackage(Object.entries(parts));
  }
  const sheetPackage = (sheet: Uint8Array) =>
    zipPackage([
      ['[Content_Types].xml', strToU8('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')],
      ['xl/workbook.xml', strToU8('<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>')],
      ['xl/_rels/workbook.xml.rels', strToU8('<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')],
      ['xl/worksheets/sheet1.xml', sheet],
    ]);

  const cases: Array<[string, () => Uint8Array, RegExp]> = [
    ['a zip bomb (a sheet of 80 MB of blanks)', () => sheetPackage(new Uint8Array(80 * 1024 * 1024).fill(0x20)), /xl\/worksheets\/sheet1\.xml 解压后 83886080 字节，超过上限/u],
    ['a huge used range (a cell at XFD1048576)', () => sheetPackage(strToU8('<worksheet><dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row></sheetData></worksheet>')), /已用区域 1048576 行 × 16384 列，超过上限/u],
    ['over a million cells', () => sheetPackage(strToU8(`<worksheet><sheetData><row r="1">${'<c><v>1</v></c>'.repeat(16_000)}</row>${'<row><c/></row>'.repeat(1_000_000)}</sheetData></worksheet>`)), /单元格超过 1000000 个/u],
    ['an Excel 97-2003 object (an OLE compound file with a BIFF Workbook stream)', () => compoundFile([['Workbook', new Uint8Array(6000).fill(9)]]), /Excel 97-2003/u],
    ['an OLE compound file whose sector chain loops', () => loopingCompound(), /扇区链越界或循环/u],
  ];
  for (const [what, make, reason] of cases) {
    it(`${what}: one issue naming the part and the reason; every other form and paragraph read`, async () => {
      const model = parseDocx(await withEmbedding(2, make()));
      const seed = parseDocx(await wordOleDocx(seedSpec()));
      expect(model.issues).toHaveLength(1);
      expect(model.issues[0]).toMatchObject({ code: 'EMBEDDED_WORKBOOK_UNREADABLE', block: seed.blocks.indexOf(tables(seed)[1]) });
      expect(model.issues[0].message).toMatch(/^第 2 个嵌入的 Excel 工作表（word\/embeddings\/Microsoft_Excel_Worksheet2\.xlsx）无法读取：/u);
      expect(model.issues[0].message).toMatch(reason);
      expect(tables(model).map(cellsOf)).toEqual(tables(seed).filter((_, i) => i !== 1).map(cellsOf));
      expect(model.blocks.filter((b) => b.kind === 'paragraph').map((b) => b.kind === 'paragraph' && b.text)).toEqual(seed.blocks.filter((b) => b.kind === 'paragraph').map((b) => b.kind === 'paragraph' && b.text));
    }, 120_000);
  }
});

describe('a submitted workbook (.xlsx)', () => {
  it('holding the forms: each visible sheet read after its name, the hidden 底稿 sheet left out; the forms recognized as in the .docx', async () => {
    const spec = seedSpec();
    const plain = await pipeline(writeDocx(spec), 'seed.docx');
    const run = await pipeline(await formsWorkbook(spec), 'seed-forms.xlsx');
    expect(run.document.format).toBe('doc'); // the contract's formats: docx | doc | pdf
    expect(run.document.issues.map((i) => i.code)).toContain('CONTAINER_CONVERTED');
    expect(tables(run.document).map(cellsOf)).toEqual(tables(plain.document).map(cellsOf));
    expect(run.document.blocks.filter((b) => b.kind === 'paragraph').map((b) => b.kind === 'paragraph' && b.text)).not.toContain('底稿');
    expect(run.report.projects.map((p) => p.indicators.length)).toEqual(plain.report.projects.map((p) => p.indicators.length));
    expect(run.report.deptSelfEval?.indicators.length).toBe(plain.report.deptSelfEval?.indicators.length);
  }, 120_000);

  it('with nothing in it, or without a form: UNSUPPORTED_FORMAT saying which', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('Sheet1');
    const e = (await runPipeline({ bytes: new Uint8Array(await empty.xlsx.writeBuffer()), file: 'empty.xlsx' })).result;
    expect(e.error).toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
    expect(e.error?.message).toMatch(/^empty\.xlsx：Excel 工作簿（\.xlsx）中没有内容/u);
    const ledger = new ExcelJS.Workbook();
    ledger.addWorksheet('预算').addRow(['单位', '金额']);
    const l = (await runPipeline({ bytes: new Uint8Array(await ledger.xlsx.writeBuffer()), file: 'ledger.xlsx' })).result;
    expect(l.error).toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
    expect(l.error?.message).toContain('没有绩效自评表');
  });
});
