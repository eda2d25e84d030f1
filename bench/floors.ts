import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import { Parser as Htmlparser2 } from 'htmlparser2';
import mammoth from 'mammoth';
import { SAXParser, SaxEventType } from 'sax-wasm';
import { SaxesParser } from 'saxes';
import { XmlScanner } from '../parsers/xml-scan.js';
import { openPdf } from '../parsers/pdf/open.js';

/**
 * The parsing floor: the least work any reader of the file must do, done the fastest way we know.
 *
 * - .docx: inflate word/document.xml with native zlib and stream it through an XML tokenizer,
 *   collecting element names, attribute values and text — no model, no tables. Every tokenizer
 *   below is measured; the floor is the fastest of them (the table shows all).
 * - .pdf: pdf.js (the parser's own options: cMaps, standard fonts, no eval) asked for every page's
 *   text content and operator list (the drawing operations, where table rulings are). For reference,
 *   how far pdf.js is from other engines: poppler's pdftotext (native, a process per file) and
 *   PDFium (Chrome's engine, as the maintained WebAssembly build @embedpdf/pdfium).
 */

/** word/document.xml of a package, read with a minimal central-directory walk and node:zlib. */
export function documentXml(docx: Uint8Array): Uint8Array {
  const v = new DataView(docx.buffer, docx.byteOffset, docx.byteLength);
  let eocd = docx.length - 22;
  while (eocd >= 0 && v.getUint32(eocd, true) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip');
  let p = v.getUint32(eocd + 16, true);
  for (let n = v.getUint16(eocd + 10, true); n > 0; n--) {
    const nameLength = v.getUint16(p + 28, true);
    const name = Buffer.from(docx.buffer, docx.byteOffset + p + 46, nameLength).toString('latin1');
    if (name === 'word/document.xml') {
      const local = v.getUint32(p + 42, true);
      const start = local + 30 + v.getUint16(local + 26, true) + v.getUint16(local + 28, true);
      const data = docx.subarray(start, start + v.getUint32(p + 20, true));
      return v.getUint16(p + 10, true) === 0 ? data : inflateRawSync(data);
    }
    p += 46 + nameLength + v.getUint16(p + 30, true) + v.getUint16(p + 32, true);
  }
  throw new Error('word/document.xml missing');
}

const utf8 = new TextDecoder();

/** The tokenizers measured for the .docx floor: each returns a checksum of what it saw. */
export const DOCX_TOKENIZERS = {
  /** parsers/xml-scan.ts: byte scanner, names interned, text decoded. */
  'byte scanner': (xml: Uint8Array): number => {
    let n = 0;
    const x = new XmlScanner(xml);
    x.run({
      open: (name) => {
        n += name.length + (x.attr('val')?.length ?? 0);
      },
      close: () => {},
      text: (s, e, cdata) => {
        n += x.text(s, e, cdata).length;
      },
    });
    return n;
  },
  'htmlparser2 (xmlMode)': (xml: Uint8Array): number => {
    let n = 0;
    const p = new Htmlparser2(
      {
        onopentag: (name, attrs) => {
          n += name.length + (attrs['w:val']?.length ?? 0);
        },
        ontext: (t) => {
          n += t.length;
        },
      },
      { xmlMode: true, decodeEntities: true },
    );
    p.write(utf8.decode(xml));
    p.end();
    return n;
  },
  saxes: (xml: Uint8Array): number => {
    let n = 0;
    const p = new SaxesParser({ xmlns: false, position: false });
    p.on('opentag', (t) => {
      n += t.name.length + ((t.attributes['w:val'] as string | undefined)?.length ?? 0);
    });
    p.on('text', (t) => {
      n += t.length;
    });
    p.write(utf8.decode(xml)).close();
    return n;
  },
  'sax-wasm': (xml: Uint8Array): number => {
    let n = 0;
    const p = saxWasm();
    p.eventHandler = (event, detail) => {
      if (event === SaxEventType.OpenTag) {
        const tag = detail as unknown as { name: string; attributes: Array<{ name: { value: string }; value: { value: string } }> };
        n += tag.name.length;
        for (const a of tag.attributes) if (a.name.value === 'w:val') n += a.value.value.length;
      } else if (event === SaxEventType.Text) n += (detail as unknown as { value: string }).value.length;
    };
    // Streamed in 64 KiB chunks, as its API intends (one large write overran its memory on a 2 MB part).
    for (let at = 0; at < xml.length; at += 65536) p.write(xml.subarray(at, at + 65536));
    p.end();
    return n;
  },
} as const;
export type DocxTokenizer = keyof typeof DOCX_TOKENIZERS;

let saxWasmParser: SAXParser | null = null;
/** sax-wasm needs its WebAssembly instantiated once (asynchronously): call prepareSaxWasm() first. */
function saxWasm(): SAXParser {
  if (!saxWasmParser) throw new Error('prepareSaxWasm() first');
  return saxWasmParser;
}

export async function prepareSaxWasm(): Promise<void> {
  if (saxWasmParser) return;
  const require = createRequire(import.meta.url);
  const parser = new SAXParser(SaxEventType.OpenTag | SaxEventType.Text);
  await parser.prepareWasm(readFileSync(require.resolve('sax-wasm/lib/sax-wasm.wasm')));
  saxWasmParser = parser;
}

/** The .docx floor with one tokenizer: inflate word/document.xml (node:zlib), tokenize it. */
export function docxFloor(bytes: Uint8Array, tokenizer: DocxTokenizer = 'byte scanner'): number {
  return DOCX_TOKENIZERS[tokenizer](documentXml(bytes));
}

export async function pdfFloor(bytes: Uint8Array): Promise<number> {
  const doc = await openPdf(bytes);
  let items = 0;
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const text = await page.getTextContent();
      const ops = await page.getOperatorList();
      items += text.items.length + ops.fnArray.length;
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return items;
}

/** Only the text layer of every page, for the breakdown. */
export async function pdfTextOnly(bytes: Uint8Array): Promise<number> {
  const doc = await openPdf(bytes);
  let items = 0;
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      items += (await page.getTextContent()).items.length;
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return items;
}

export async function pdfPageCount(bytes: Uint8Array): Promise<number> {
  const doc = await openPdf(bytes);
  try {
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}

/** Reference: mammoth's HTML conversion (a complete, popular .docx reader). */
export async function mammothHtml(bytes: Uint8Array): Promise<number> {
  const out = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  return out.value.length;
}

const run = promisify(execFile);

/** Reference: poppler's `pdftotext -layout` (native code; includes starting the process, whose CPU is not this thread's). */
export async function pdftotextLayout(path: string): Promise<number> {
  const { stdout } = await run('pdftotext', ['-layout', path, '-'], { maxBuffer: 256 * 2 ** 20, encoding: 'utf8' });
  return stdout.length;
}

type Pdfium = Awaited<ReturnType<typeof import('@embedpdf/pdfium').init>>;
let pdfium: Pdfium | null = null;

/** Reference: PDFium (WebAssembly build) text of every page. Null when the package is not installed. */
export async function preparePdfium(): Promise<boolean> {
  if (pdfium) return true;
  try {
    const { init } = await import('@embedpdf/pdfium');
    const require = createRequire(import.meta.url);
    pdfium = await init({ wasmBinary: readFileSync(require.resolve('@embedpdf/pdfium/pdfium.wasm')) as unknown as ArrayBuffer });
    pdfium.PDFiumExt_Init();
    return true;
  } catch {
    return false;
  }
}

export function pdfiumText(bytes: Uint8Array): number {
  const m = pdfium;
  if (!m) throw new Error('preparePdfium() first');
  const heap = m.pdfium as unknown as { HEAPU8: Uint8Array; wasmExports: { malloc(n: number): number; free(p: number): void } };
  const exports = heap.wasmExports;
  const ptr = exports.malloc(bytes.length);
  heap.HEAPU8.set(bytes, ptr);
  let chars = 0;
  const doc = m.FPDF_LoadMemDocument(ptr, bytes.length, '');
  try {
    if (!doc) throw new Error('PDFium could not open the file');
    const pages = m.FPDF_GetPageCount(doc);
    for (let i = 0; i < pages; i++) {
      const page = m.FPDF_LoadPage(doc, i);
      const text = m.FPDFText_LoadPage(page);
      const count = m.FPDFText_CountChars(text);
      const buffer = exports.malloc((count + 1) * 2);
      chars += m.FPDFText_GetText(text, 0, count, buffer);
      exports.free(buffer);
      m.FPDFText_ClosePage(text);
      m.FPDF_ClosePage(page);
    }
  } finally {
    if (doc) m.FPDF_CloseDocument(doc);
    exports.free(ptr);
  }
  return chars;
}
