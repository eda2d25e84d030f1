import { describe, expect, it } from 'vitest';
import { parseDocumentXml, parseDocx } from '../../parsers/docx.js';
import type { Block, TableBlock } from '../../schemas/document.js';
import { runPipeline } from '../../src/pipeline.js';
import { strToU8, zipSync } from 'fflate';
import { seedParts, VARIANTS, withDocument } from './writer-quirks.js';

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
  for (const v of VARIANTS) {
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
