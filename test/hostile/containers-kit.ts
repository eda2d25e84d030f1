import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { cachedFile } from '../fixtures/producers/cache.js';

/**
 * The report in the containers a department may send it in besides .docx/.doc/.pdf, each made the
 * way its program makes it (test/hostile/containers.test.ts): Strict Open XML, a macro-enabled
 * document or a template, a picture of a scanned page, a zip archive, a PDF carrying it as an
 * attached file.
 */

/** Transitional namespaces → ISO/IEC 29500 Strict (Word: 另存为 → "Strict Open XML 文档"). */
const STRICT_NAMESPACES: [string, string][] = [
  ['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main'],
  ['http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'http://purl.oclc.org/ooxml/officeDocument/relationships'],
  ['http://schemas.openxmlformats.org/drawingml/2006/main', 'http://purl.oclc.org/ooxml/drawingml/main'],
  ['http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing', 'http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing'],
  ['http://schemas.openxmlformats.org/drawingml/2006/picture', 'http://purl.oclc.org/ooxml/drawingml/picture'],
  ['http://schemas.openxmlformats.org/officeDocument/2006/math', 'http://purl.oclc.org/ooxml/officeDocument/math'],
];

/** A .docx as Word saves it in Strict Open XML: every part's namespaces and relationship types in purl.oclc.org, w:conformance="strict". */
export function strictDocx(docx: Uint8Array): Uint8Array {
  const parts = unzipSync(docx);
  for (const [name, data] of Object.entries(parts)) {
    if (!/\.(?:xml|rels)$/u.test(name)) continue;
    let xml = strFromU8(data);
    for (const [transitional, strict] of STRICT_NAMESPACES) xml = xml.split(transitional).join(strict);
    if (name === 'word/document.xml') xml = xml.replace('<w:document ', '<w:document w:conformance="strict" ');
    parts[name] = strToU8(xml);
  }
  return zipSync(parts);
}

/** The main part's content type of a macro-enabled document (.docm) or a template (.dotx, .dotm). */
export const MAIN_CONTENT_TYPES = {
  docm: 'application/vnd.ms-word.document.macroEnabled.main+xml',
  dotx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml',
  dotm: 'application/vnd.ms-word.template.macroEnabledTemplate.main+xml',
} as const;

export function withMainContentType(docx: Uint8Array, kind: keyof typeof MAIN_CONTENT_TYPES): Uint8Array {
  const parts = unzipSync(docx);
  const types = strFromU8(parts['[Content_Types].xml']);
  parts['[Content_Types].xml'] = strToU8(types.replace('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml', MAIN_CONTENT_TYPES[kind]));
  return zipSync(parts);
}

/**
 * One page of a PDF as a scanner or a phone's scan app saves it as a picture: rendered in grey at
 * `dpi` by MuPDF (PNG) or Ghostscript (JPEG). Debian packages: mupdf-tools, ghostscript. Cached.
 */
export function scannedPagePicture(pdf: Uint8Array, page: number, format: 'png' | 'jpeg', dpi = 200): Uint8Array {
  return cachedFile(`scan-picture-${format}`, [pdf, `${page} ${dpi}`], (work) => {
    writeFileSync(join(work, 'in.pdf'), pdf);
    const out = join(work, format === 'png' ? 'page.png' : 'page.jpg');
    if (format === 'png') execFileSync('mutool', ['draw', '-q', '-r', String(dpi), '-c', 'gray', '-o', out, join(work, 'in.pdf'), String(page)], { stdio: 'pipe', timeout: 120_000 });
    else execFileSync('gs', ['-q', '-dSAFER', '-dNOPAUSE', '-dBATCH', '-sDEVICE=jpeggray', `-r${dpi}`, `-dFirstPage=${page}`, `-dLastPage=${page}`, `-sOutputFile=${out}`, join(work, 'in.pdf')], { stdio: 'pipe', timeout: 120_000 });
    return new Uint8Array(readFileSync(out));
  });
}

/**
 * A PDF carrying files as attachments (Acrobat: 附加文件; /EmbeddedFiles), its page holding `cover`
 * lines (none: a blank page). Made with pdf-lib.
 */
export async function pdfWithAttachments(files: { name: string; bytes: Uint8Array; mimeType: string }[], cover: string[] = []): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setCreationDate(new Date('2024-01-01T00:00:00Z'));
  const page = doc.addPage([595, 842]);
  if (cover.length) {
    const font = await doc.embedFont(StandardFonts.Helvetica);
    cover.forEach((line, i) => page.drawText(line, { x: 50, y: 780 - i * 16, size: 10, font }));
  }
  for (const f of files) await doc.attach(f.bytes, f.name, { mimeType: f.mimeType, creationDate: new Date('2024-01-01T00:00:00Z'), modificationDate: new Date('2024-01-01T00:00:00Z') });
  return doc.save();
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * An incremental update (增量保存, as Acrobat / Foxit save an edited PDF): the original bytes kept,
 * after them a new version of `objectNumber` (a content stream: `content`, uncompressed) and a
 * cross-reference section whose /Prev points to the original's. The original must use a classic
 * xref table (pdf-lib: `useObjectStreams: false`).
 */
export function incrementallyUpdated(pdf: Uint8Array, objectNumber: number, content: string, root: string, size: number): Uint8Array {
  const original = Buffer.from(pdf);
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/u.exec(original.toString('latin1'))![1]);
  const body = `${objectNumber} 0 obj\n<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream\nendobj\n`;
  const at = original.length + 1;
  const xrefAt = at + Buffer.byteLength(body, 'latin1');
  const update = `\n${body}xref\n0 1\n0000000000 65535 f \n${objectNumber} 1\n${String(at).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${size} /Root ${root} /Prev ${prev} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return new Uint8Array(Buffer.concat([original, Buffer.from(update, 'latin1')]));
}
