import { describe, expect, it } from 'vitest';
import { parseDocumentXml, parseDocx, parseFlatOpc } from '../../parsers/docx.js';
import type { Block, TableBlock } from '../../schemas/document.js';
import { runPipeline } from '../../src/pipeline.js';
import { strToU8, zipSync } from 'fflate';
import { docxWithParts, MORE_VARIANTS, seedParts, VARIANTS, withDocument } from './writer-quirks.js';

/**
 * The seed report as Word, WPS and form tools save it: each WordprocessingML construct applied to
 * samples/seed.docx must give the same findings (same rule, same values) as the plain file.
 */
const key = (f: { rule: string; values: unknown[] }) => `${f.rule} ${JSON.stringify(f.values)}`;

function diff(reference: readonly { rule: string; values: unknown[] }[], got: readonly { rule: string; values: unknown[] }[]) {
  const pool = new Map<string, number>();
  for (const f of got) pool.set(key(f), (pool.get(key(f)) ?? 0) + 1);
  const missing: string[] = [];
  for (const f of reference) {
    const n = pool.get(key(f)) ?? 0;
    if (n) pool.set(key(f), n - 1);
    else missing.push(key(f));
  }
  const extra = [...pool].flatMap(([k, n]) => Array<string>(n).fill(k));
  return { missing, extra };
}

const parts = seedParts();
const texts = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === 'table' ? b.cells.map((c) => c.text) : [b.text]));

describe('seed.docx saved by other writers: same findings as the plain file', async () => {
  const plain = await runPipeline({ bytes: withDocument(parts, (x) => x), file: 'seed.docx' });
  it('the plain file has findings to compare', () => {
    expect(plain.result.status).toBe('ok');
    expect(plain.result.discrepancies.length).toBeGreaterThan(20);
  });
  for (const v of [...VARIANTS, ...MORE_VARIANTS]) {
    it(v.name, async () => {
      const bytes = withDocument(parts, v.apply);
      const got = await runPipeline({ bytes, file: 'seed.docx' });
      expect(got.result.status).toBe('ok');
      expect(diff(plain.result.discrepancies, got.result.discrepancies)).toEqual({ missing: [], extra: [] });
    });
  }
  it('a figure revised 334.73 → 334.74 reads as the new value only', () => {
    const v = VARIANTS.find((x) => x.name.startsWith('revision: one digit'))!;
    const all = texts(parseDocx(withDocument(parts, v.apply)).blocks);
    const before = texts(parseDocx(withDocument(parts, (x) => x)).blocks);
    expect(all.filter((t) => t.includes('334.74')).length).toBe(before.filter((t) => t.includes('334.74')).length);
    expect(all.filter((t) => t.includes('334.73')).length).toBe(before.filter((t) => t.includes('334.73')).length);
  });
  it('a text box title is read once, not from both mc:Choice and mc:Fallback', () => {
    const v = VARIANTS.find((x) => x.name.startsWith('text box: title'))!;
    const all = texts(parseDocx(withDocument(parts, v.apply)).blocks).join('\n');
    expect(all.split('部门整体支出绩效评价基础').length - 1).toBe(texts(parseDocx(withDocument(parts, (x) => x)).blocks).join('\n').split('部门整体支出绩效评价基础').length - 1);
  });
});

const doc = (body: string) =>
  `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>${body}</w:body></w:document>`;
const p = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
const tc = (inner: string, pr = '') => `<w:tc>${pr ? `<w:tcPr>${pr}</w:tcPr>` : ''}${inner}</w:tc>`;
const tbl = (rows: string[], grid = 2) => `<w:tbl><w:tblGrid>${'<w:gridCol/>'.repeat(grid)}</w:tblGrid>${rows.join('')}</w:tbl>`;
const tr = (...cells: string[]) => `<w:tr>${cells.join('')}</w:tr>`;
const grid = (t: TableBlock) => t.grid.map((row) => row.map((i) => t.cells[i].text));

describe('WordprocessingML constructs, read directly', () => {
  it('hidden runs (w:vanish) are not read; w:vanish w:val="0" and a hidden paragraph mark are', () => {
    const blocks = parseDocumentXml(
      doc(`<w:p><w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr><w:r><w:rPr><w:vanish/></w:rPr><w:t>12.5</w:t></w:r><w:r><w:t>13.5</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>万元</w:t></w:r></w:p>`),
    );
    expect(texts(blocks)).toEqual(['13.5万元']);
  });

  it('a table in a text box is a table; the anchor paragraph text before it stays a paragraph', () => {
    const box = `<w:r><w:drawing><w:txbxContent>${p('表1 收支表')}${tbl([tr(tc(p('项目')), tc(p('金额'))), tr(tc(p('合计')), tc(p('10.00')))])}</w:txbxContent></w:drawing></w:r>`;
    const blocks = parseDocumentXml(doc(`<w:p><w:r><w:t>见下表：</w:t></w:r>${box}<w:r><w:t>（单位：万元）</w:t></w:r></w:p>`));
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'paragraph', 'table', 'paragraph']);
    expect(texts(blocks)).toEqual(['见下表：', '表1 收支表', '项目', '金额', '合计', '10.00', '（单位：万元）']);
  });

  it('a one-cell layout table is unwrapped; a data table with a table in a cell keeps its text in the cell', () => {
    const inner = tbl([tr(tc(p('项目')), tc(p('金额'))), tr(tc(p('合计')), tc(p('10.00')))]);
    const wrapped = parseDocumentXml(doc(tbl([tr(tc(`${p('标题')}${inner}<w:p/>`))], 1)));
    expect(wrapped.map((b) => b.kind)).toEqual(['paragraph', 'table']);
    expect(grid(wrapped[1] as TableBlock)).toEqual([['项目', '金额'], ['合计', '10.00']]);
    const data = parseDocumentXml(doc(tbl([tr(tc(p('说明')), tc(inner))])));
    expect(data.map((b) => b.kind)).toEqual(['table']);
    expect(grid(data[0] as TableBlock)).toEqual([['说明', '项目\n金额\n合计\n10.00']]);
  });

  it('grid columns only gridBefore/gridAfter pad are dropped', () => {
    const row = (a: string, b: string) => `<w:tr><w:trPr><w:gridBefore w:val="1"/><w:gridAfter w:val="1"/></w:trPr>${tc(p(a))}${tc(p(b))}</w:tr>`;
    const [t] = parseDocumentXml(doc(tbl([row('项目', '金额'), row('合计', '10.00')], 4))) as TableBlock[];
    expect(grid(t)).toEqual([['项目', '金额'], ['合计', '10.00']]);
    // A column some row covers is kept.
    const [u] = parseDocumentXml(doc(tbl([row('项目', '金额'), tr(tc(p('备注'), '<w:gridSpan w:val="4"/>'))], 4))) as TableBlock[];
    expect(u.nCols).toBe(4);
  });

  it('a vMerge continue with no restart above starts the merge', () => {
    const [t] = parseDocumentXml(doc(tbl([tr(tc(p('一级'), '<w:vMerge/>'), tc(p('a'))), tr(tc('<w:p/>', '<w:vMerge/>'), tc(p('b')))]))) as TableBlock[];
    expect(t.cells.find((c) => c.text === '一级')?.rowSpan).toBe(2);
  });

  it('w:altChunk: an HTML chunk in a cell is cell text; a damaged .docx chunk is a parse issue, not a failure', () => {
    const ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    const body = `${p('前言')}<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>${tc(p('说明'))}<w:tc><w:altChunk r:id="c1"/><w:p/></w:tc></w:tr></w:tbl><w:altChunk r:id="c2"/>${p('结尾')}`;
    const rel = (id: string, target: string) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="${target}"/>`;
    const bytes = zipSync({
      '_rels/.rels': strToU8('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
      'word/document.xml': strToU8(`<w:document ${ns}><w:body>${body}</w:body></w:document>`),
      'word/_rels/document.xml.rels': strToU8(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('c1', 'chunk1.htm')}${rel('c2', 'chunk2.docx')}</Relationships>`),
      'word/chunk1.htm': strToU8('<html><body><p>资金到位 20.00 万元</p></body></html>'),
      'word/chunk2.docx': strToU8('PK\u0003\u0004 damaged'),
    });
    const doc = parseDocx(bytes);
    expect(texts(doc.blocks)).toEqual(['前言', '说明', '资金到位 20.00 万元', '结尾']);
    expect(doc.issues.map((i) => i.code)).toEqual(['ALT_CHUNK_UNREADABLE']);
  });
});

describe('content controls, cell revisions, notes, page headers and list numbering (docxquirks12)', () => {
  const sdt = (props: string, content: string) => `<w:sdt><w:sdtPr>${props}</w:sdtPr><w:sdtContent>${content}</w:sdtContent></w:sdt>`;
  const run = (t: string, rPr = '') => `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t>${t}</w:t></w:r>`;

  it('a control showing its placeholder reads empty; a filled control, or one a tool filled but left flagged, reads its value', () => {
    const plc = '<w:placeholder><w:docPart w:val="DefaultPlaceholder_-1854013440"/></w:placeholder><w:showingPlcHdr/>';
    const [t] = parseDocumentXml(
      doc(tbl([
        tr(tc(p('执行数')), tc(`<w:p>${sdt(plc, run('单击或点击此处输入文字。', '<w:rStyle w:val="PlaceholderText"/>'))}</w:p>`)),
        tr(tc(p('预算数')), tc(`<w:p>${sdt(plc, run('请输入'))}</w:p>`)),
        tr(tc(p('得分')), tc(`<w:p>${sdt(plc, run('18.5'))}</w:p>`)),
        tr(tc(p('年度')), tc(`<w:p>${sdt('<w:date w:fullDate="2023-12-31T00:00:00Z"><w:dateFormat w:val="yyyy年"/></w:date>', run('2023年'))}</w:p>`)),
      ])),
    ) as TableBlock[];
    expect(grid(t)).toEqual([['执行数', ''], ['预算数', ''], ['得分', '18.5'], ['年度', '2023年']]);
  });

  it('old properties of a tracked change are not read; a deleted cell (w:cellDel) is dropped, an inserted one (w:cellIns) read', () => {
    const rev = 'w:id="1" w:author="a"';
    const body = tbl([
      tr(tc(p('项目'), `<w:tcPrChange ${rev}><w:tcPr><w:gridSpan w:val="2"/></w:tcPr></w:tcPrChange>`), tc(p('金额'), `<w:cellIns ${rev}/>`), tc(p('999.99'), `<w:cellDel ${rev}/>`)),
      tr(tc(p('合计')), tc(`<w:p><w:pPr><w:pPrChange ${rev}><w:pPr><w:pStyle w:val="Heading1"/></w:pPr></w:pPrChange></w:pPr>${run('10.00', `<w:rPrChange ${rev}><w:rPr><w:vanish/></w:rPr></w:rPrChange>`)}</w:p>`)),
    ]).replace('</w:tblGrid>', `<w:tblGridChange ${rev}><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid></w:tblGridChange></w:tblGrid>`);
    const [t] = parseDocumentXml(doc(body)) as TableBlock[];
    expect(grid(t)).toEqual([['项目', '金额'], ['合计', '10.00']]);
  });

  it("a note's custom mark after a figure is not part of it; notes, headers and footers are furniture, not body", () => {
    const mark = (id: number, custom: string) => `<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:customMarkFollows="1" w:id="${id}"/><w:t>${custom}</w:t></w:r>`;
    const bytes = docxWithParts(`<w:p>${run('合计334.74')}${mark(2, '1')}${run('万元')}</w:p>`, {
      'footnotes.xml': '<w:footnotes><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="2"><w:p><w:r><w:t>注：其中上年结转 34.74 万元。</w:t></w:r></w:p></w:footnote></w:footnotes>',
      'header1.xml': '<w:hdr><w:p><w:r><w:t>汨罗市建筑工程服务中心</w:t></w:r></w:p></w:hdr>',
      'footer1.xml': '<w:ftr><w:p><w:r><w:t xml:space="preserve">第 </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> 页</w:t></w:r></w:p></w:ftr>',
    });
    const d = parseDocx(bytes);
    expect(texts(d.blocks)).toEqual(['合计334.74万元']);
    expect(d.furniture).toEqual([
      { kind: 'footnote', text: '注：其中上年结转 34.74 万元。' },
      { kind: 'header', text: '汨罗市建筑工程服务中心' },
      { kind: 'footer', text: '第 1 页' },
    ]);
  });

  const prose = [
    '一、部门基本情况',
    '本单位现有在编人员59人，全年基本支出592.17万元，其中人员经费572.61万元，公用经费19.56万元。',
    '二、部门整体支出绩效情况',
    '全年项目支出359.74万元，预算执行率100%，绩效目标全部完成。',
  ].map(p).join('');
  const header = (t: string) => ({ 'header1.xml': `<w:hdr><w:p><w:r><w:t>${t}</w:t></w:r></w:p></w:hdr>` });

  it("a report titled only in its page header takes its year and unit from there; a body's own year wins, a header that is no title gives nothing", async () => {
    const titled = await runPipeline({ bytes: docxWithParts(prose, header('汨罗市建筑工程服务中心2023年度部门整体支出绩效自评报告')), file: 'a.docx' });
    expect(titled.result.report?.year).toBe(2023);
    expect(titled.result.report?.department?.text).toBe('汨罗市建筑工程服务中心');
    const bodyYear = await runPipeline({ bytes: docxWithParts(p('2022年度部门整体支出绩效自评报告') + prose, header('汨罗市建筑工程服务中心2023年度部门整体支出绩效自评报告')), file: 'a.docx' });
    expect(bodyYear.result.report?.year).toBe(2022);
    const plainHeader = await runPipeline({ bytes: docxWithParts(prose, header('汨罗市财政局 2023年度')), file: 'a.docx' });
    expect(plainHeader.result.report?.year ?? null).toBeNull();
    expect(plainHeader.result.report?.department ?? null).toBeNull();
  });

  it('list labels come from numbering.xml: levels restart under their parent, a style carries its list, numId 0 removes it, bullets add nothing', () => {
    const lvl = (i: number, fmt: string, text: string, extra = '') => `<w:lvl w:ilvl="${i}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/>${extra}</w:lvl>`;
    const numbering = `<w:numbering><w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCounting', '%1、')}${lvl(1, 'chineseCounting', '（%2）')}${lvl(2, 'decimal', '%3.', '<w:suff w:val="nothing"/>')}</w:abstractNum><w:abstractNum w:abstractNumId="1">${lvl(0, 'bullet', '●')}</w:abstractNum><w:abstractNum w:abstractNumId="2">${lvl(0, 'decimalEnclosedCircle', '%1')}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num></w:numbering>`;
    const styles = '<w:styles><w:style w:type="paragraph" w:styleId="a1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="a2"><w:name w:val="My heading"/><w:basedOn w:val="a1"/></w:style></w:styles>';
    const np = (t: string, pPr: string) => `<w:p><w:pPr>${pPr}</w:pPr><w:r><w:t>${t}</w:t></w:r></w:p>`;
    const num = (id: number, l: number) => `<w:numPr><w:ilvl w:val="${l}"/><w:numId w:val="${id}"/></w:numPr>`;
    const body = [
      np('部门基本情况', '<w:pStyle w:val="a1"/>'),
      np('基本支出', num(1, 1)),
      np('其中：', num(1, 2)),
      np('人员经费572.61万元', num(1, 2)),
      np('项目支出', num(1, 1)),
      np('绩效情况', '<w:pStyle w:val="a2"/>'),
      np('不编号的标题', `<w:pStyle w:val="a1"/>${num(0, 0)}`),
      np('要点', num(2, 0)),
      np('第一项', num(3, 0)),
      ...Array.from({ length: 9 }, () => np('另一部分', '<w:pStyle w:val="a1"/>')),
    ].join('');
    const d = parseDocx(docxWithParts(body, { 'numbering.xml': numbering, 'styles.xml': styles }));
    expect(texts(d.blocks)).toEqual([
      '一、部门基本情况',
      '（一）基本支出',
      '1.其中：',
      '2.人员经费572.61万元',
      '（二）项目支出',
      '二、绩效情况',
      '不编号的标题',
      '要点',
      '① 第一项', // Word's default separator after a label (a tab) reads as a space
      ...['三', '四', '五', '六', '七', '八', '九', '十', '十一'].map((n) => `${n}、另一部分`),
    ]);
  });

  it('a style takes its list through a chain of w:basedOn; a w:basedOn cycle ends the search with no label', () => {
    const numbering = '<w:numbering><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>';
    const style = (id: string, inner: string) => `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${id}"/>${inner}</w:style>`;
    const styles = `<w:styles>${[
      style('h', '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr>'),
      style('h2', '<w:basedOn w:val="h"/>'),
      style('h3', '<w:basedOn w:val="h2"/>'),
      style('x', '<w:basedOn w:val="y"/>'),
      style('y', '<w:basedOn w:val="x"/>'),
      style('z', '<w:basedOn w:val="missing"/>'),
    ].join('')}</w:styles>`;
    const sp = (t: string, s: string) => `<w:p><w:pPr><w:pStyle w:val="${s}"/></w:pPr><w:r><w:t>${t}</w:t></w:r></w:p>`;
    const body = [sp('部门概况', 'h3'), sp('循环样式', 'x'), sp('缺失的基础样式', 'z'), sp('绩效情况', 'h2')].join('');
    const d = parseDocx(docxWithParts(body, { 'numbering.xml': numbering, 'styles.xml': styles }));
    expect(texts(d.blocks)).toEqual(['一、部门概况', '循环样式', '缺失的基础样式', '二、绩效情况']);
  });

  it('Word\'s "Word XML 文档" (Flat OPC) reads list labels from its numbering part too', () => {
    const ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const part = (name: string, xml: string) => `<pkg:part pkg:name="${name}" pkg:contentType="application/xml"><pkg:xmlData>${xml}</pkg:xmlData></pkg:part>`;
    const body = '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr></w:pPr><w:r><w:t>部门基本情况</w:t></w:r></w:p>';
    const flat = `<?xml version="1.0"?><pkg:package xmlns:pkg="http://schemas.microsoft.com/office/2006/xmlPackage">${part('/word/document.xml', `<w:document ${ns}><w:body>${body}</w:body></w:document>`)}${part('/word/numbering.xml', `<w:numbering ${ns}><w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num></w:numbering>`)}</pkg:package>`;
    expect(texts(parseFlatOpc(strToU8(flat)).blocks)).toEqual(['一、部门基本情况']);
  });

  it('a numbering.xml or header that is not well-formed is read as absent: the body is still read', () => {
    const numbered = '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>部门基本情况</w:t></w:r></w:p>';
    const d = parseDocx(docxWithParts(numbered, { 'numbering.xml': '<w:numbering><w:num w:numId="1">', 'header1.xml': '<w:hdr><w:p>' }));
    expect(texts(d.blocks)).toEqual(['部门基本情况']);
    expect(d.furniture).toBeUndefined();
  });

  it('a figure split across runs by proofErr, bookmarks and rsids reads as one number', () => {
    const piece = (t: string) => `<w:r w:rsidR="00A1"><w:t>${t}</w:t></w:r>`;
    const blocks = parseDocumentXml(doc(`<w:p>${piece('合计')}${piece('33')}<w:proofErr w:type="spellStart"/>${piece('4.7')}<w:bookmarkStart w:id="0" w:name="_Hlk1"/><w:proofErr w:type="spellEnd"/>${piece('4')}<w:bookmarkEnd w:id="0"/>${piece('万元')}</w:p>`));
    expect(texts(blocks)).toEqual(['合计334.74万元']);
  });
});
