import { readFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { parseDocx } from '../../parsers/docx.js';
import type { TableBlock } from '../../schemas/document.js';

/**
 * The same report as other writers save it: samples/seed.docx with one WordprocessingML construct
 * applied to its main part (tracked changes, text boxes, content controls, fields, legacy merges,
 * layout tables, altChunk …). Each variant must read to the same findings as the plain file.
 * Used by test/docx/writer-quirks.test.ts.
 */
export type Parts = Record<string, Uint8Array>;
export interface Variant {
  name: string;
  apply(xml: string, parts: Parts): string;
}

export function seedParts(): Parts {
  return unzipSync(new Uint8Array(readFileSync('samples/seed.docx')));
}

export function withDocument(parts: Parts, apply: (xml: string, parts: Parts) => string): Uint8Array {
  const copy: Parts = { ...parts };
  copy['word/document.xml'] = strToU8(apply(strFromU8(parts['word/document.xml']), copy));
  return zipSync(copy);
}

/** The n-th (0-based) run whose only text is `text`, as [start, end) of the <w:r>…</w:r>. */
function runWith(xml: string, text: string, nth = 0): [number, number] {
  let from = 0;
  for (let i = 0; ; i++) {
    const t = xml.indexOf(`>${text}</w:t>`, from);
    if (t < 0) throw new Error(`no run with ${text}`);
    if (i === nth) {
      const start = xml.lastIndexOf('<w:r>', t);
      const end = xml.indexOf('</w:r>', t) + '</w:r>'.length;
      return [start, end];
    }
    from = t + 1;
  }
}

/** [start, end) of every top-level <w:tbl>…</w:tbl> (no nested tables in the seed). */
function tables(xml: string): [number, number][] {
  const out: [number, number][] = [];
  for (let from = 0; ; ) {
    const s = xml.indexOf('<w:tbl>', from);
    if (s < 0) return out;
    const e = xml.indexOf('</w:tbl>', s) + '</w:tbl>'.length;
    out.push([s, e]);
    from = e;
  }
}

/**
 * The longest table split in two at its middle row by an empty paragraph; the second part starts
 * with nothing repeated, the indicator header row above the cut, or the table's first row (its title row).
 */
export function splitTable(xml: string, header: 'none' | 'indicator' | 'title'): string {
  const [s, e] = tables(xml).reduce((a, b) => (b[1] - b[0] > a[1] - a[0] ? b : a));
  const t = xml.slice(s, e);
  const rows = [...t.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)];
  const cut = rows[Math.floor(rows.length / 2)].index!;
  const head = t.slice(0, rows[0].index);
  const above = rows.slice(0, Math.floor(rows.length / 2));
  const again = header === 'indicator' ? above.filter((r) => r[0].includes('一级指标')).pop()?.[0] ?? '' : header === 'title' ? rows[0][0] : '';
  if (header !== 'none' && !again) throw new Error('no indicator header above the cut');
  return splice(xml, [s, e], () => `${t.slice(0, cut)}</w:tbl><w:p/>${head}${again}${t.slice(cut)}`);
}

/** [start, end) of the paragraph holding `text` (a body paragraph, not in a table). */
function paragraphWith(xml: string, text: string): [number, number] {
  const t = xml.indexOf(text);
  if (t < 0) throw new Error(`no paragraph with ${text}`);
  const start = xml.lastIndexOf('<w:p>', t);
  const end = xml.indexOf('</w:p>', t) + '</w:p>'.length;
  return [start, end];
}

const splice = (xml: string, [s, e]: [number, number], by: (inner: string) => string) => xml.slice(0, s) + by(xml.slice(s, e)) + xml.slice(e);
const runText = (t: string) => `<w:r><w:t xml:space="preserve">${t}</w:t></w:r>`;

const textBox = (inner: string) =>
  '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">' +
  '<wp:simplePos x="0" y="0"/><wp:extent cx="5000000" cy="400000"/><wp:docPr id="901" name="文本框 1"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' +
  '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent>' +
  inner +
  '</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>' +
  '<mc:Fallback><w:pict><v:shape style="width:393pt;height:31pt"><v:textbox><w:txbxContent>' +
  inner +
  '</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>';

/** A relationship of the main part added to the package (and the target part with it). */
function addPart(parts: Parts, id: string, type: string, target: string, bytes: Uint8Array, contentType: string): void {
  const rels = strFromU8(parts['word/_rels/document.xml.rels']);
  parts['word/_rels/document.xml.rels'] = strToU8(rels.replace('</Relationships>', `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/></Relationships>`));
  const types = strFromU8(parts['[Content_Types].xml']);
  parts['[Content_Types].xml'] = strToU8(types.replace('</Types>', `<Override PartName="/word/${target}" ContentType="${contentType}"/></Types>`));
  parts[`word/${target}`] = bytes;
}

const escapeHtml = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br>');

/** A table as a web form writes it: <table> with rowspan/colspan, GBK-free UTF-8. */
function tableHtml(t: TableBlock): string {
  const rows: string[] = [];
  for (let r = 0; r < t.nRows; r++) {
    const cells = t.cells.filter((c) => c.row === r && t.grid[r][c.col] === t.cells.indexOf(c));
    rows.push(`<tr>${cells.map((c) => `<td${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}>${escapeHtml(c.text)}</td>`).join('')}</tr>`);
  }
  return `<table border="1">${rows.join('\n')}</table>`;
}

/** A minimal .docx holding `body` as its main part. */
function docxWith(body: string, namespaces: string): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
    '_rels/.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document ${namespaces}><w:body>${body}</w:body></w:document>`),
  });
}

export const VARIANTS: Variant[] = [
  {
    // Saved with revisions on: 334.73 was typed first, then changed to 334.74 (a whole-run revision).
    name: 'revision: w:del 334.73 + w:ins 334.74',
    apply: (xml) =>
      splice(xml, runWith(xml, '334.74'), (r) => `<w:del w:id="9001" w:author="a" w:date="2024-01-01T00:00:00Z">${r.replace(/<w:t([ >])/, '<w:delText$1').replace('334.74</w:t>', '334.73</w:delText>')}</w:del><w:ins w:id="9002" w:author="a" w:date="2024-01-01T00:00:00Z">${r}</w:ins>`),
  },
  {
    // The same revision inside a run: "334.7" kept, "3" deleted, "4" inserted.
    name: 'revision: one digit changed inside a number',
    apply: (xml) =>
      splice(xml, runWith(xml, '334.74'), () => `${runText('334.7')}<w:del w:id="9003" w:author="a"><w:r><w:delText>3</w:delText></w:r></w:del><w:ins w:id="9004" w:author="a">${runText('4')}</w:ins>`),
  },
  {
    // A paragraph moved: w:moveFrom at the old place (not read), w:moveTo at the new one (read).
    name: 'revision: w:moveFrom / w:moveTo',
    apply: (xml) => {
      // The title's runs moved: read at the new place (w:moveTo), a stale copy left at the old one (w:moveFrom).
      const [s, e] = paragraphWith(xml, '2023年度部门整体支出绩效评价基础');
      const para = xml.slice(s, e);
      const runs = para.slice(para.indexOf('<w:r>'), para.lastIndexOf('</w:p>'));
      const stale = `<w:p><w:moveFrom w:id="9006" w:author="a">${runs.replace(/2023/g, '2022')}</w:moveFrom></w:p>`;
      return splice(xml, [s, e], () => `${stale}${para.replace(runs, `<w:moveTo w:id="9007" w:author="a">${runs}</w:moveTo>`)}`);
    },
  },
  {
    // The report's title in a text box (Word 2010+: the same text in mc:Choice and mc:Fallback).
    name: 'text box: title in mc:AlternateContent',
    apply: (xml) => {
      const [s, e] = paragraphWith(xml, '2023年度部门整体支出绩效评价基础');
      const para = xml.slice(s, e);
      return splice(xml, [s, e], () => `<w:p>${textBox(para)}</w:p>`);
    },
  },
  {
    // A table inside a text box (a form pasted as a shape).
    name: 'text box: a table inside w:txbxContent',
    apply: (xml) => {
      const [s, e] = tables(xml)[0];
      return splice(xml, [s, e], (t) => `<w:p>${textBox(`${t}<w:p/>`)}</w:p>`);
    },
  },
  {
    // A stale figure kept as hidden text (w:vanish) next to the shown one.
    name: 'hidden text: w:vanish run',
    apply: (xml) => splice(xml, runWith(xml, '334.74'), (r) => `<w:r><w:rPr><w:vanish/></w:rPr><w:t>334.73</w:t></w:r>${r}`),
  },
  {
    // Content controls: around a body paragraph, a table row and a table cell (form templates).
    name: 'content controls: block, row and cell w:sdt',
    apply: (xml) => {
      const sdt = (inner: string) => `<w:sdt><w:sdtPr><w:alias w:val="填报"/><w:tag w:val="x"/><w:showingPlcHdr/></w:sdtPr><w:sdtEndPr/><w:sdtContent>${inner}</w:sdtContent></w:sdt>`;
      const [p0, p1] = paragraphWith(xml, '2023年度部门整体支出绩效评价基础');
      xml = splice(xml, [p0, p1], sdt);
      const [s, e] = tables(xml)[1];
      const t = xml.slice(s, e).replace(/<w:tr[ >][\s\S]*?<\/w:tr>/g, (row, i) => (i % 2 ? sdt(row) : row.replace(/<w:tc>[\s\S]*?<\/w:tc>/, sdt)));
      return splice(xml, [s, e], () => t);
    },
  },
  {
    // Figures as field results: w:fldSimple and a complex field (=SUM(ABOVE)) whose instruction holds other digits.
    name: 'fields: fldSimple and fldChar begin/separate/end',
    apply: (xml) => {
      xml = splice(xml, runWith(xml, '334.74'), (r) => `<w:fldSimple w:instr=" =SUM(ABOVE) \\# &quot;0.00&quot; ">${r}</w:fldSimple>`);
      return splice(xml, runWith(xml, '334.74', 1), (r) =>
        `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> =B2+C2 \\# "0.00" 1234.5 </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${r}<w:r><w:fldChar w:fldCharType="end"/></w:r>`,
      );
    },
  },
  {
    // Wrappers that carry no text: smart tags, custom XML, bidi overrides around runs.
    name: 'wrappers: smartTag, customXml, bdo, dir',
    apply: (xml) => {
      xml = splice(xml, runWith(xml, '334.74'), (r) => `<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chmetcnv"><w:smartTagPr><w:attr w:name="UnitName" w:val="万元"/></w:smartTagPr>${r}</w:smartTag>`);
      xml = splice(xml, runWith(xml, '334.74', 1), (r) => `<w:customXml w:element="amount"><w:customXmlPr/>${r}</w:customXml>`);
      xml = splice(xml, runWith(xml, '334.74', 2), (r) => `<w:bdo w:val="ltr">${r}</w:bdo>`);
      return splice(xml, runWith(xml, '334.74', 3), (r) => `<w:dir w:val="ltr">${r}</w:dir>`);
    },
  },
  {
    // A symbol character (w:sym) in a body paragraph; no figure changes.
    name: 'w:sym in a paragraph',
    apply: (xml) => {
      const [, e] = paragraphWith(xml, '2023年度部门整体支出绩效评价基础');
      return splice(xml, [e, e], () => `<w:p><w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>${runText('已核对')}</w:p>`);
    },
  },
  {
    // Every table inside a one-cell layout table (web-form tools, some WPS templates).
    name: 'nested: each table in a 1×1 layout table',
    apply: (xml) => {
      for (const [s, e] of tables(xml).reverse()) xml = splice(xml, [s, e], (t) => `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="9000" w:type="dxa"/></w:tcPr>${t}<w:p/></w:tc></w:tr></w:tbl>`);
      return xml;
    },
  },
  {
    // Old Word / WPS horizontal merges: w:hMerge restart + continue cells instead of w:gridSpan.
    name: 'legacy merges: w:hMerge instead of w:gridSpan',
    apply: (xml) =>
      xml.replace(/<w:tc>(<w:tcPr>)([\s\S]*?)<w:gridSpan w:val="(\d+)"\/>([\s\S]*?<\/w:tc>)/g, (_m, pr, before, n, rest) => {
        const k = Number(n);
        const cont = `<w:tc><w:tcPr><w:hMerge/>${/<w:vMerge[^>]*>/.exec(before + rest)?.[0] ?? ''}</w:tcPr><w:p/></w:tc>`;
        return `<w:tc>${pr}${before}<w:hMerge w:val="restart"/>${rest}${cont.repeat(k - 1)}`;
      }),
  },
  {
    // Vertical merges in a table's first rows written as "continue" only (no restart on the top cell:
    // nothing above it to continue). Merges further down keep their restart — a bare vMerge under
    // another merge would continue that one, in Word too.
    name: 'vMerge continue without restart',
    apply: (xml) => {
      let changed = 0;
      for (const [s, e] of tables(xml).reverse()) {
        const t = xml.slice(s, e);
        const row = /<w:tr[ >][\s\S]*?<\/w:tr>/.exec(t)!;
        const bare = row[0].replace(/<w:vMerge w:val="restart"\/>/g, () => (changed++, '<w:vMerge/>'));
        xml = splice(xml, [s, e], () => t.slice(0, row.index) + bare + t.slice(row.index + row[0].length));
      }
      if (!changed) throw new Error('no merge starts in a first row');
      return xml;
    },
  },
  {
    // Rows that start one column in (w:gridBefore) and end one short (w:gridAfter) of a wider grid.
    name: 'w:gridBefore / w:gridAfter',
    apply: (xml) => {
      const [s, e] = tables(xml)[0];
      const t = xml
        .slice(s, e)
        .replace('<w:tblGrid>', '<w:tblGrid><w:gridCol w:w="100"/>')
        .replace('</w:tblGrid>', '<w:gridCol w:w="100"/></w:tblGrid>')
        .replace(/<w:tr( [^>]*)?>(<w:trPr>)?/g, (_m, a = '', pr) => `<w:tr${a}><w:trPr><w:gridBefore w:val="1"/><w:gridAfter w:val="1"/>${pr ? '' : '</w:trPr>'}`);
      return splice(xml, [s, e], () => t);
    },
  },
  {
    // Header rows marked to repeat on each page.
    name: 'w:tblHeader repeated rows',
    apply: (xml) => xml.replace(/<w:tbl>([\s\S]*?)<w:tr( [^>]*)?>(<w:trPr>)?/g, (_m, pre, a = '', pr) => `<w:tbl>${pre}<w:tr${a}><w:trPr><w:tblHeader/>${pr ? '' : '</w:trPr>'}`),
  },
  ...(['none', 'indicator', 'title'] as const).map(
    (header): Variant => ({
      // The longest table split in two by an empty paragraph (a page break typed as a paragraph):
      // the second part without the header rows, with the indicator header row repeated, or with
      // the form's title rows (项目名称 / 预算部门名称 …) typed again.
      name: `table split by an empty paragraph${{ none: ', second part without header', indicator: ', header row repeated', title: ', title row repeated' }[header]}`,
      apply: (xml) => splitTable(xml, header),
    }),
  ),
  {
    // A comment anchored on a figure (its text lives in comments.xml and is not a cell value).
    name: 'comment anchored on a figure',
    apply: (xml) =>
      splice(xml, runWith(xml, '334.74'), (r) => `<w:commentRangeStart w:id="77"/>${r}<w:commentRangeEnd w:id="77"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="77"/></w:r>`),
  },
  {
    // WPS / web-form tools: the first table imported as an HTML chunk (w:altChunk → afchunk.htm).
    name: 'w:altChunk: a table as an HTML chunk',
    apply: (xml, parts) => {
      const plain = parseDocx(withDocument(parts, (x) => x)).blocks.filter((b): b is TableBlock => b.kind === 'table');
      const html = `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${tableHtml(plain[0])}</body></html>`;
      addPart(parts, 'rIdChunk1', 'aFChunk', 'afchunk1.htm', strToU8(html), 'text/html');
      const [s, e] = tables(xml)[0];
      return splice(xml, [s, e], () => '<w:altChunk r:id="rIdChunk1"/>');
    },
  },
  {
    // A whole .docx imported as a chunk (a form filled in one file, pasted into the report).
    name: 'w:altChunk: a table as a .docx chunk',
    apply: (xml, parts) => {
      const [s, e] = tables(xml)[1];
      const ns = /<w:document([^>]*)>/.exec(xml)![1];
      addPart(parts, 'rIdChunk2', 'aFChunk', 'afchunk2.docx', docxWith(xml.slice(s, e), ns), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml');
      return splice(xml, [s, e], () => '<w:altChunk r:id="rIdChunk2"/>');
    },
  },
  {
    // A table row deleted with revisions on (w:trPr/w:del, its runs in w:del as Word writes them),
    // and one where only the row is marked (WPS): neither row is read.
    name: 'revision: deleted table rows',
    apply: (xml) => {
      const t = xml.indexOf('>年度资金总额<');
      const start = Math.max(xml.lastIndexOf('<w:tr>', t), xml.lastIndexOf('<w:tr ', t));
      const end = xml.indexOf('</w:tr>', t) + '</w:tr>'.length;
      const row = xml.slice(start, end).replace(/<w:tr( [^>]*)?>(<w:trPr>)?/, (_m, a = '', pr) => `<w:tr${a}><w:trPr><w:del w:id="9100" w:author="a"/>${pr ? '' : '</w:trPr>'}`);
      const stale = row.replace(/>(\d+(?:\.\d+)?)</g, (_m, n) => `>${(Number(n) + 1).toString()}<`);
      const wordRow = stale.replace(/<w:r>([\s\S]*?)<\/w:r>/g, (_m, inner: string) => `<w:del w:id="9101" w:author="a"><w:r>${inner.replace(/<w:t([ >])/g, '<w:delText$1').replace(/<\/w:t>/g, '</w:delText>')}</w:r></w:del>`);
      return xml.slice(0, start) + wordRow + stale + xml.slice(start);
    },
  },
  {
    // Notes and comments holding figures and the unit's name, and a header with the unit's name:
    // parts of their own, never body text or cell values.
    name: 'footnotes, comments and a header with figures',
    apply: (xml, parts) => {
      const note = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
      const fn = strFromU8(parts['word/footnotes.xml']);
      parts['word/footnotes.xml'] = strToU8(fn.replace(/<\/w:footnotes>$/, `<w:footnote w:id="91">${note('年度资金总额 334.73 万元')}</w:footnote></w:footnotes>`));
      const cm = strFromU8(parts['word/comments.xml']);
      parts['word/comments.xml'] = strToU8(cm.replace(/<\/w:comments>$/, `<w:comment w:id="92" w:author="审核">${note('应为 334.73')}</w:comment></w:comments>`));
      addPart(parts, 'rIdHdr9', 'header', 'header9.xml', strToU8(`<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${note('汨罗市建筑工程服务中心 2023年度 334.73')}</w:hdr>`), 'application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml');
      xml = splice(xml, runWith(xml, '334.74'), (r) => `${r}<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="91"/></w:r>`);
      return splice(xml, runWith(xml, '334.74', 1), (r) => `<w:commentRangeStart w:id="92"/>${r}<w:commentRangeEnd w:id="92"/><w:r><w:commentReference w:id="92"/></w:r>`);
    },
  },
];

/**
 * The first paragraph of every blank cell (not a vMerge continuation), as [start, end) of its
 * <w:p>…</w:p> or <w:p/>, last first.
 */
function blankCellParagraphs(xml: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of xml.matchAll(/<w:tc>((?:(?!<\/w:tc>)[\s\S])*)<\/w:tc>/g)) {
    const cell = m[1];
    if (/<w:vMerge(?! w:val="restart")/.test(cell) || /<w:tbl>/.test(cell) || cell.replace(/<[^>]+>/g, '').trim()) continue;
    const para = /<w:p\/>|<w:p(?: [^>]*)?>(?:(?!<\/w:p>)[\s\S])*<\/w:p>/.exec(cell);
    if (para) out.push([m.index! + '<w:tc>'.length + para.index, m.index! + '<w:tc>'.length + para.index + para[0].length]);
  }
  return out.reverse();
}

/** The paragraph with its runs replaced by `content`. */
const paragraphHolding = (para: string, content: string) => {
  if (para === '<w:p/>') return `<w:p>${content}</w:p>`;
  const open = /^<w:p(?: [^>]*)?>(?:<w:pPr>[\s\S]*?<\/w:pPr>|<w:pPr\/>)?/.exec(para)![0];
  return `${open}${content}</w:p>`;
};

/** A content control (w:sdt) showing its placeholder (占位符文本), as Word writes an unfilled one. */
const placeholderControl = (prompt: string, props = '') =>
  `<w:sdt><w:sdtPr><w:id w:val="${1000 + prompt.length}"/><w:placeholder><w:docPart w:val="DefaultPlaceholder_-1854013440"/></w:placeholder>${props}<w:showingPlcHdr/></w:sdtPr><w:sdtEndPr/><w:sdtContent><w:r><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr><w:t>${prompt}</w:t></w:r></w:sdtContent></w:sdt>`;

/** The run's `<w:rPr>` with `inner` added (created when the run has none). */
const withRunProps = (run: string, inner: string) => (run.includes('<w:rPr>') ? run.replace('<w:rPr>', `<w:rPr>${inner}`) : run.replace('<w:r>', `<w:r><w:rPr>${inner}</w:rPr>`));

/** 一 … 九十九 as a number (the seed's labels). */
function chineseValue(t: string): number {
  const d = (c: string) => '一二三四五六七八九'.indexOf(c) + 1;
  if (t.length === 1) return t === '十' ? 10 : d(t);
  if (t[0] === '十') return 10 + d(t[1]);
  return d(t[0]) * 10 + (t[2] ? d(t[2]) : 0);
}

/** Constructs added for issue docxquirks12 (content-control placeholders, cell revisions, notes, WPS, numbering, split runs). */
export const MORE_VARIANTS: Variant[] = [
  {
    // A template's blank cells as Word's content controls leave them: showing 单击或点击此处输入文字。/ 请输入 / a date prompt.
    name: 'content controls: placeholder text in blank cells',
    apply: (xml) => {
      const prompts = ['单击或点击此处输入文字。', '请输入', '单击或点击此处输入日期。', '选择一项。', 'Click or tap here to enter text.'];
      let i = 0;
      for (const span of blankCellParagraphs(xml)) {
        const prompt = prompts[i++ % prompts.length];
        xml = splice(xml, span, (para) => paragraphHolding(para, placeholderControl(prompt, prompt.includes('日期') ? '<w:date><w:dateFormat w:val="yyyy年M月d日"/><w:lid w:val="zh-CN"/></w:date>' : '')));
      }
      if (i < 10) throw new Error('too few blank cells');
      return xml;
    },
  },
  {
    // Drop-down and date controls with a value chosen: the shown value is the value, the list items are not.
    name: 'content controls: drop-down and date with a chosen value',
    apply: (xml) => {
      const list = '<w:dropDownList><w:listItem w:displayText="334.73" w:value="334.73"/><w:listItem w:displayText="334.74" w:value="334.74"/><w:listItem w:displayText="请选择" w:value=""/></w:dropDownList>';
      xml = splice(xml, runWith(xml, '334.74'), (r) => `<w:sdt><w:sdtPr><w:id w:val="77001"/>${list}</w:sdtPr><w:sdtContent>${r}</w:sdtContent></w:sdt>`);
      const date = '<w:date w:fullDate="2023-12-31T00:00:00Z"><w:dateFormat w:val="yyyy年"/><w:lid w:val="zh-CN"/><w:calendar w:val="gregorian"/></w:date>';
      const [s, e] = paragraphWith(xml, '2023年度部门整体支出绩效自评表');
      return splice(xml, [s, e], (p) => p.replace(/<w:r>[\s\S]*<\/w:r>/, (runs) => `<w:sdt><w:sdtPr><w:id w:val="77002"/>${date}</w:sdtPr><w:sdtContent>${runs}</w:sdtContent></w:sdt>`));
    },
  },
  {
    // Cell-level revisions as Word writes them: rows inserted (w:trPr/w:ins), cells inserted (w:cellIns),
    // a stale cell deleted (w:cellDel), old cell/paragraph/run/grid properties kept in w:tcPrChange,
    // w:pPrChange, w:rPrChange, w:tblGridChange, and a blank cell whose old figure is all w:del.
    name: 'revision: cell-level (cellIns, cellDel, tcPrChange, trPr/ins, a cell all w:del)',
    apply: (xml) => {
      const rev = 'w:id="9200" w:author="a" w:date="2024-01-01T00:00:00Z"';
      // A figure deleted from a blank cell: the cell reads empty.
      const [b0] = blankCellParagraphs(xml).slice(-1);
      xml = splice(xml, b0, (para) => paragraphHolding(para, `<w:del ${rev}><w:r><w:delText>12.00</w:delText></w:r></w:del>`));
      // Old properties: a run once hidden, a paragraph once a heading.
      xml = splice(xml, runWith(xml, '334.74'), (r) => withRunProps(r, `<w:rPrChange ${rev}><w:rPr><w:vanish/><w:b/></w:rPr></w:rPrChange>`));
      const [p0, p1] = paragraphWith(xml, '说明：“项目支出”需要填报');
      xml = splice(xml, [p0, p1], (p) => p.replace(/^<w:p>(<w:pPr>)?/, (_m, pr) => `<w:p><w:pPr><w:pPrChange ${rev}><w:pPr><w:pStyle w:val="Heading1"/></w:pPr></w:pPrChange>${pr ? '' : '</w:pPr>'}`));
      const [s, e] = tables(xml)[1];
      let t = xml.slice(s, e);
      const cols = (/<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/.exec(t)![1].match(/<w:gridCol/g) ?? []).length;
      t = t.replace('</w:tblGrid>', `<w:tblGridChange w:id="9201"><w:tblGrid>${'<w:gridCol w:w="500"/>'.repeat(cols + 3)}</w:tblGrid></w:tblGridChange></w:tblGrid>`);
      // Each cell's old width and span; every other row inserted, every third cell inserted.
      let n = 0;
      t = t.replace(/<w:tcPr>([\s\S]*?)<\/w:tcPr>/g, (_m, inner: string) => `<w:tcPr>${inner}${n++ % 3 === 0 ? `<w:cellIns ${rev}/>` : ''}<w:tcPrChange ${rev}><w:tcPr><w:tcW w:w="100" w:type="dxa"/><w:gridSpan w:val="3"/><w:vMerge w:val="restart"/></w:tcPr></w:tcPrChange></w:tcPr>`);
      let k = 0;
      t = t.replace(/<w:tr>(<w:trPr>)?/g, (m, pr) => (k++ % 2 ? `<w:tr><w:trPr><w:ins ${rev}/>${pr ? '' : '</w:trPr>'}` : m));
      // A stale cell at the end of the first row, deleted.
      t = t.replace(/<\/w:tr>/, `<w:tc><w:tcPr><w:tcW w:w="500" w:type="dxa"/><w:cellDel ${rev}/></w:tcPr><w:p><w:r><w:t>999.99</w:t></w:r></w:p></w:tc></w:tr>`);
      return splice(xml, [s, e], () => t);
    },
  },
  {
    // Footnote and endnote marks after figures: Word's (no text), a custom mark (w:customMarkFollows: the
    // mark is the run's text, "1" / "*" / "注"), and the notes themselves holding 注：… with figures.
    name: 'notes: footnote/endnote marks after figures, notes with figures',
    apply: (xml, parts) => {
      const note = (t: string) => `<w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t>${t}</w:t></w:r></w:p>`;
      const fn = strFromU8(parts['word/footnotes.xml']);
      parts['word/footnotes.xml'] = strToU8(fn.replace(/<\/w:footnotes>$/, `<w:footnote w:id="95">${note('注：其中工作经费 300.00 万元，另 34.74 万元为上年结转。')}</w:footnote><w:footnote w:id="96">${note('注：1.合计 999.99 万元')}</w:footnote></w:footnotes>`));
      addPart(parts, 'rIdEnd9', 'endnotes', 'endnotes.xml', strToU8(`<w:endnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:endnote w:id="97">${note('注：数据来源于 2023 年决算，合计 592.17 万元。')}</w:endnote></w:endnotes>`), 'application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml');
      const mark = (el: string, id: number, custom?: string) => `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/><w:vertAlign w:val="superscript"/></w:rPr><w:${el} ${custom ? 'w:customMarkFollows="1" ' : ''}w:id="${id}"/>${custom ? `<w:t>${custom}</w:t>` : ''}</w:r>`;
      xml = splice(xml, runWith(xml, '334.74'), (r) => r + mark('footnoteReference', 95, '1'));
      xml = splice(xml, runWith(xml, '334.74', 1), (r) => r + mark('footnoteReference', 96, '2'));
      xml = splice(xml, runWith(xml, '334.74', 2), (r) => r + mark('endnoteReference', 97));
      return splice(xml, runWith(xml, '334.74', 3), (r) => r + mark('footnoteReference', 95, '*'));
    },
  },
  {
    // WPS's own markup: document fields (wpsCustomData:docfieldStart/End) around figures, w14/w15
    // extensions (paraId, textId, checkbox controls, collapsed headings), mc:AlternateContent choosing wpsCustomData.
    name: 'WPS: wpsCustomData fields, w14/w15 extensions',
    apply: (xml) => {
      xml = xml.replace('<w:document ', '<w:document xmlns:wpsCustomData="http://www.wps.cn/officeDocument/2013/wpsCustomData" ');
      for (let i = 0; i < 3; i++) {
        xml = splice(xml, runWith(xml, '334.74', i), (r) => `<wpsCustomData:docfieldStart docfieldname="{&quot;key&quot;:&quot;amount${i}&quot;,&quot;default&quot;:&quot;0.00&quot;}" docfieldid="${i}"/>${r}<wpsCustomData:docfieldEnd docfieldid="${i}"/>`);
      }
      let n = 0;
      xml = xml.replace(/<w:p>/g, () => `<w:p w14:paraId="${(0x10000000 + n).toString(16).toUpperCase()}" w14:textId="${(0x20000000 + n++).toString(16).toUpperCase()}">`);
      xml = xml.replace(/<w:pStyle w:val="Heading2"\/>/g, '<w:pStyle w:val="Heading2"/><w15:collapsed w:val="0"/>');
      const [, e] = paragraphWith(xml, '2023年度部门整体支出绩效评价基础');
      return splice(xml, [e, e], () =>
        `<w:p><w:sdt><w:sdtPr><w:id w:val="88001"/><w14:checkbox><w14:checked w14:val="1"/><w14:checkedState w14:val="2612" w14:font="MS Gothic"/><w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:t>☒</w:t></w:r></w:sdtContent></w:sdt>${runText('已核对')}<mc:AlternateContent><mc:Choice Requires="wpsCustomData"><wpsCustomData:typoFeatureVersion val="1"/></mc:Choice></mc:AlternateContent></w:p>`,
      );
    },
  },
  ...(['none', 'short', 'long'] as const).map(
    (kind): Variant => ({
      // WPS tables whose w:tblGrid is missing, or lists fewer or more w:gridCol than the rows use.
      name: `WPS: w:tblGrid ${{ none: 'missing', short: 'with too few gridCol', long: 'with too many gridCol' }[kind]}`,
      apply: (xml) =>
        xml.replace(/<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/g, (_m, cols: string) => {
          const list = cols.match(/<w:gridCol[^>]*\/>/g) ?? [];
          if (kind === 'none') return '';
          return `<w:tblGrid>${(kind === 'short' ? list.slice(0, Math.max(1, list.length - 3)) : [...list, ...list.slice(0, 4)]).join('')}</w:tblGrid>`;
        }),
    }),
  ),
  {
    // WPS writes every vertical continuation as a bare <w:vMerge/> (no w:val), chains of them running
    // straight from one merge's last row into the next merge's restart in the same column.
    name: 'WPS: bare vMerge continuation chains',
    apply: (xml) => {
      const out = xml.replace(/<w:vMerge w:val="continue"\/>/g, '<w:vMerge/>');
      if (out === xml) throw new Error('no continuation to rewrite');
      return out;
    },
  },
  {
    // Headings numbered by Word's lists (numbering.xml), not typed: each label as the seed writes it
    // (一、 1、 （一） (2) …) becomes a list level (numFmt, lvlText, start); a heading that continues the
    // previous one's list uses the same w:num, and the first list is on the Heading 2 style (its numPr).
    name: 'numbering: heading labels from numbering.xml',
    apply: (xml, parts) => {
      const label = /^([（(]?)([一二三四五六七八九十]+|\d+)([、)）.．]?)\s*/;
      const abstracts: string[] = [];
      const nums: string[] = [];
      let last: { key: string; value: number; numId: number } | null = null;
      let styleNum: number | null = null;
      xml = xml.replace(/<w:pStyle w:val="Heading([23])"\/><\/w:pPr>(<w:r>(?:(?!<\/w:r>)[\s\S])*?<w:t(?: [^>]*)?>)([^<]*)/g, (m, level: string, run: string, text: string) => {
        const l = label.exec(text);
        if (!l || (!l[1] && !l[3])) return m;
        const chinese = !/\d/.test(l[2]);
        const value = chinese ? chineseValue(l[2]) : Number(l[2]);
        const key = `${level}${l[1]}${chinese}${l[3]}`;
        let numId: number;
        if (last && last.key === key && last.value + 1 === value) numId = last.numId;
        else {
          numId = 100 + nums.length;
          abstracts.push(`<w:abstractNum w:abstractNumId="${numId}"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="${value}"/><w:numFmt w:val="${chinese ? 'chineseCounting' : 'decimal'}"/><w:lvlText w:val="${l[1]}%1${l[3]}"/><w:suff w:val="nothing"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>`);
          nums.push(`<w:num w:numId="${numId}"><w:abstractNumId w:val="${numId}"/></w:num>`);
        }
        last = { key, value, numId };
        if (level === '2') styleNum ??= numId;
        const numPr = numId === styleNum ? '' : `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="${numId}"/></w:numPr>`;
        return `<w:pStyle w:val="Heading${level}"/>${numPr}</w:pPr>${run}${text.slice(l[0].length)}`;
      });
      if (nums.length < 5) throw new Error('too few numbered headings');
      const numbering = strFromU8(parts['word/numbering.xml']);
      parts['word/numbering.xml'] = strToU8(numbering.replace(/(<w:numbering[^>]*>)/, `$1${abstracts.join('')}`).replace(/<\/w:numbering>$/, `${nums.join('')}</w:numbering>`));
      const styles = strFromU8(parts['word/styles.xml']);
      parts['word/styles.xml'] = strToU8(styles.replace(/(<w:style w:type="paragraph" w:styleId="Heading2">[\s\S]*?<w:pPr>)/, `$1<w:numPr><w:numId w:val="${styleNum}"/></w:numPr>`));
      return xml;
    },
  },
  {
    // A figure split into runs by editing: rsids, w:proofErr and bookmarks between its digits ("33" "4.7" "4").
    name: 'runs: a figure split by proofErr and bookmarks',
    apply: (xml) => {
      for (let i = 0; i < 4; i++) {
        xml = splice(xml, runWith(xml, '334.74'), (r) => {
          const piece = (t: string, rsid: string) => r.replace('<w:r>', `<w:r w:rsidR="${rsid}">`).replace('>334.74</w:t>', `>${t}</w:t>`);
          return `${piece('33', '00A1')}<w:proofErr w:type="gramStart"/>${piece('4.7', '00B2')}<w:bookmarkStart w:id="${500 + i}" w:name="_Hlk${i}"/><w:proofErr w:type="gramEnd"/>${piece('4', '00C3')}<w:bookmarkEnd w:id="${500 + i}"/>`;
        });
      }
      return xml;
    },
  },
];

const W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/**
 * A .docx with `body` as its main part and other parts of the main part beside it (header1.xml,
 * footnotes.xml, numbering.xml, styles.xml …), each with its relationship, as Word writes a package.
 */
export function docxWithParts(body: string, others: Record<string, string> = {}): Uint8Array {
  const type = (name: string) => /^(header|footer|footnotes|endnotes|numbering|styles)/.exec(name)?.[1] ?? 'customXml';
  const rels = Object.keys(others).map((name, i) => `<Relationship Id="rX${i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type(name)}" Target="${name}"/>`);
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
    '_rels/.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
    'word/_rels/document.xml.rels': strToU8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document ${W_NS}><w:body>${body}</w:body></w:document>`),
    ...Object.fromEntries(Object.entries(others).map(([name, xml]) => [`word/${name}`, strToU8(xml.replace(/^<(w:\w+)/, `<$1 ${W_NS}`))])),
  });
}
