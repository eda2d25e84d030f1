import { describe, expect, it } from 'vitest';
import { parseDocumentXml, parseDocx } from '../../parsers/docx.js';
import { XmlScanner } from '../../parsers/xml-scan.js';
import type { ParagraphBlock, TableBlock } from '../../schemas/document.js';
import { documentXml, minimalDocx, paragraph, seedWith } from '../hostile/docx-kit.js';
import { writeZip } from '../hostile/zip-writer.js';

/** What the tokenizer reports, as a flat list (open/close/text), for checking it against the XML rules. */
function events(xml: string): string[] {
  const out: string[] = [];
  const x = new XmlScanner(new TextEncoder().encode(xml));
  x.run({
    open: (name) => out.push(`<${name}${x.attr('val') !== undefined ? ` val=${x.attr('val')}` : ''}>`),
    close: (name) => out.push(`</${name}>`),
    text: (s, e, cdata) => out.push(x.text(s, e, cdata)),
  });
  return out;
}

function code(f: () => unknown): string | null {
  try {
    f();
    return null;
  } catch (e) {
    return (e as { code?: string }).code ?? (e as Error).message;
  }
}

const texts = (xml: string) => parseDocumentXml(documentXml(xml)).map((b) => (b as ParagraphBlock).text);

describe('XML tokenizer (parsers/xml-scan.ts)', () => {
  it('reads names without prefixes, attributes with ">" inside values, empty elements, CDATA and references', () => {
    expect(events('<w:a x="1>2" w:val=\'v\'><b/>t&amp;&#x4E2D;&#25991;<![CDATA[<raw>&amp;]]></w:a>')).toEqual([
      '<a val=v>',
      '<b>',
      '</b>',
      't&中文',
      '<raw>&amp;',
      '</a>',
    ]);
  });

  it('gives local names as written, also names that are special as property keys (__proto__, constructor, digits after a prefix, non-ASCII)', () => {
    expect(events('<w:__proto__><x:constructor/><p:1a/><中文:表格/></w:__proto__>')).toEqual(['<__proto__>', '<constructor>', '</constructor>', '<1a>', '</1a>', '<表格>', '</表格>', '</__proto__>']);
  });

  it('normalizes line ends in text and white space in attribute values (XML 1.0 §2.11, §3.3.3)', () => {
    expect(events('<a val="x\ty&#10;z">1\r\n2\r3</a>')).toEqual(['<a val=x y\nz>', '1\n2\n3', '</a>']);
  });

  it('decodes text and attribute values as TextDecoder does: malformed UTF-8 as U+FFFD, a leading byte-order mark dropped', () => {
    // Byte strings mixing CJK, truncated and overlong sequences, surrogates, stray continuation bytes and BOMs.
    const pieces = [[0xe4, 0xb8, 0xad], [0xe4, 0xb8], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0x80], [0xf0, 0x9f, 0x98, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xef, 0xbb, 0xbf], [0x61], [0xff]];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const decoder = new TextDecoder('utf-8');
    for (let n = 0; n < 400; n++) {
      const bytes = Array.from({ length: 1 + (next() % 6) }, () => pieces[next() % pieces.length]).flat();
      const xml = new Uint8Array([...new TextEncoder().encode('<a v="'), ...bytes, ...new TextEncoder().encode('">'), ...bytes, ...new TextEncoder().encode('</a>')]);
      const x = new XmlScanner(xml);
      const seen: string[] = [];
      x.run({ open: () => seen.push(x.attr('v')!), close: () => {}, text: (s, e, cdata) => seen.push(x.text(s, e, cdata)) });
      const expected = decoder.decode(new Uint8Array(bytes));
      expect(seen).toEqual([expected, expected]);
    }
  });

  it('refuses what a conforming parser refuses', () => {
    const enc = (s: string) => () => new XmlScanner(new TextEncoder().encode(s)).run({ open() {}, close() {}, text() {} });
    const decoding = (s: string) => () => events(s);
    expect(code(enc('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'))).toBe('CORRUPT_FILE');
    expect(code(decoding('<a>&x;</a>'))).toBe('CORRUPT_FILE'); // no entity may be defined, so none exists
    expect(code(decoding('<a>&#0;</a>'))).toBe('CORRUPT_FILE');
    expect(code(decoding('<a>a & b</a>'))).toBe('CORRUPT_FILE');
    expect(code(decoding('<a>\u0001</a>'))).toBe('CORRUPT_FILE');
    expect(code(enc('<a><b></a></b>'))).toBe('CORRUPT_FILE');
    expect(code(enc('<a><b></b>'))).toBe('CORRUPT_FILE'); // truncated
    expect(code(enc('<a/><b/>'))).toBe('CORRUPT_FILE'); // two roots
    expect(code(enc('junk<a/>'))).toBe('CORRUPT_FILE');
    expect(code(enc('<a x=1/>'))).toBe('CORRUPT_FILE');
    expect(code(enc('<a x="<"/>'))).toBe('CORRUPT_FILE');
    expect(code(enc('<a x="1"y="2"/>'))).toBe('CORRUPT_FILE');
    expect(code(enc('< a/>'))).toBe('CORRUPT_FILE');
    expect(code(enc('<a><!-- never closed </a>'))).toBe('CORRUPT_FILE');
    expect(code(enc('   '))).toBe('CORRUPT_FILE'); // no root
    expect(code(enc('\ufeff<?xml version="1.0"?><!-- c --><a/>\n'))).toBeNull();
  });

  it('short and plain values take no step they need: references, line ends, tabs and refused characters are seen in values of any length', () => {
    const decoding = (s: string) => () => events(s);
    for (const pad of ['', 'x'.repeat(40)]) {
      expect(events(`<a val="${pad}&amp;"/>`)).toEqual([`<a val=${pad}&>`, '</a>']);
      expect(events(`<a val="a\rb${pad}">c\r${pad}</a>`)).toEqual([`<a val=a b${pad}>`, `c\n${pad}`, '</a>']);
      expect(events(`<a val="\t${pad}"/>`)).toEqual([`<a val= ${pad}>`, '</a>']);
      expect(code(decoding(`<a val="\u0001${pad}"/>`))).toBe('CORRUPT_FILE');
      expect(code(decoding(`<a val="\ufffe${pad}"/>`))).toBe('CORRUPT_FILE');
      expect(code(decoding(`<a>${pad}\uffff</a>`))).toBe('CORRUPT_FILE');
      expect(code(decoding(`<a>\u001f${pad}</a>`))).toBe('CORRUPT_FILE');
    }
    expect(events('<a val="\uffef\ufffd中"/>')).toEqual(['<a val=\uffef\ufffd中>', '</a>']);
  });

  it('reads a UTF-16 document part (with or without a byte-order mark)', () => {
    const xml = documentXml(paragraph('绩效目标完成情况')).replace('UTF-8', 'UTF-16');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
    const be = Buffer.from(xml, 'utf16le').swap16();
    expect(parseDocumentXml(new Uint8Array(le)).map((b) => (b as ParagraphBlock).text)).toEqual(['绩效目标完成情况']);
    expect(parseDocumentXml(new Uint8Array(be)).map((b) => (b as ParagraphBlock).text)).toEqual(['绩效目标完成情况']);
  });
});

describe('Word body on the tokenizer', () => {
  it('keeps text, tabs, breaks and symbols of runs; skips deleted text and field codes', () => {
    expect(texts('<w:p><w:r><w:t>预算</w:t><w:tab/><w:t xml:space="preserve"> 执行 </w:t><w:br/><w:sym w:char="F0FC"/></w:r><w:del><w:r><w:delText>删</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>')).toEqual([
      '预算\t 执行 \n\u00fc',
    ]);
  });

  it('builds merged cells from gridSpan and vMerge, with attributes read by local name', () => {
    const cell = (t: string, pr = '') => `<w:tc><w:tcPr>${pr}</w:tcPr>${paragraph(t)}</w:tc>`;
    const xml = `<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>${cell('甲', '<w:gridSpan w:val="2"/>')}</w:tr><w:tr>${cell('乙', '<w:vMerge w:val="restart"/>')}${cell('丙')}</w:tr><w:tr>${cell('', '<w:vMerge/>')}${cell('丁')}</w:tr></w:tbl>`;
    const [t] = parseDocumentXml(documentXml(xml)) as TableBlock[];
    expect(t.cells.map((c) => [c.row, c.col, c.rowSpan, c.colSpan, c.text])).toEqual([
      [0, 0, 1, 2, '甲'],
      [1, 0, 2, 1, '乙'],
      [1, 1, 1, 1, '丙'],
      [2, 1, 1, 1, '丁'],
    ]);
  });
});

describe('zip package (parsers/zip.ts)', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  const body = enc(documentXml(paragraph('正文')));

  it('refuses a package with two entries of one name (which one counts is arbitrary)', () => {
    const bytes = writeZip([
      { name: 'word/document.xml', data: body },
      { name: 'word/document.xml', data: enc(documentXml(paragraph('另一份'))) },
    ]);
    expect(code(() => parseDocx(bytes))).toBe('CORRUPT_FILE');
  });

  it('refuses an entry whose data does not match its CRC', () => {
    const bytes = writeZip([{ name: 'word/document.xml', data: body, crc32: 12345 }]);
    expect(code(() => parseDocx(bytes))).toBe('CORRUPT_FILE');
  });

  it('stops inflating at the declared size when an entry lies about it', () => {
    const bytes = writeZip([{ name: 'word/document.xml', data: body, declaredSize: 10 }]);
    expect(code(() => parseDocx(bytes))).toBe('CORRUPT_FILE');
  });

  it('reads stored entries and only the parts it needs', () => {
    expect(parseDocx(writeZip([{ name: 'word/document.xml', data: body, method: 0 }])).blocks).toHaveLength(1);
    // A broken part the reader never opens does not matter.
    const withBadStyles = seedWith({ 'word/styles.xml': '<w:styles' });
    expect(parseDocx(withBadStyles).blocks.length).toBeGreaterThan(10);
    expect(parseDocx(minimalDocx(paragraph('x'))).blocks).toHaveLength(1);
  });
});
