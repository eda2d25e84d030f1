import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync, deflateSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { repeatedDeflate, repeatedSize } from './bomb.js';
import { ANY_INPUT_OUTCOME, type Outcome } from './corpus.js';
import { CONTENT_TYPES, ROOT_RELS, documentXml, escapeXml, paragraph, readSample, table } from './docx-kit.js';
import { mutateBytes, mutateXml } from './mutate.js';
import { chunk } from './png.js';
import { Rng } from './rng.js';
import { compoundFile } from '../fixtures/compound-file.js';
import { crc32, writeZip } from './zip-writer.js';

/**
 * The mutation fuzzer's generator (scripts/fuzz-inputs.ts runs it; test/hostile/fuzz.test.ts runs a
 * short version). From the samples and the real-report corpus it makes mutants of named classes —
 * byte damage, zip structure, bombs, hostile XML, broken OPC packages, crafted PDFs, mislabelled
 * and encrypted files — each with the outcomes its class allows and, for some, what the error
 * message must say. Seeded: the same seed and count give the same bytes.
 */
export interface FuzzCase {
  name: string;
  /** The mutation class (the unit the fuzz figures are counted in). */
  cls: string;
  desc: string;
  expect: readonly Outcome[];
  /** A pattern the error message must match (e.g. 加密 for an encrypted file). */
  message?: RegExp;
  /** A good source file mixed into the batch: its result must equal its result alone. */
  good?: boolean;
  /** For a report saved in another container: the project name the report must carry. */
  reportOf?: string;
}

type Made = { ext: string; bytes: Uint8Array | string; desc: string; expect?: readonly Outcome[]; message?: RegExp; reportOf?: string };
type Source = { name: string; bytes: Uint8Array };

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
const fromLatin1 = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

const REAL_DIR = new URL('../corpus/real/', import.meta.url);

/** The sources: the samples, then the real-report corpus (.docx and .pdf). */
export function fuzzSources(): { docx: Source[]; pdf: Source[]; doc: Source[] } {
  if (cachedSources) return cachedSources;
  const out = { docx: [{ name: 'seed.docx', bytes: readSample('seed.docx') }], pdf: [{ name: 'seed.pdf', bytes: readSample('seed.pdf') }], doc: [{ name: 'seed.doc', bytes: readSample('seed.doc') }] };
  const root = REAL_DIR.pathname;
  if (existsSync(root)) {
    for (const d of readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
      for (const f of readdirSync(join(root, d)).sort()) {
        const ext = f.split('.').pop()!;
        if (ext === 'docx' || ext === 'pdf' || ext === 'doc') out[ext].push({ name: `${d}/${f}`, bytes: new Uint8Array(readFileSync(join(root, d, f))) });
      }
    }
  }
  cachedSources = out;
  return out;
}
let cachedSources: ReturnType<typeof fuzzSources> | null = null;

// ───────────────────────── zip structure ─────────────────────────

interface Part {
  name: string;
  data: Uint8Array;
}

function partsOf(docx: Uint8Array): Part[] {
  return Object.entries(unzipSync(docx))
    .filter(([n]) => !n.endsWith('/'))
    .map(([name, data]) => ({ name, data }));
}

interface RawEntry {
  name: string;
  data: Uint8Array;
  /** Written payload (deflated unless stored). */
  payload?: Uint8Array;
  method?: number;
  crc?: number;
  size?: number;
  csize?: number;
  flags?: number;
  zip64?: boolean;
  descriptor?: boolean;
}

/**
 * A zip writer with the structure options the fuzzer needs: zip64 records, data descriptors, an
 * independent central-directory order, lying sizes and CRCs.
 */
function writeRawZip(entries: RawEntry[], options: { centralOrder?: number[]; zip64End?: boolean; extraEocd?: boolean } = {}): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const offsets: number[] = [];
  const metas: { name: Buffer; method: number; crc: number; size: number; csize: number; flags: number; zip64: boolean }[] = [];
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const method = e.method ?? 8;
    const payload = e.payload ?? (method === 0 ? e.data : deflateRawSync(e.data, { level: 6 }));
    const crc = e.crc ?? crc32(e.data);
    const size = e.size ?? e.data.length;
    const csize = e.csize ?? payload.length;
    const flags = (e.flags ?? 0) | 0x800 | (e.descriptor ? 8 : 0);
    const z64 = !!e.zip64;
    const extra = z64 ? Buffer.alloc(20) : Buffer.alloc(0);
    if (z64) {
      extra.writeUInt16LE(1, 0);
      extra.writeUInt16LE(16, 2);
      extra.writeBigUInt64LE(BigInt(size), 4);
      extra.writeBigUInt64LE(BigInt(csize), 12);
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(z64 ? 45 : 20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(e.descriptor ? 0 : crc, 14);
    local.writeUInt32LE(e.descriptor ? 0 : z64 ? 0xffffffff : csize >>> 0, 18);
    local.writeUInt32LE(e.descriptor ? 0 : z64 ? 0xffffffff : size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(extra.length, 28);
    offsets.push(offset);
    chunks.push(local, name, extra, Buffer.from(payload));
    offset += 30 + name.length + extra.length + payload.length;
    if (e.descriptor) {
      const d = Buffer.alloc(16);
      d.writeUInt32LE(0x08074b50, 0);
      d.writeUInt32LE(crc, 4);
      d.writeUInt32LE(csize >>> 0, 8);
      d.writeUInt32LE(size >>> 0, 12);
      chunks.push(d);
      offset += 16;
    }
    metas.push({ name, method, crc, size, csize, flags, zip64: z64 });
  }
  const order = options.centralOrder ?? entries.map((_, i) => i);
  for (const i of order) {
    const m = metas[i];
    const extra = m.zip64 ? Buffer.alloc(28) : Buffer.alloc(0);
    if (m.zip64) {
      extra.writeUInt16LE(1, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(m.size), 4);
      extra.writeBigUInt64LE(BigInt(m.csize), 12);
      extra.writeBigUInt64LE(BigInt(offsets[i]), 20);
    }
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(m.zip64 ? 45 : 20, 4);
    c.writeUInt16LE(m.zip64 ? 45 : 20, 6);
    c.writeUInt16LE(m.flags, 8);
    c.writeUInt16LE(m.method, 10);
    c.writeUInt32LE(m.crc, 16);
    c.writeUInt32LE(m.zip64 ? 0xffffffff : m.csize >>> 0, 20);
    c.writeUInt32LE(m.zip64 ? 0xffffffff : m.size >>> 0, 24);
    c.writeUInt16LE(m.name.length, 28);
    c.writeUInt16LE(extra.length, 30);
    c.writeUInt32LE(m.zip64 ? 0xffffffff : offsets[i], 42);
    central.push(c, m.name, extra);
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const tail: Buffer[] = [];
  if (options.zip64End) {
    const z = Buffer.alloc(56);
    z.writeUInt32LE(0x06064b50, 0);
    z.writeBigUInt64LE(44n, 4);
    z.writeUInt16LE(45, 12);
    z.writeUInt16LE(45, 14);
    z.writeBigUInt64LE(BigInt(order.length), 24);
    z.writeBigUInt64LE(BigInt(order.length), 32);
    z.writeBigUInt64LE(BigInt(cdSize), 40);
    z.writeBigUInt64LE(BigInt(offset), 48);
    const loc = Buffer.alloc(20);
    loc.writeUInt32LE(0x07064b50, 0);
    loc.writeBigUInt64LE(BigInt(offset + cdSize), 8);
    loc.writeUInt32LE(1, 16);
    tail.push(z, loc);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(options.zip64End ? 0xffff : order.length, 8);
  end.writeUInt16LE(options.zip64End ? 0xffff : order.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(options.zip64End ? 0xffffffff : offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, ...central, ...tail, end]));
}

function packParts(parts: Part[]): Uint8Array {
  return writeRawZip(parts.map((p) => ({ name: p.name, data: p.data })));
}

function withPart(parts: Part[], name: string, data: Uint8Array | string | null): Part[] {
  const out = parts.filter((p) => p.name !== name);
  if (data === null) return out;
  const bytes = typeof data === 'string' ? enc(data) : data;
  const at = parts.findIndex((p) => p.name === name);
  if (at < 0) return [...out, { name, data: bytes }];
  out.splice(at, 0, { name, data: bytes });
  return out;
}

/** Offsets of every zip record signature (local, central, descriptor, end) in a package. */
function zipBoundaries(b: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i + 4 <= b.length; i++) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && [0x0304, 0x0102, 0x0506, 0x0708, 0x0606, 0x0607].includes((b[i + 2] << 8) | b[i + 3])) out.push(i);
  }
  return out;
}

/** Offsets of the structural keywords of a PDF (objects, streams, xref, trailer). */
function pdfBoundaries(b: Uint8Array): number[] {
  const s = latin1(b);
  const out: number[] = [];
  for (const m of s.matchAll(/\d+ \d+ obj\b|endobj|stream\r?\n|endstream|\bxref\b|trailer|startxref|%%EOF/g)) out.push(m.index!);
  return out;
}

// ───────────────────────── raw PDFs ─────────────────────────

/** A PDF from object bodies (1-based), with a correct classic xref unless `xref` says otherwise. */
function rawPdf(objects: (string | Uint8Array)[], trailerExtra = '/Root 1 0 R', header = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'): Uint8Array {
  const parts: Buffer[] = [Buffer.from(header, 'latin1')];
  let at = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    const head = Buffer.from(`${i + 1} 0 obj\n`, 'latin1');
    const b = typeof body === 'string' ? Buffer.from(body, 'latin1') : Buffer.from(body);
    const tail = Buffer.from('\nendobj\n', 'latin1');
    offsets.push(at);
    parts.push(head, b, tail);
    at += head.length + b.length + tail.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} ${trailerExtra} >>\nstartxref\n${at}\n%%EOF\n`, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

function stream(dict: string, data: string | Uint8Array): Uint8Array {
  const d = typeof data === 'string' ? Buffer.from(data, 'latin1') : Buffer.from(data);
  return new Uint8Array(Buffer.concat([Buffer.from(`<< ${dict.replace('%LEN%', String(d.length))} >>\nstream\n`, 'latin1'), d, Buffer.from('\nendstream', 'latin1')]));
}

const TEXT_CONTENT = 'BT /F1 12 Tf 50 780 Td (Performance self-evaluation 951.90) Tj ET';
const FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';

/** A one-page text PDF: catalog 1, pages 2, page 3, content 4, font 5. */
export function onePagePdf(over: { catalog?: string; pages?: string; page?: string; content?: Uint8Array; font?: string; extra?: (string | Uint8Array)[] } = {}): Uint8Array {
  return rawPdf([
    over.catalog ?? '<< /Type /Catalog /Pages 2 0 R >>',
    over.pages ?? '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    over.page ?? '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    over.content ?? stream('/Length %LEN%', TEXT_CONTENT),
    over.font ?? FONT,
    ...(over.extra ?? []),
  ]);
}

// ───────────────────────── OLE (compound file) ─────────────────────────


/** A password-protected .docx as Word writes it (Agile encryption): an OLE file, the package encrypted inside. */
export function encryptedDocx(rng: Rng): Uint8Array {
  const info = Buffer.concat([
    Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]),
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password"><keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/><keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password"><p:encryptedKey spinCount="100000" saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA==" encryptedVerifierHashInput="AAAAAAAAAAAAAAAAAAAAAA==" encryptedVerifierHashValue="AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" encryptedKeyValue="AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="/></keyEncryptor></keyEncryptors></encryption>',
      'utf8',
    ),
  ]);
  const body = rng.bytes(12_000);
  const pkg = Buffer.alloc(8 + body.length);
  pkg.writeUInt32LE(11_500, 0);
  Buffer.from(body).copy(pkg, 8);
  const dataSpaces = Buffer.alloc(64, 0);
  return compoundFile([
    ['EncryptionInfo', info],
    ['EncryptedPackage', pkg],
    ['\u0006DataSpaces', dataSpaces],
  ]);
}

// ───────────────────────── reports in other containers ─────────────────────────

/** The tables and paragraphs of a Word document's body, in order (a rough reading, for re-saving elsewhere). */
function bodyBlocks(documentXmlText: string): ({ p: string } | { t: string[][] })[] {
  const out: ({ p: string } | { t: string[][] })[] = [];
  const body = documentXmlText.replace(/^[\s\S]*?<w:body>/, '');
  const texts = (x: string) => [...x.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  // Top-level tables and paragraphs (nested tables are flattened into their cell text).
  let i = 0;
  while (i < body.length) {
    const p = body.indexOf('<w:p', i);
    const t = body.indexOf('<w:tbl>', i);
    if (p < 0 && t < 0) break;
    if (t >= 0 && (p < 0 || t < p)) {
      let depth = 0;
      let j = t;
      const re = /<w:tbl>|<\/w:tbl>/g;
      re.lastIndex = t;
      for (let m = re.exec(body); m; m = re.exec(body)) {
        depth += m[0] === '<w:tbl>' ? 1 : -1;
        if (depth === 0) {
          j = m.index + m[0].length;
          break;
        }
      }
      const tbl = body.slice(t, j);
      const rows = [...tbl.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) => [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => unescape(texts(c[0]))));
      out.push({ t: rows });
      i = j;
    } else {
      const end = body.indexOf('</w:p>', p);
      if (end < 0) break;
      const s = unescape(texts(body.slice(p, end)));
      if (s.trim()) out.push({ p: s });
      i = end + 6;
    }
  }
  return out;
}

/** The report as a web page saved by WPS or Word as ".doc": GBK, Office namespaces, tables. */
function htmlReport(blocks: ReturnType<typeof bodyBlocks>): Uint8Array {
  const html = [
    '<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">',
    '<head><meta http-equiv=Content-Type content="text/html; charset=gb2312"><meta name=ProgId content=Word.Document><meta name=Generator content="WPS Office"><title></title></head><body>',
    ...blocks.map((b) =>
      'p' in b
        ? `<p class=MsoNormal><span style='font-family:宋体'>${escapeXml(b.p)}</span></p>`
        : `<table class=MsoTableGrid border=1 cellspacing=0>${b.t.map((r) => `<tr>${r.map((c) => `<td valign=top><p class=MsoNormal>${escapeXml(c)}</p></td>`).join('')}</tr>`).join('')}</table>`,
    ),
    '</body></html>',
  ].join('\r\n');
  return encodeGbk(html);
}

/** GBK bytes of a string (via iconv-lite, which the HTML reader uses too). */
function encodeGbk(s: string): Uint8Array {
  return gbk!(s);
}
let gbk: ((s: string) => Uint8Array) | null = null;
export async function loadGbk(): Promise<void> {
  if (gbk) return;
  const iconv = (await import('iconv-lite')).default;
  gbk = (s: string) => new Uint8Array(iconv.encode(s, 'gbk'));
}

/** The report in RTF (what Word or WPS "save as .doc" in RTF writes): \uN escapes and \trowd tables. */
function rtfReport(blocks: ReturnType<typeof bodyBlocks>): string {
  const esc = (s: string) =>
    [...s]
      .map((ch) => {
        const c = ch.codePointAt(0)!;
        if (ch === '\\' || ch === '{' || ch === '}') return `\\${ch}`;
        if (c < 128) return ch;
        if (c > 0xffff) return '?';
        return `\\u${c > 32767 ? c - 65536 : c}?`;
      })
      .join('');
  const out = ['{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 SimSun;}}\\f0\\fs21'];
  for (const b of blocks) {
    if ('p' in b) out.push(`\\pard\\plain ${esc(b.p)}\\par`);
    else {
      for (const r of b.t) {
        const cells = r.map((_, i) => `\\clbrdrt\\brdrs\\clbrdrl\\brdrs\\clbrdrb\\brdrs\\clbrdrr\\brdrs\\cellx${(i + 1) * 1200}`).join('');
        out.push(`\\trowd\\trgaph108${cells}${r.map((c) => `\\pard\\intbl ${esc(c)}\\cell`).join('')}\\row`);
      }
      out.push('\\pard\\par');
    }
  }
  out.push('}');
  return out.join('\n');
}

// ───────────────────────── the classes ─────────────────────────

type Ctx = { rng: Rng; src: ReturnType<typeof fuzzSources>; docx: () => Source; pdf: () => Source };
type Generator = (c: Ctx) => Made;

const ANY = ANY_INPUT_OUTCOME;
const MIB = 1024 * 1024;

function docXml(parts: Part[]): string {
  return dec(parts.find((p) => p.name === 'word/document.xml')!.data);
}

export const CLASSES: Record<string, Generator> = {
  // ── bytes ──
  'bitflip-docx': ({ rng, docx }) => {
    const s = docx();
    const b = new Uint8Array(s.bytes);
    const n = rng.int(1, 9);
    for (let k = 0; k < n; k++) b[rng.int(0, b.length)] ^= 1 << rng.int(0, 8);
    return { ext: 'docx', bytes: b, desc: `${n} bit flips in ${s.name}` };
  },
  'bitflip-pdf': ({ rng, pdf }) => {
    const s = pdf();
    const b = new Uint8Array(s.bytes);
    const n = rng.int(1, 9);
    for (let k = 0; k < n; k++) b[rng.int(0, b.length)] ^= 1 << rng.int(0, 8);
    return { ext: 'pdf', bytes: b, desc: `${n} bit flips in ${s.name}` };
  },
  'bytes-docx': ({ rng, docx }) => {
    const s = docx();
    const m = mutateBytes(s.bytes, rng);
    return { ext: 'docx', bytes: m.bytes, desc: `${s.name}: ${m.ops.join(',')}` };
  },
  'bytes-pdf': ({ rng, pdf }) => {
    const s = pdf();
    const m = mutateBytes(s.bytes, rng);
    return { ext: 'pdf', bytes: m.bytes, desc: `${s.name}: ${m.ops.join(',')}` };
  },
  'truncate-zip-boundary': ({ rng, docx }) => {
    const s = docx();
    const bounds = zipBoundaries(s.bytes);
    const at = rng.pick(bounds) + rng.pick([0, 1, 4, 12, 30, 46]);
    return { ext: 'docx', bytes: s.bytes.slice(0, Math.min(at, s.bytes.length - 1)), desc: `${s.name} cut at ${at}` };
  },
  'truncate-pdf-boundary': ({ rng, pdf }) => {
    const s = pdf();
    const bounds = pdfBoundaries(s.bytes);
    const at = rng.pick(bounds) + rng.pick([0, 1, 5, 9]);
    return { ext: 'pdf', bytes: s.bytes.slice(0, Math.min(at, s.bytes.length - 1)), desc: `${s.name} cut at ${at}` };
  },
  // ── zip structure ──
  'zip-reordered': ({ rng, docx }) => {
    const s = docx();
    const parts = partsOf(s.bytes);
    const order = parts.map((_, i) => i).sort(() => rng.next() - 0.5);
    const central = parts.map((_, i) => i).sort(() => rng.next() - 0.5);
    return { ext: 'docx', bytes: writeRawZip(order.map((i) => parts[i]), { centralOrder: central }), desc: `${s.name}: entries and directory shuffled`, expect: ['ok'] };
  },
  'zip-duplicate-entry': ({ rng, docx }) => {
    const s = docx();
    const parts = partsOf(s.bytes);
    const dup = rng.pick(parts);
    const other = rng.next() < 0.5 ? dup.data : enc('<x/>');
    return { ext: 'docx', bytes: writeRawZip([...parts, { name: dup.name, data: other }]), desc: `${s.name}: ${dup.name} twice`, expect: ['CORRUPT_FILE'] };
  },
  'zip-wrong-size': ({ rng, docx }) => {
    const s = docx();
    const parts = partsOf(s.bytes);
    const i = rng.int(0, parts.length);
    const delta = rng.pick([-1, 1, -100, 1000, 1 << 20]);
    return { ext: 'docx', bytes: writeRawZip(parts.map((p, k) => (k === i ? { ...p, size: Math.max(0, p.data.length + delta) } : p))), desc: `${s.name}: ${parts[i].name} size ${delta > 0 ? '+' : ''}${delta}` };
  },
  'zip-wrong-crc': ({ rng, docx }) => {
    const s = docx();
    const parts = partsOf(s.bytes);
    const i = rng.int(0, parts.length);
    return { ext: 'docx', bytes: writeRawZip(parts.map((p, k) => (k === i ? { ...p, crc: (crc32(p.data) ^ 0x10) >>> 0 } : p))), desc: `${s.name}: ${parts[i].name} CRC wrong` };
  },
  'zip-zip64': ({ docx }) => {
    const s = docx();
    const parts = partsOf(s.bytes);
    return { ext: 'docx', bytes: writeRawZip(parts.map((p) => ({ ...p, zip64: true })), { zip64End: true }), desc: `${s.name} rewritten as zip64`, expect: ['ok'] };
  },
  'zip-data-descriptor': ({ rng, docx }) => {
    const s = docx();
    const parts = partsOf(s.bytes);
    const stored = rng.next() < 0.3;
    return { ext: 'docx', bytes: writeRawZip(parts.map((p) => ({ ...p, descriptor: true, method: stored ? 0 : 8 }))), desc: `${s.name} streamed with data descriptors${stored ? ' (stored)' : ''}`, expect: ['ok'] };
  },
  'zip-encrypted-entry': ({ docx }) => {
    const s = docx();
    const parts = partsOf(s.bytes);
    return { ext: 'docx', bytes: writeRawZip(parts.map((p) => (p.name === 'word/document.xml' ? { ...p, flags: 1 } : p))), desc: `${s.name}: document.xml with the encrypted flag (zip password)`, expect: ['CORRUPT_FILE', 'ENCRYPTED_PDF'], message: /加密/ };
  },
  'zip-empty': ({ rng }) => {
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    const ext = rng.pick(['docx', 'doc', 'ofd']);
    return { ext, bytes: new Uint8Array(eocd), desc: `0-entry zip named .${ext}`, expect: ['UNSUPPORTED_FORMAT', 'CORRUPT_FILE', 'EMPTY_FILE'] };
  },
  // ── bombs ──
  'bomb-ratio': ({ rng }) => {
    const mib = rng.pick([48, 63, 200, 4096]);
    const unit = enc('<w:p><w:r><w:t>绩效</w:t></w:r></w:p>'.repeat(2000));
    const reps = Math.ceil((mib * MIB) / unit.length);
    const prefix = documentXml('').replace(/<w:sectPr\/><\/w:body><\/w:document>$/, '');
    const suffix = '<w:sectPr/></w:body></w:document>';
    const deflated = repeatedDeflate(prefix, unit, reps, suffix);
    const size = repeatedSize(prefix, unit, reps, suffix);
    const honest = rng.next() < 0.7;
    const bytes = writeZip([
      { name: '[Content_Types].xml', data: enc(CONTENT_TYPES) },
      { name: '_rels/.rels', data: enc(ROOT_RELS) },
      { name: 'word/document.xml', deflated, declaredSize: honest ? size : 4096 },
    ]);
    return { ext: 'docx', bytes, desc: `document.xml of ${mib} MiB paragraphs (${honest ? 'honest size' : 'declares 4 KiB'}), ratio ${Math.round(size / bytes.length)}:1`, expect: ['ok', 'LIMIT_EXCEEDED', 'CORRUPT_FILE'] };
  },
  'bomb-nested': ({ rng, docx }) => {
    // A zip of zips: an embedded package (word/embeddings) that is itself a bomb, in a real report.
    const fill = new Uint8Array(MIB).fill(0x41);
    let inner = writeZip([{ name: 'a.bin', deflated: repeatedDeflate('', fill, 1024, ''), declaredSize: 1024 * MIB }]);
    const depth = rng.int(1, 4);
    for (let d = 1; d < depth; d++) inner = writeZip(Array.from({ length: 8 }, (_, i) => ({ name: `l${d}-${i}.zip`, data: inner, method: 0 as const })));
    const s = docx();
    const parts = partsOf(s.bytes);
    const name = rng.pick(['word/embeddings/oleObject1.bin', 'word/embeddings/Microsoft_Word___1.docx', 'word/media/image99.png', 'customXml/item9.xml']);
    return { ext: 'docx', bytes: packParts(withPart(parts, name, inner)), desc: `${s.name} carrying a ${depth}-level nested zip bomb as ${name}`, expect: ['ok', 'LIMIT_EXCEEDED'] };
  },
  'huge-image-docx': ({ rng, docx }) => {
    // A picture whose header claims a vast size (a decompression bomb for an image decoder).
    const s = docx();
    const w = rng.pick([30000, 65535, 100000]);
    const h = rng.pick([30000, 65535, 1]);
    return { ext: 'docx', bytes: docxWithPicture(s.bytes, hugePng(w, h)), desc: `${s.name} with a ${w}×${h} PNG`, expect: ['ok', 'LIMIT_EXCEEDED'] };
  },
  // ── XML ──
  'xml-doctype': ({ rng, docx }) => {
    const s = docx();
    const parts = partsOf(s.bytes);
    const target = rng.pick(['word/document.xml', 'word/styles.xml', 'word/numbering.xml', 'word/_rels/document.xml.rels', '_rels/.rels', 'word/header1.xml', 'word/footnotes.xml']);
    const p = parts.find((x) => x.name === target) ?? parts.find((x) => x.name === 'word/document.xml')!;
    const dtd = rng.pick([
      '<!DOCTYPE r>',
      '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>',
      `<!DOCTYPE r [<!ENTITY big "${'x'.repeat(100_000)}">]>`,
      '<!DOCTYPE r SYSTEM "file:///etc/passwd">',
      '<!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:1/x.dtd"> %p;]>',
    ]);
    const xml = dec(p.data).replace(/^(<\?xml[^>]*\?>)?/, (m) => `${m}${dtd}`);
    const refd = xml.replace(/<w:t>([^<]*)<\/w:t>/, '<w:t>&h;&big;$1</w:t>');
    return { ext: 'docx', bytes: packParts(withPart(parts, p.name, refd)), desc: `${s.name}: ${p.name} with ${dtd.slice(0, 40)}…` };
  },
  'xml-deep-nesting': ({ rng, docx }) => {
    const s = docx();
    const parts = partsOf(s.bytes);
    const depth = rng.pick([10_000, 100_000, 1_000_000]);
    const tag = rng.pick(['w:r', 'w:sdtContent', 'w:tc', 'x', 'w:tbl']);
    const doc = docXml(parts).replace('<w:sectPr', `${`<${tag}>`.repeat(depth)}${`</${tag}>`.repeat(rng.next() < 0.5 ? depth : 0)}<w:sectPr`);
    return { ext: 'docx', bytes: packParts(withPart(parts, 'word/document.xml', doc)), desc: `${s.name}: ${depth} nested <${tag}>` };
  },
  'xml-huge-attribute': ({ rng, docx }) => {
    const s = docx();
    const parts = partsOf(s.bytes);
    const len = rng.pick([MIB, 16 * MIB, 60 * MIB]);
    const many = rng.next() < 0.3;
    const attr = many ? Array.from({ length: 200_000 }, (_, i) => ` a${i}="1"`).join('') : ` w:val="${'9'.repeat(len)}"`;
    const doc = docXml(parts).replace(/<w:gridSpan w:val="\d+"\/>|<w:jc w:val="\w+"\/>|<w:b\/>/, (m) => m.replace('/>', `${attr}/>`));
    return { ext: 'docx', bytes: packParts(withPart(parts, 'word/document.xml', doc)), desc: `${s.name}: ${many ? '200,000 attributes' : `${len >> 20} MiB attribute`}` };
  },
  'xml-markup': ({ rng, docx }) => {
    const s = docx();
    const parts = partsOf(s.bytes);
    const target = rng.pick(['word/document.xml', 'word/document.xml', 'word/styles.xml', 'word/numbering.xml', 'word/_rels/document.xml.rels', '[Content_Types].xml', '_rels/.rels']);
    const p = parts.find((x) => x.name === target) ?? parts.find((x) => x.name === 'word/document.xml')!;
    const m = mutateXml(dec(p.data), rng);
    return { ext: 'docx', bytes: packParts(withPart(parts, p.name, m.xml)), desc: `${s.name}: ${p.name} ${m.ops.join(',')}` };
  },
  'xml-encoding': ({ rng, docx }) => {
    const s = docx();
    const parts = partsOf(s.bytes);
    const xml = docXml(parts);
    const how = rng.pick(['utf16', 'gbk-declared', 'bom-mismatch', 'invalid-utf8']);
    let bytes: Uint8Array;
    if (how === 'utf16') bytes = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml.replace('encoding="UTF-8"', 'encoding="UTF-16"'), 'utf16le')]));
    else if (how === 'gbk-declared') bytes = enc(xml.replace(/encoding="UTF-8"/i, 'encoding="GBK"'));
    else if (how === 'bom-mismatch') bytes = new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(xml, 'utf8')]));
    else {
      const b = Buffer.from(xml, 'utf8');
      for (let k = 0; k < 20; k++) b[rng.int(Math.floor(b.length / 3), b.length)] = 0xff;
      bytes = new Uint8Array(b);
    }
    return { ext: 'docx', bytes: packParts(withPart(parts, 'word/document.xml', bytes)), desc: `${s.name}: document.xml ${how}` };
  },
  // ── OPC ──
  'opc-missing-document': ({ rng, docx }) => {
    const s = docx();
    const parts = partsOf(s.bytes);
    const drop = rng.pick(['word/document.xml', 'word/document.xml+rels']);
    const left = drop === 'word/document.xml' ? withPart(parts, 'word/document.xml', null) : withPart(withPart(parts, 'word/document.xml', null), '_rels/.rels', null);
    return { ext: 'docx', bytes: packParts(left), desc: `${s.name} without ${drop}`, expect: ['CORRUPT_FILE'], message: /document\.xml|正文/ };
  },
  'opc-missing-rels': ({ rng, docx }) => {
    const s = docx();
    const parts = partsOf(s.bytes);
    const drop = rng.pick(['_rels/.rels', 'word/_rels/document.xml.rels', '[Content_Types].xml', 'word/styles.xml', 'word/numbering.xml']);
    return { ext: 'docx', bytes: packParts(withPart(parts, drop, null)), desc: `${s.name} without ${drop}`, expect: ['ok'] };
  },
  'opc-circular-rels': ({ rng, docx }) => {
    const s = docx();
    const parts = partsOf(s.bytes);
    const how = rng.pick(['self-header', 'header-loop', 'main-is-rels', 'main-is-folder', 'main-is-content-types']);
    let out = parts;
    const R = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
    const rels = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${body}</Relationships>`;
    if (how === 'self-header') out = withPart(parts, 'word/_rels/document.xml.rels', rels(R('rId1', 'header', 'document.xml') + R('rId2', 'styles', 'document.xml') + R('rId3', 'numbering', '../word/document.xml') + R('rId4', 'footnotes', 'document.xml')));
    else if (how === 'header-loop') {
      out = withPart(parts, 'word/_rels/document.xml.rels', rels(R('rId1', 'header', 'header9.xml')));
      out = withPart(out, 'word/header9.xml', '<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>页眉</w:t></w:r></w:p></w:hdr>');
      out = withPart(out, 'word/_rels/header9.xml.rels', rels(R('rId1', 'header', 'header9.xml') + R('rId2', 'officeDocument', 'document.xml')));
    } else {
      const target = how === 'main-is-rels' ? '_rels/.rels' : how === 'main-is-folder' ? 'word/' : '[Content_Types].xml';
      out = withPart(parts, '_rels/.rels', rels(R('rId1', 'officeDocument', target)));
    }
    return { ext: 'docx', bytes: packParts(out), desc: `${s.name}: relationships ${how}` };
  },
  'opc-external-target': ({ rng, docx }) => {
    const s = docx();
    const parts = partsOf(s.bytes);
    const how = rng.pick(['main-external', 'main-url', 'image-external', 'header-unc', 'main-absolute', 'main-percent']);
    const R = (id: string, type: string, target: string, ext = false) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"${ext ? ' TargetMode="External"' : ''}/>`;
    const rels = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${body}</Relationships>`;
    let out = parts;
    let expect: readonly Outcome[] = ANY;
    if (how === 'main-external') out = withPart(parts, '_rels/.rels', rels(R('rId1', 'officeDocument', 'http://127.0.0.1:1/document.xml', true)));
    else if (how === 'main-url') out = withPart(parts, '_rels/.rels', rels(R('rId1', 'officeDocument', 'file:///etc/passwd')));
    else if (how === 'main-absolute') {
      out = withPart(parts, '_rels/.rels', rels(R('rId1', 'officeDocument', '/word/document.xml')));
      expect = ['ok'];
    } else if (how === 'main-percent') out = withPart(parts, '_rels/.rels', rels(R('rId1', 'officeDocument', 'word/%64ocument.xml')));
    else {
      const relsName = 'word/_rels/document.xml.rels';
      const old = dec(parts.find((p) => p.name === relsName)?.data ?? enc(rels('')));
      const add = how === 'image-external' ? R('rIdX1', 'image', 'http://127.0.0.1:1/x.png', true) : R('rIdX1', 'header', '\\\\127.0.0.1\\share\\h.xml', true);
      out = withPart(parts, relsName, old.replace('</Relationships>', `${add}</Relationships>`));
      if (how === 'image-external') out = withPart(out, 'word/document.xml', docXml(out).replace('<w:sectPr', `${drawing('rIdX1', true)}<w:sectPr`));
      expect = ['ok'];
    }
    return { ext: 'docx', bytes: packParts(out), desc: `${s.name}: ${how}`, expect };
  },
  // ── PDF structure ──
  'pdf-xref-loop': ({ rng }) => {
    const base = latin1(onePagePdf());
    const how = rng.pick(['prev-self', 'prev-cycle', 'xrefstm-self']);
    const sx = base.lastIndexOf('startxref');
    const xrefAt = Number(/startxref\n(\d+)/.exec(base.slice(sx))![1]);
    let s = base;
    if (how === 'prev-self') s = base.replace(/trailer\n<< /, `trailer\n<< /Prev ${xrefAt} `);
    else if (how === 'prev-cycle') {
      // An incremental update whose xref points back to itself through the first.
      const head = base.replace(/trailer\n<< /, `trailer\n<< /Prev ${base.length} `);
      const second = `xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 6 /Root 1 0 R /Prev ${xrefAt} >>\nstartxref\n${base.length}\n%%EOF\n`;
      s = head + second;
    } else s = base.replace(/trailer\n<< /, `trailer\n<< /XRefStm ${xrefAt} `);
    return { ext: 'pdf', bytes: fromLatin1(s), desc: `PDF xref ${how}`, expect: ['ok', 'CORRUPT_FILE'] };
  },
  'pdf-length-lie': ({ rng }) => {
    const lie = rng.pick(['999999999', '-5', '0', '4 0 R', '6 0 R', '1.5e300']);
    const content = new Uint8Array(Buffer.from(`<< /Length ${lie} >>\nstream\n${TEXT_CONTENT}\nendstream`, 'latin1'));
    return { ext: 'pdf', bytes: onePagePdf({ content, extra: ['7 0 R'] }), desc: `content stream /Length ${lie}`, expect: ['ok', 'CORRUPT_FILE', 'NO_TEXT_LAYER'] };
  },
  'pdf-huge-count': ({ rng }) => {
    const count = rng.pick(['2147483647', '99999999999999999999', '-1', '1e9']);
    return { ext: 'pdf', bytes: onePagePdf({ pages: `<< /Type /Pages /Kids [3 0 R] /Count ${count} >>` }), desc: `/Count ${count} with one page`, expect: ['ok', 'CORRUPT_FILE', 'LIMIT_EXCEEDED'] };
  },
  'pdf-deep-pages': ({ rng }) => {
    const depth = rng.pick([100, 5000, 50_000]);
    const cyclic = rng.next() < 0.4;
    // Objects: 1 catalog, 2 page, 3 content, 4 font, 5.. Pages nodes (5 is the root).
    const objs: string[] = [
      '<< /Type /Catalog /Pages 5 0 R >>',
      `<< /Type /Page /Parent ${5 + depth - 1} 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>`,
      latin1(stream('/Length %LEN%', TEXT_CONTENT)),
      FONT,
    ];
    for (let d = 0; d < depth; d++) {
      const id = 5 + d;
      const kid = d === depth - 1 ? (cyclic ? 5 : 2) : id + 1;
      objs.push(`<< /Type /Pages ${d ? `/Parent ${id - 1} 0 R ` : ''}/Kids [${kid} 0 R] /Count 1 >>`);
    }
    return { ext: 'pdf', bytes: rawPdf(objs), desc: `Pages tree ${depth} deep${cyclic ? ', the leaf pointing back to the root' : ''}`, expect: ['ok', 'CORRUPT_FILE', 'LIMIT_EXCEEDED', 'NO_TEXT_LAYER'] };
  },
  'pdf-objstm-cycle': ({ rng }) => {
    // Object streams that contain each other (each object's xref entry says it lives in the other stream).
    const how = rng.pick(['mutual', 'self', 'extends-self']);
    const objstm = (n: number, body: string, extends_ = '') => latin1(stream(`/Type /ObjStm /N 1 /First ${`${n} 0 `.length}${extends_} /Length %LEN%`, `${n} 0 ${body}`));
    const objs = [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
      latin1(stream('/Length %LEN%', TEXT_CONTENT)),
      FONT,
      objstm(7, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', how === 'extends-self' ? ' /Extends 6 0 R' : ''),
      objstm(6, '<< /Foo 1 >>'),
    ];
    // Build with an xref stream: 2 lives in 6, 6 in 7, 7 in 6 (or 6 in itself).
    const parts: Buffer[] = [Buffer.from('%PDF-1.7\n', 'latin1')];
    const offs: number[] = [0];
    let at = parts[0].length;
    objs.forEach((body, i) => {
      if (i === 1) {
        offs.push(-1);
        return;
      }
      const b = Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`, 'latin1');
      offs.push(at);
      parts.push(b);
      at += b.length;
    });
    const rows: number[][] = [[0, 0, 0xffff]];
    for (let n = 1; n <= objs.length; n++) {
      if (n === 2) rows.push([2, 6, 0]);
      else if (n === 6) rows.push(how === 'self' ? [2, 6, 0] : [2, 7, 0]);
      else if (n === 7) rows.push(how === 'mutual' ? [2, 6, 0] : [1, offs[n], 0]);
      else rows.push([1, offs[n], 0]);
    }
    rows.push([1, at, 0]);
    const data = Buffer.concat(rows.map(([t, f, g]) => Buffer.from([t, (f >>> 24) & 255, (f >>> 16) & 255, (f >>> 8) & 255, f & 255, (g >>> 8) & 255, g & 255])));
    const xrefObj = Buffer.concat([Buffer.from(`${objs.length + 1} 0 obj\n<< /Type /XRef /Size ${objs.length + 2} /W [1 4 2] /Root 1 0 R /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream\nendobj\n', 'latin1')]);
    parts.push(xrefObj, Buffer.from(`startxref\n${at}\n%%EOF\n`, 'latin1'));
    return { ext: 'pdf', bytes: new Uint8Array(Buffer.concat(parts)), desc: `object streams ${how}`, expect: ['ok', 'CORRUPT_FILE', 'NO_TEXT_LAYER'] };
  },
  'pdf-actions': ({ rng }) => {
    const action = rng.pick([
      '<< /S /JavaScript /JS (app.alert\\(1\\); while\\(true\\){}) >>',
      '<< /S /Launch /F (/bin/sh) /Win << /F (cmd.exe) /P (/c calc) >> >>',
      '<< /S /URI /URI (http://127.0.0.1:1/) >>',
      '<< /S /SubmitForm /F << /FS /URL /F (http://127.0.0.1:1/) >> >>',
      '<< /S /GoToR /F (file:///etc/passwd) /D [0 /Fit] >>',
    ]);
    return {
      ext: 'pdf',
      bytes: onePagePdf({ catalog: `<< /Type /Catalog /Pages 2 0 R /OpenAction ${action} /AA << /WC ${action} >> /Names << /JavaScript << /Names [(x) ${action}] >> >> >>` }),
      desc: `PDF with ${/\/S \/(\w+)/.exec(action)![1]} action`,
      expect: ['ok'],
    };
  },
  'pdf-huge-image': ({ rng }) => {
    const w = rng.pick([100_000, 65_536, 30_000]);
    const h = rng.pick([100_000, 30_000, 1]);
    const filter = rng.pick(['/FlateDecode', '/DCTDecode', '/JPXDecode', '/CCITTFaxDecode /DecodeParms << /Columns ' + w + ' /Rows ' + h + ' >>']);
    const data = filter === '/FlateDecode' ? deflateSync(Buffer.alloc(1 << 16)) : Buffer.alloc(64, 0x11);
    const img = stream(`/Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter ${filter} /Length %LEN%`, data);
    const withText = rng.next() < 0.5;
    const content = `q 595 0 0 842 0 0 cm /Im1 Do Q${withText ? ` ${TEXT_CONTENT}` : ''}`;
    return {
      ext: 'pdf',
      bytes: onePagePdf({ page: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> >>', content: stream('/Length %LEN%', content), extra: [img] }),
      desc: `page image ${w}×${h} ${filter.split(' ')[0]}${withText ? ' under text' : ''}`,
      expect: ['ok', 'NO_TEXT_LAYER', 'LIMIT_EXCEEDED', 'CORRUPT_FILE'],
    };
  },
  'pdf-bad-font': ({ rng }) => {
    const kind = rng.pick(['FontFile2', 'FontFile3', 'FontFile']);
    const junk = rng.bytes(rng.int(12, 3000));
    // A TrueType header claiming many tables with absurd offsets, then junk.
    const head = Buffer.alloc(12 + 16 * 4);
    head.writeUInt32BE(0x00010000, 0);
    head.writeUInt16BE(4, 4);
    ['glyf', 'loca', 'cmap', 'head'].forEach((t, i) => {
      head.write(t, 12 + i * 16, 'latin1');
      head.writeUInt32BE(0x7fffffff, 12 + i * 16 + 8);
      head.writeUInt32BE(0x7fffffff, 12 + i * 16 + 12);
    });
    const file = stream(`${kind === 'FontFile3' ? '/Subtype /Type1C ' : ''}/Length %LEN%`, Buffer.concat([head, Buffer.from(junk)]));
    const font = `<< /Type /Font /Subtype /TrueType /BaseFont /Fuzz /FirstChar 32 /LastChar 126 /Widths [${'500 '.repeat(95)}] /FontDescriptor 7 0 R >>`;
    const desc = `<< /Type /FontDescriptor /FontName /Fuzz /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /${kind} 6 0 R >>`;
    return { ext: 'pdf', bytes: onePagePdf({ font, extra: [file, desc] }), desc: `text in a font with a broken ${kind}`, expect: ['ok', 'NO_TEXT_LAYER', 'CORRUPT_FILE'] };
  },
  // ── mislabelled, encrypted, other containers ──
  'wrong-extension': ({ rng, docx, pdf }) => {
    const how = rng.pick(['docx-as-pdf', 'pdf-as-docx', 'pdf-as-doc', 'docx-as-doc', 'html-as-docx', 'text-as-pdf', 'png-as-pdf']);
    if (how === 'docx-as-pdf') return { ext: 'pdf', bytes: docx().bytes, desc: how, expect: ['ok'] };
    if (how === 'docx-as-doc') return { ext: 'doc', bytes: docx().bytes, desc: how, expect: ['ok'] };
    if (how === 'pdf-as-docx' || how === 'pdf-as-doc') return { ext: how.endsWith('doc') ? 'doc' : 'docx', bytes: pdf().bytes, desc: how, expect: ['ok', 'NO_TEXT_LAYER'] };
    if (how === 'html-as-docx') return { ext: 'docx', bytes: `<!DOCTYPE html><html><body>${table([['项目名称', '测试'], ['预算', '100']])}</body></html>`, desc: how, expect: ['ok'] };
    if (how === 'png-as-pdf') return { ext: 'pdf', bytes: hugePng(100, 100), desc: how, expect: ['UNSUPPORTED_FORMAT'], message: /格式|图片/ };
    return { ext: 'pdf', bytes: '项目支出绩效自评报告\n预算 100 万元\n'.repeat(20), desc: how, expect: ['UNSUPPORTED_FORMAT'] };
  },
  empty: ({ rng }) => {
    const ext = rng.pick(['docx', 'pdf', 'doc', 'ofd', 'mht']);
    const bytes = rng.pick([new Uint8Array(0), enc('   \r\n\t  '), enc('\ufeff'), new Uint8Array(4096)]);
    return { ext, bytes, desc: `${bytes.length}-byte blank .${ext}`, expect: ['EMPTY_FILE'], message: /空/ };
  },
  'encrypted-docx': ({ rng }) => {
    const ext = rng.pick(['docx', 'docx', 'doc', 'docm']);
    return { ext, bytes: encryptedDocx(rng), desc: `password-protected Office file (.${ext}; OLE EncryptedPackage)`, expect: ['ENCRYPTED_PDF'], message: /已加密/ };
  },
  'doc-is-html': ({ docx }) => {
    const s = docx();
    const blocks = bodyBlocks(docXml(partsOf(s.bytes)));
    return { ext: 'doc', bytes: htmlReport(blocks), desc: `${s.name} as a WPS web page (GBK) named .doc`, expect: ['ok'], reportOf: s.name };
  },
  'doc-is-rtf': ({ docx }) => {
    const s = docx();
    const blocks = bodyBlocks(docXml(partsOf(s.bytes)));
    return { ext: 'doc', bytes: rtfReport(blocks), desc: `${s.name} as RTF named .doc`, expect: ['ok'], reportOf: s.name };
  },
  'bytes-doc': ({ rng, src }) => {
    const s = rng.pick(src.doc);
    const m = mutateBytes(s.bytes, rng, 3);
    return { ext: 'doc', bytes: m.bytes, desc: `${s.name}: ${m.ops.join(',')}` };
  },
};

/** Classes that run LibreOffice (seconds a file): made at most this often. */
const SLOW = new Set(['doc-is-rtf', 'bytes-doc']);

/** A Word package whose own relationships (_rels/.rels) name `target` as the main part. */
export function docxWithRootRels(docx: Uint8Array, target: string): Uint8Array {
  const rels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${target}"/></Relationships>`;
  return packParts(withPart(partsOf(docx), '_rels/.rels', rels));
}

/** A Word package with one more picture (a PNG, 5 × 5 inches on the page) at the end of its body. */
export function docxWithPicture(docx: Uint8Array, png: Uint8Array): Uint8Array {
  const parts = partsOf(docx);
  const doc = docXml(parts).replace('<w:sectPr', `${drawing('rIdFuzzImg')}<w:sectPr`);
  const relsName = 'word/_rels/document.xml.rels';
  const rels = dec(parts.find((p) => p.name === relsName)?.data ?? enc('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>')).replace(
    '</Relationships>',
    '<Relationship Id="rIdFuzzImg" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/fuzz.png"/></Relationships>',
  );
  return packParts(withPart(withPart(withPart(parts, 'word/document.xml', doc), relsName, rels), 'word/media/fuzz.png', png));
}

/** A PNG whose header says width × height, with only a few rows of data behind it. */
export function hugePng(width: number, height: number): Uint8Array {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  // A few rows of real data then nothing: the decoder must not allocate width × height up front blindly.
  const rows = Math.min(height, 4);
  const raw = Buffer.alloc((width * 3 + 1) * rows);
  return new Uint8Array(Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
}

function drawing(rId: string, link = false): string {
  return `<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="5000000" cy="5000000"/><wp:docPr id="99" name="fuzz"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="99" name="fuzz.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:${link ? 'link' : 'embed'}="${rId}"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`;
}

export interface FuzzOptions {
  seed?: number;
  /** Mutants in all (spread over the classes round-robin; the slow LibreOffice classes get few). */
  count?: number;
  /** Only these classes. */
  classes?: string[];
  /** Good files mixed in (every `goodEvery` mutants). */
  goodEvery?: number;
  /** Most LibreOffice-converted mutants. */
  maxSlow?: number;
}

export const FUZZ_SEED = 20261206;

/** Write the fuzz batch into `dir`; returns its cases in folder (processing) order. */
export async function generateFuzz(dir: string, options: FuzzOptions = {}): Promise<FuzzCase[]> {
  await loadGbk();
  mkdirSync(dir, { recursive: true });
  const rng = new Rng(options.seed ?? FUZZ_SEED);
  const src = fuzzSources();
  const ctx: Ctx = { rng, src, docx: () => rng.pick(src.docx), pdf: () => rng.pick(src.pdf) };
  const names = options.classes ?? Object.keys(CLASSES);
  const count = options.count ?? 2000;
  const goodEvery = options.goodEvery ?? 50;
  const maxSlow = options.maxSlow ?? 6;
  const cases: FuzzCase[] = [];
  let n = 0;
  const add = (stem: string, c: Omit<FuzzCase, 'name'>, ext: string, bytes: Uint8Array | string) => {
    const name = `${String(n++).padStart(5, '0')}-${stem}.${ext}`;
    writeFileSync(join(dir, name), typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
    cases.push({ name, ...c });
  };
  const good = () => {
    const s = n % 2 ? src.docx[0] : src.pdf[0];
    add(`good-${s.name.replace(/[/.]/g, '_')}`, { cls: 'good', desc: `good: ${s.name}`, expect: ['ok'], good: true }, s.name.split('.').pop()!, s.bytes);
  };
  good();
  let slow = 0;
  for (let i = 0; i < count; i++) {
    let cls = names[i % names.length];
    if (SLOW.has(cls)) {
      if (slow >= maxSlow) cls = names.find((x) => !SLOW.has(x))!;
      else slow++;
    }
    const m = CLASSES[cls](ctx);
    add(cls, { cls, desc: m.desc, expect: m.expect ?? ANY, message: m.message, reportOf: m.reportOf }, m.ext, m.bytes);
    if ((i + 1) % goodEvery === 0) good();
  }
  good();
  return cases;
}
