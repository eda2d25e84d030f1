import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { SaxesParser } from 'saxes';
import { openPdf } from '../parsers/pdf/open.js';

/**
 * The parsing floor: the least work any reader of the file must do, with the same libraries the
 * parsers use. selfeval end to end is measured against it.
 *
 * - .docx: inflate word/document.xml (fflate) and stream it through the XML parser (saxes),
 *   collecting the text — no model, no tables.
 * - .pdf: open with pdf.js (the parser's own options: cMaps, standard fonts, no eval) and ask every
 *   page for its text content and its operator list (the drawing operations, where table rulings are).
 */

export async function docxFloor(bytes: Uint8Array): Promise<number> {
  const files = unzipSync(bytes, { filter: (f) => f.name === 'word/document.xml' });
  const xml = files['word/document.xml'];
  if (!xml) throw new Error('word/document.xml missing');
  const parser = new SaxesParser({ xmlns: false, position: false });
  let elements = 0;
  let characters = 0;
  parser.on('opentag', () => {
    elements++;
  });
  parser.on('text', (t) => {
    characters += t.length;
  });
  parser.write(strFromU8(xml)).close();
  return elements + characters;
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

/** Only the text layer of every page (the "pdf.js text" figure), for the breakdown. */
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

/** Reference: poppler's `pdftotext -layout` (native code; includes starting the process). */
export async function pdftotextLayout(path: string): Promise<number> {
  const { stdout } = await run('pdftotext', ['-layout', path, '-'], { maxBuffer: 256 * 2 ** 20, encoding: 'utf8' });
  return stdout.length;
}
