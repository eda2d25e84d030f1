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
