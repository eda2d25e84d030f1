import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { loadPdfJs } from './pdfjs.js';
import { InputError } from '../../src/errors.js';

/** Files shipped inside pdfjs-dist: character maps for CJK fonts that are not embedded, standard fonts. */
function pdfjsAssetDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('pdfjs-dist/package.json'));
}

let assets: { cMapUrl: string; standardFontDataUrl: string; wasmUrl: string } | null = null;
function assetUrls() {
  if (!assets) {
    const dir = pdfjsAssetDir();
    // pdf.js in Node reads these with fs when given plain paths; the trailing separator matters.
    assets = {
      cMapUrl: join(dir, 'cmaps') + '/',
      standardFontDataUrl: join(dir, 'standard_fonts') + '/',
      wasmUrl: join(dir, 'wasm') + '/',
    };
  }
  return assets;
}

/** Largest image pdf.js decodes, in pixels. */
const MAX_IMAGE_PIXELS = 100_000_000;

/** The pdf.js exception names we map to contract codes. */
function errorName(e: unknown): string {
  return (e as { name?: string } | null)?.name ?? '';
}

/**
 * Open a PDF with pdf.js (no network, no eval). Encrypted files are rejected: we have no password
 * and must not guess. Files pdf.js cannot open at all are corrupt.
 */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  try {
    return await openPdfOnce(bytes);
  } catch (e) {
    // A trailer that lost its /Root (a tool that rewrote it, a damaged copy) while the catalog is still there: pdf.js
    // rebuilds the cross-references from the objects, but finds no document without a trailer naming the catalog.
    const repaired = e instanceof InputError && e.code === 'CORRUPT_FILE' ? withCatalogTrailer(bytes) : null;
    if (!repaired) throw e;
    return openPdfOnce(repaired).catch(() => {
      throw e;
    });
  }
}

/**
 * The bytes with a trailer naming the last catalog object written in plain text (`N G obj << /Type
 * /Catalog … >>`), or null when there is none (a catalog inside a compressed object stream stays lost).
 */
export function withCatalogTrailer(bytes: Uint8Array): Uint8Array | null {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const at = text.search(/\/Type\s*\/Catalog\b(?![\s\S]*\/Type\s*\/Catalog\b)/u);
  if (at < 0) return null;
  const before = text.slice(Math.max(0, at - 4096), at);
  const objects = [...before.matchAll(/(\d+)\s+(\d+)\s+obj\b/gu)];
  const own = objects[objects.length - 1];
  if (!own || /endobj/u.test(before.slice(own.index))) return null;
  const trailer = `\ntrailer\n<< /Root ${own[1]} ${own[2]} R >>\n%%EOF\n`;
  return new Uint8Array(Buffer.concat([Buffer.from(bytes), Buffer.from(trailer, 'latin1')]));
}

async function openPdfOnce(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const { cMapUrl, standardFontDataUrl, wasmUrl } = assetUrls();
  // pdf.js takes ownership of the buffer it is given; hand it a copy.
  const data = new Uint8Array(bytes);
  const { getDocument } = await loadPdfJs();
  const task = getDocument({
    data,
    cMapUrl,
    cMapPacked: true,
    standardFontDataUrl,
    wasmUrl,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    // Each font's ToUnicode map among its data: a glyph read as its own code is lost only where the map lacks it (unmapped-codes.ts inToUnicode).
    fontExtraProperties: true,
    // Images over this many pixels are left out when a page is drawn (for OCR): drawing one means a
    // bitmap of that size in the native canvas, whose failed allocation aborts the whole process
    // (a crafted 65,536 × 30,000 image). An A3 page scanned at 600 dpi is 70 million.
    maxImageSize: MAX_IMAGE_PIXELS,
    verbosity: 0,
  });
  // Without a password pdf.js asks for one through this callback; refuse instead of waiting.
  task.onPassword = () => {
    void task.destroy();
  };
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (e) {
    void task.destroy();
    const name = errorName(e);
    if (name === 'PasswordException' || /password/i.test((e as Error)?.message ?? '')) {
      throw new InputError('ENCRYPTED_PDF', 'PDF 已加密（需要密码才能打开），无法读取内容，请提交未加密的文件 / the PDF is encrypted', { cause: e });
    }
    const reason = (e as Error)?.message ?? String(e);
    throw new InputError('CORRUPT_FILE', `PDF 文件已损坏或不完整，无法打开（${reason}） / corrupt or truncated PDF`, { cause: e });
  }
  // A page tree whose /Count is 0 or negative: pdf.js then serves no page at all (the pages are
  // unreachable), which must not read as "no text layer".
  if (!(doc.numPages >= 1)) {
    void task.destroy();
    throw new InputError('CORRUPT_FILE', `PDF 的页面树无效（声明 ${doc.numPages} 页），无法读取页面 / the PDF's page tree is invalid`);
  }
  return doc;
}
