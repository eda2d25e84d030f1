import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import type { ErrorCode } from '../../schemas/result.js';
import { repeatedDeflate, repeatedSize } from './bomb.js';
import {
  CONTENT_TYPES,
  ROOT_RELS,
  documentXml,
  escapeXml,
  minimalDocx,
  pack,
  paragraph,
  readSample,
  seedParts,
  seedWith,
  table,
  text,
} from './docx-kit.js';
import { mutateBytes, mutateXml } from './mutate.js';
import { blankPdf, breakXref, imageOnlyPdf, longPdf, qpdfEncrypt, textPdf } from './pdf-kit.js';
import { addOfdFiles } from './ofd-kit.js';
import { Rng } from './rng.js';
import { writeZip } from './zip-writer.js';

/**
 * The hostile corpus: broken, huge, crafted and not-a-report files, plus seeded mutations of the
 * samples, each with the outcomes its kind allows. Seeded and deterministic: the same seed gives
 * the same bytes (so a failure names a file anyone can regenerate).
 */
export type Outcome = 'ok' | ErrorCode;

export interface CorpusFile {
  /** File name inside the corpus folder (sorted order = processing order). */
  name: string;
  /** What the file is, for messages and figures. */
  kind: string;
  /** Outcomes the file may have: 'ok' or the specific error codes its kind calls for. */
  expect: readonly Outcome[];
  /** Pristine samples mixed into the batch: must come out exactly as when run alone. */
  good?: 'docx' | 'pdf';
  /** False only where a tool draws its own randomness (qpdf's AES-256 salts). */
  reproducible: boolean;
  bytes: number;
  sha256: string;
}

/** Input faults a mutant may legitimately produce. Never INTERNAL_ERROR, TIMEOUT or READ_FAILED. */
export const ANY_INPUT_OUTCOME: readonly Outcome[] = [
  'ok',
  'CORRUPT_FILE',
  'UNSUPPORTED_FORMAT',
  'EMPTY_FILE',
  'LIMIT_EXCEEDED',
  'ENCRYPTED_PDF',
  'NO_TEXT_LAYER',
  'DOC_CONVERSION_FAILED',
];

export interface CorpusOptions {
  seed?: number;
  /** Mutants per source (the byte-level fuzz part of the corpus). */
  mutants?: { docxBytes: number; docxXml: number; pdfBytes: number; seedPdfBytes: number; docBytes: number; ofdBytes?: number };
}

export const DEFAULT_SEED = 20240601;
// .doc goes through LibreOffice (seconds per file), so few of those; the rest is cheap.
const DEFAULT_MUTANTS = { docxBytes: 40, docxXml: 60, pdfBytes: 30, seedPdfBytes: 4, docBytes: 1, ofdBytes: 8 };

const GIB = 1024 * 1024 * 1024;

export async function generateCorpus(dir: string, options: CorpusOptions = {}): Promise<CorpusFile[]> {
  mkdirSync(dir, { recursive: true });
  const rng = new Rng(options.seed ?? DEFAULT_SEED);
  const mutants = options.mutants ?? DEFAULT_MUTANTS;
  const files: CorpusFile[] = [];
  let n = 0;
  const add = (stem: string, ext: string, kind: string, bytes: Uint8Array | string, expect: readonly Outcome[], good?: CorpusFile['good'], reproducible = true) => {
    const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
    const name = `${String(n++).padStart(3, '0')}-${stem}.${ext}`;
    writeFileSync(join(dir, name), data);
    files.push({ name, kind, expect, good, reproducible, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') });
  };

  const seedDocx = readSample('seed.docx');
  const seedPdf = readSample('seed.pdf');
  const seedDoc = readSample('seed.doc');
  const parts = seedParts();
  const seedXml = text(parts.find(([name]) => name === 'word/document.xml')![1]);
  const goodDocx = () => add('good-seed', 'docx', 'good: seed.docx', seedDocx, ['ok'], 'docx');

  // ── Good files first, and again between the hostile ones: all must be processed. ──
  goodDocx();
  add('good-seed', 'pdf', 'good: seed.pdf', seedPdf, ['ok'], 'pdf');

  // ── Empty and mislabelled files ──
  for (const ext of ['docx', 'pdf', 'doc', 'wps']) add('empty', ext, '0-byte file', new Uint8Array(0), ['EMPTY_FILE']);
  add('docx-named-pdf', 'pdf', '.pdf that is really a .docx', seedDocx, ['ok']);
  add('docx-named-doc', 'doc', '.doc that is really a .docx', seedDocx, ['ok']);
  const smallText = await textPdf(2);
  add('pdf-named-docx', 'docx', '.docx that is really a .pdf', smallText, ['ok']);
  add('random-bytes', 'docx', 'random bytes', rng.bytes(4096), ['UNSUPPORTED_FORMAT']);
  add('plain-text', 'pdf', 'text file named .pdf', '这不是PDF文件，只是一段文字。\n'.repeat(50), ['UNSUPPORTED_FORMAT']);
  // Word-family containers renamed .doc are read for what they are (parsers/sniff.ts): a web page of one cell is
  // read (and holds no report); a crafted one is refused with its reason.
  add('html', 'doc', 'HTML saved as .doc', '<html><body><table><tr><td>项目支出绩效自评表</td></tr></table></body></html>', ['ok']);
  add('html-deep', 'doc', 'HTML nested 10⁵ levels', `<html><body>${'<div><span>'.repeat(50_000)}项目支出</body></html>`, ['LIMIT_EXCEEDED']);
  add('mht-no-boundary', 'doc', 'MHTML without a boundary', 'MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n\r\n<html>绩效</html>', ['CORRUPT_FILE']);
  add('rtf-junk', 'doc', 'RTF header then junk', concat(new TextEncoder().encode('{\\rtf1\\ansi '), rng.bytes(2048)), ['ok', 'DOC_CONVERSION_FAILED']);
  add('ole-header-only', 'doc', 'OLE magic then junk', concat(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), rng.bytes(2048)), ['DOC_CONVERSION_FAILED', 'CORRUPT_FILE']);
  add('xlsx-like-zip', 'docx', 'zip that is not a Word package', pack([['[Content_Types].xml', CONTENT_TYPES], ['xl/workbook.xml', '<workbook/>']]), ['UNSUPPORTED_FORMAT']);

  // ── Truncated and corrupt zips ──
  for (const frac of [0.02, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99]) {
    const cut = Math.max(1, Math.floor(seedDocx.length * frac));
    // Cut before the first part name, a zip no longer says it is a Word package.
    // Cut after word/document.xml, the package is read from its local headers (parsers/zip.ts localEntries).
    add(`truncated-docx-${Math.round(frac * 100)}pct`, 'docx', 'truncated .docx', seedDocx.slice(0, cut), ['ok', 'CORRUPT_FILE', 'UNSUPPORTED_FORMAT']);
  }
  add('truncated-docx-30bytes', 'docx', 'truncated .docx', seedDocx.slice(0, 30), ['CORRUPT_FILE', 'UNSUPPORTED_FORMAT']);
  const eocd = lastIndexOf(seedDocx, [0x50, 0x4b, 0x05, 0x06]);
  const cdStart = new DataView(seedDocx.buffer, seedDocx.byteOffset).getUint32(eocd + 16, true);
  add('no-central-directory', 'docx', 'zip without central directory', seedDocx.slice(0, cdStart), ['ok']);
  add('central-directory-zeroed', 'docx', 'corrupt zip central directory', withZeroed(seedDocx, cdStart, eocd - cdStart), ['CORRUPT_FILE', 'UNSUPPORTED_FORMAT']);
  add('eocd-offset-wrong', 'docx', 'corrupt zip end record', withUint32(seedDocx, eocd + 16, 0x7ffffff0), ['CORRUPT_FILE']);
  add('eocd-count-huge', 'docx', 'corrupt zip end record', withUint16(withUint16(seedDocx, eocd + 8, 0xffff), eocd + 10, 0xffff), ['CORRUPT_FILE', 'LIMIT_EXCEEDED']);
  const docXmlBytes = new TextEncoder().encode(seedXml);
  add('document-deflate-garbled', 'docx', 'corrupt deflate data in document.xml', pack(parts.map(([name, d]) => [name, d]), (e) => (e.name === 'word/document.xml' ? { ...e, deflated: garble(deflated(docXmlBytes), rng), declaredSize: docXmlBytes.length } : e)), ['CORRUPT_FILE']);
  add('unknown-compression', 'docx', 'zip entry with an unknown compression method', pack(parts, (e) => (e.name === 'word/document.xml' ? { ...e, writtenMethod: 99 } : e)), ['CORRUPT_FILE']);
  add('stored-document', 'docx', 'document.xml stored, not deflated', pack(parts, (e) => ({ ...e, method: 0 })), ['ok']);

  // ── Zip bombs: sizes that would take gigabytes (built without ever holding them) ──
  const fill = new Uint8Array(1 << 20).fill(0x61); // 1 MiB of "a"
  const bombPrefix = documentXml('<w:p><w:r><w:t>').replace(/<w:sectPr\/><\/w:body><\/w:document>$/, '');
  const bombSuffix = '</w:t></w:r></w:p><w:sectPr/></w:body></w:document>';
  const bomb2g = repeatedDeflate(bombPrefix, fill, 2048, bombSuffix);
  const bombSize = repeatedSize(bombPrefix, fill, 2048, bombSuffix);
  const bombPackage = (declaredSize: number) =>
    writeZip([
      { name: '[Content_Types].xml', data: new TextEncoder().encode(CONTENT_TYPES) },
      { name: '_rels/.rels', data: new TextEncoder().encode(ROOT_RELS) },
      { name: 'word/document.xml', deflated: bomb2g, declaredSize },
    ]);
  add('zip-bomb-2gib-honest-size', 'docx', `zip bomb: document.xml inflates to ${(bombSize / GIB).toFixed(1)} GiB (size declared)`, bombPackage(bombSize), ['LIMIT_EXCEEDED']);
  add('zip-bomb-2gib-declares-1kib', 'docx', 'zip bomb: 2 GiB document.xml declaring 1 KiB', bombPackage(1024), ['CORRUPT_FILE']);
  add('zip-bomb-2gib-declares-60mib', 'docx', 'zip bomb: 2 GiB document.xml declaring 60 MiB', bombPackage(60 * 1024 * 1024), ['CORRUPT_FILE', 'LIMIT_EXCEEDED']);
  {
    // Many honest 60 MiB parts: each under the per-part limit, together far over the total.
    const part = repeatedDeflate('<w:hdr>', fill, 60, '</w:hdr>');
    const size = repeatedSize('<w:hdr>', fill, 60, '</w:hdr>');
    const entries = [
      { name: '[Content_Types].xml', data: new TextEncoder().encode(CONTENT_TYPES) },
      { name: '_rels/.rels', data: new TextEncoder().encode(ROOT_RELS) },
      { name: 'word/document.xml', data: new TextEncoder().encode(documentXml(paragraph('正文'))) },
      ...Array.from({ length: 40 }, (_, i) => ({ name: `word/header${i + 1}.xml`, deflated: part, declaredSize: size })),
    ];
    add('zip-bomb-many-parts', 'docx', 'zip bomb: 40 parts of 60 MiB', writeZip(entries), ['LIMIT_EXCEEDED']);
  }
  {
    const entries = [
      { name: '[Content_Types].xml', data: new TextEncoder().encode(CONTENT_TYPES) },
      { name: '_rels/.rels', data: new TextEncoder().encode(ROOT_RELS) },
      { name: 'word/document.xml', data: new TextEncoder().encode(documentXml(paragraph('正文'))) },
      ...Array.from({ length: 6000 }, (_, i) => ({ name: `word/media/x${i}.bin`, data: new Uint8Array(0), method: 0 as const })),
    ];
    add('zip-many-entries', 'docx', 'zip with 6,000 entries', writeZip(entries), ['LIMIT_EXCEEDED']);
  }

  // ── XML attacks in document.xml: entity expansion and external entities ──
  const laughs = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`)].join('');
  const laughBody = '<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>';
  add('billion-laughs', 'docx', 'XML entity expansion (billion laughs)', seedWith({ 'word/document.xml': documentXml(laughBody, `<?xml version="1.0"?>\n<!DOCTYPE w:document [${laughs}]>\n`) }), ['CORRUPT_FILE']);
  add('xxe-file', 'docx', 'XML external entity (file)', seedWith({ 'word/document.xml': documentXml('<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>', '<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n') }), ['CORRUPT_FILE']);
  add('xxe-parameter', 'docx', 'XML external parameter entity', seedWith({ 'word/document.xml': documentXml(paragraph('x'), '<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY % ext SYSTEM "http://127.0.0.1:9/evil.dtd"> %ext;]>\n') }), ['CORRUPT_FILE']);
  add('laughs-in-content-types', 'docx', 'entity expansion in a part we do not parse', seedWith({ '[Content_Types].xml': `<?xml version="1.0"?><!DOCTYPE Types [${laughs}]><Types>&lol9;</Types>` }), ['ok']);
  add('xxe-in-rels', 'docx', 'external entity in _rels/.rels', seedWith({ '_rels/.rels': ROOT_RELS.replace('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>') }), ['ok']);

  // ── Missing and wrong parts ──
  add('no-document-xml', 'docx', 'package without word/document.xml', seedWith({ 'word/document.xml': null }), ['CORRUPT_FILE']);
  add('document-xml-0-bytes', 'docx', '0-byte document.xml', seedWith({ 'word/document.xml': '' }), ['CORRUPT_FILE']);
  add('document-xml-binary', 'docx', 'document.xml that is binary junk', seedWith({ 'word/document.xml': rng.bytes(5000) }), ['CORRUPT_FILE']);
  add('document-xml-not-word', 'docx', 'document.xml that is other XML', seedWith({ 'word/document.xml': '<?xml version="1.0"?><html><body>hello</body></html>' }), ['ok']);
  add('no-root-rels', 'docx', 'package without _rels/.rels', seedWith({ '_rels/.rels': null }), ['ok']);
  add('no-content-types', 'docx', 'package without [Content_Types].xml', seedWith({ '[Content_Types].xml': null }), ['ok']);
  add('wrong-content-types', 'docx', 'content types of a spreadsheet', seedWith({ '[Content_Types].xml': CONTENT_TYPES.replace('wordprocessingml.document.main+xml', 'spreadsheetml.sheet.main+xml').replace('application/xml', 'image/png') }), ['ok']);
  add('rels-to-missing-part', 'docx', 'main part relationship to a missing part', seedWith({ '_rels/.rels': ROOT_RELS.replace('word/document.xml', 'word/nothere.xml') }), ['CORRUPT_FILE']);
  add('rels-path-traversal', 'docx', 'main part relationship outside the package', seedWith({ '_rels/.rels': ROOT_RELS.replace('word/document.xml', '../../../../etc/passwd') }), ['CORRUPT_FILE']);
  add('document-only-part', 'docx', 'package of only document.xml', pack([['word/document.xml', seedXml]]), ['ok']);
  add('gridspan-huge', 'docx', 'table cell spanning 10^9 columns', minimalDocx(`<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="1000000000"/></w:tcPr>${paragraph('x')}</w:tc></w:tr></w:tbl>`), ['LIMIT_EXCEEDED']);
  add('gridbefore-huge', 'docx', 'table row starting at column 10^9', minimalDocx(`<w:tbl><w:tr><w:trPr><w:gridBefore w:val="999999999"/></w:trPr><w:tc>${paragraph('x')}</w:tc></w:tr></w:tbl>`), ['LIMIT_EXCEEDED']);
  add('deep-nesting', 'docx', '100,000 nested content controls', minimalDocx(`${'<w:sdt><w:sdtContent>'.repeat(100_000)}${paragraph('深')}${'</w:sdtContent></w:sdt>'.repeat(100_000)}`), ['ok']);
  add('nested-tables', 'docx', '2,000 tables nested in cells', minimalDocx(`${'<w:tbl><w:tr><w:tc>'.repeat(2000)}${paragraph('里')}${'</w:tc></w:tr></w:tbl>'.repeat(2000)}`), ['ok']);
  add('sym-out-of-range', 'docx', 'w:sym with an impossible code point', minimalDocx(`<w:p><w:r><w:sym w:font="Wingdings" w:char="7FFFFFFF"/><w:t>符号</w:t></w:r></w:p>`), ['ok']);
  add('huge-paragraph', 'docx', 'one 10 MB paragraph', minimalDocx(paragraph('绩效'.repeat(1_700_000))), ['ok']);

  // ── Valid Word documents that are not what they seem ──
  add('not-a-report', 'docx', 'valid .docx that is not a report', minimalDocx([paragraph('会议通知'), paragraph('定于下周一上午九点召开全体职工大会，请准时参加。'), table([['姓名', '部门'], ['张三', '办公室']])].join('')), ['ok']);
  add('empty-body', 'docx', 'valid .docx with an empty body', minimalDocx(''), ['ok']);
  add('report-5000-row-table', 'docx', 'report with a 5,000-row table', reportWithLargeTable(5000), ['ok']);
  add('hostile-cells', 'docx', 'cells with script, formulas, zero-width and RTL text', seedWith({ 'word/document.xml': hostileCells(seedXml) }), ['ok']);
  add('hostile-cells-table', 'docx', 'table of hostile cell texts', minimalDocx(table(HOSTILE_TEXTS.map((t, i) => [`${i + 1}`, t, `${t}951.90`]))), ['ok']);

  goodDocx();

  // ── PDFs ──
  add('pdf-text-2-pages', 'pdf', 'small text PDF', smallText, ['ok']);
  add('pdf-encrypted-aes256', 'pdf', 'PDF encrypted with a user password (AES-256)', qpdfEncrypt(smallText, 'secret', 'owner', 'aes-256'), ['ENCRYPTED_PDF'], undefined, false);
  add('pdf-encrypted-aes128', 'pdf', 'PDF encrypted with a user password (AES-128)', qpdfEncrypt(smallText, 'secret', 'owner', 'aes-128'), ['ENCRYPTED_PDF']);
  add('pdf-encrypted-rc4', 'pdf', 'PDF encrypted with a user password (RC4-128)', qpdfEncrypt(smallText, 'secret', 'owner', 'rc4-128'), ['ENCRYPTED_PDF']);
  add('pdf-owner-password-only', 'pdf', 'PDF with permissions only (opens without a password)', qpdfEncrypt(smallText, '', 'owner', 'aes-128'), ['ok']);
  add('pdf-seed-encrypted', 'pdf', 'the seed PDF encrypted with a user password', qpdfEncrypt(seedPdf, 'secret', 'owner', 'aes-128'), ['ENCRYPTED_PDF']);
  add('pdf-truncated-100-bytes', 'pdf', 'truncated PDF (header only)', seedPdf.slice(0, 100), ['CORRUPT_FILE']);
  add('pdf-header-only', 'pdf', 'PDF header and nothing else', '%PDF-1.7\n%%EOF\n', ['CORRUPT_FILE']);
  for (const frac of [0.3, 0.6, 0.95]) {
    // pdf.js rebuilds a lost xref from the objects it finds: pages before the cut may survive.
    add(`pdf-seed-truncated-${Math.round(frac * 100)}pct`, 'pdf', 'truncated PDF', seedPdf.slice(0, Math.floor(seedPdf.length * frac)), ['ok', 'CORRUPT_FILE']);
  }
  add('pdf-image-only', 'pdf', 'image-only PDF (scan, no text layer)', await imageOnlyPdf(3), ['NO_TEXT_LAYER']);
  add('pdf-blank-pages', 'pdf', 'PDF of blank pages', await blankPdf(2), ['NO_TEXT_LAYER']);
  add('pdf-1000-pages', 'pdf', '1,000-page PDF', await longPdf(1000), ['LIMIT_EXCEEDED']);
  const classic = await textPdf(3, 20, false);
  for (const how of ['startxref', 'offsets', 'keyword', 'trailer'] as const) {
    add(`pdf-xref-${how}`, 'pdf', `PDF with malformed xref (${how})`, breakXref(classic, how), ['ok', 'CORRUPT_FILE']);
  }

  goodDocx();

  // ── OFD (版式文档): broken, crafted and enormous packages (ofd-kit.ts) ──
  await addOfdFiles(add, seedPdf, rng, mutants.ofdBytes ?? 0);

  goodDocx();

  // ── Seeded mutations of the samples ──
  for (let i = 0; i < mutants.docxBytes; i++) {
    const m = mutateBytes(seedDocx, rng);
    add(`mutant-docx-bytes-${i}`, 'docx', `byte mutant of seed.docx (${m.ops.join(',')})`, m.bytes, ANY_INPUT_OUTCOME);
  }
  for (let i = 0; i < mutants.docxXml; i++) {
    const m = mutateXml(seedXml, rng);
    add(`mutant-docx-xml-${i}`, 'docx', `markup mutant of seed document.xml (${m.ops.join(',')})`, seedWith({ 'word/document.xml': m.xml }), ANY_INPUT_OUTCOME);
    if (i === Math.floor(mutants.docxXml / 2)) goodDocx();
  }
  for (let i = 0; i < mutants.pdfBytes; i++) {
    const m = mutateBytes(smallText, rng);
    add(`mutant-pdf-bytes-${i}`, 'pdf', `byte mutant of a text PDF (${m.ops.join(',')})`, m.bytes, ANY_INPUT_OUTCOME);
  }
  for (let i = 0; i < mutants.seedPdfBytes; i++) {
    const m = mutateBytes(seedPdf, rng);
    add(`mutant-seed-pdf-bytes-${i}`, 'pdf', `byte mutant of seed.pdf (${m.ops.join(',')})`, m.bytes, ANY_INPUT_OUTCOME);
  }
  for (let i = 0; i < mutants.docBytes; i++) {
    const m = mutateBytes(seedDoc, rng, 3);
    add(`mutant-doc-bytes-${i}`, 'doc', `byte mutant of seed.doc (${m.ops.join(',')})`, m.bytes, ANY_INPUT_OUTCOME);
  }
  goodDocx();
  return files;
}

/** The seed report with an extra 项目支出绩效自评表 of `rows` indicator rows appended. */
export function reportWithLargeTable(rowCount: number): Uint8Array {
  const seedXml = text(seedParts().find(([name]) => name === 'word/document.xml')![1]);
  const header = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
  const rows = [header];
  for (let i = 0; i < rowCount; i++) rows.push(['产出指标', '数量指标', `第${i + 1}项工作任务`, `≥${(i % 97) + 1}个`, `${(i % 89) + 1}个`, '1', `${(i % 10) / 10}`, i % 3 ? '' : '无']);
  const body = [paragraph('项目支出绩效自评表'), paragraph('（2023年度）'), table([['项目名称', '大表项目', '主管部门', '某局']]), table(rows)].join('');
  return seedWith({ 'word/document.xml': seedXml.replace('<w:sectPr', `${body}<w:sectPr`) });
}

/** Cell and paragraph texts a reviewer page, a spreadsheet export or a terminal must show inert. */
export const HOSTILE_TEXTS = [
  '<script>alert("xss")</script>',
  '<img src=x onerror=alert(1)>',
  "=cmd|'/c calc'!A1",
  '+SUM(1+1)*cmd|\' /C calc\'!A0',
  '@SUM(A1:A9)',
  '-2+3',
  '预算\u200b执行\u200c率\u200d\ufeff',
  '\u202e%001\u202c金额 \u200f٣٤٥\u200e',
  '\u0645\u0628\u0644\u063a 951.90 万元',
  'line\u2028separator\u2029para',
  '\u001b[31mred\u001b[0m',
  '"quoted", \'single\' & ampersand',
];

/** The seed document with some of its cell texts replaced by hostile ones (the report stays a report). */
function hostileCells(xml: string): string {
  let i = 0;
  // Replace every 40th text run: spread over all tables without breaking the report's structure.
  return xml.replace(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g, (m) => {
    i++;
    if (i % 40 !== 0) return m;
    const t = HOSTILE_TEXTS[(i / 40) % HOSTILE_TEXTS.length];
    return `<w:t xml:space="preserve">${escapeXml(t)}</w:t>`;
  });
}

function deflated(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(deflateRawSync(bytes));
}

function garble(bytes: Uint8Array, rng: Rng): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let k = 0; k < 64; k++) out[rng.int(Math.floor(out.length / 4), out.length)] = rng.int(0, 256);
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function lastIndexOf(hay: Uint8Array, needle: number[]): number {
  for (let i = hay.length - needle.length; i >= 0; i--) if (needle.every((b, k) => hay[i + k] === b)) return i;
  return -1;
}

function withZeroed(bytes: Uint8Array, at: number, len: number): Uint8Array {
  const out = new Uint8Array(bytes);
  out.fill(0, at, at + len);
  return out;
}

function withUint32(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const out = new Uint8Array(bytes);
  new DataView(out.buffer).setUint32(at, value, true);
  return out;
}

function withUint16(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const out = new Uint8Array(bytes);
  new DataView(out.buffer).setUint16(at, value, true);
  return out;
}
