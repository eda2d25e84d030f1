import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { writeZip, type ZipEntryInput } from './zip-writer.js';

/** Building blocks for Word packages in the hostile corpus (from the seed or from scratch). */
export const SAMPLES_DIR = new URL('../../samples/', import.meta.url);

export function readSample(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, SAMPLES_DIR)));
}

/** The seed report's package parts, in their original order. */
export function seedParts(): [string, Uint8Array][] {
  cachedParts ??= Object.entries(unzipSync(readSample('seed.docx'))).filter(([name]) => !name.endsWith('/'));
  return cachedParts;
}
let cachedParts: [string, Uint8Array][] | null = null;

const enc = new TextEncoder();
const dec = new TextDecoder();

export function text(bytes: Uint8Array): string {
  return dec.decode(bytes);
}

export type Parts = [string, Uint8Array | string][];

/** Zip parts into a package (deterministic: no timestamps). */
export function pack(parts: Parts, tweak: (e: ZipEntryInput) => ZipEntryInput = (e) => e): Uint8Array {
  return writeZip(parts.map(([name, data]) => tweak({ name, data: typeof data === 'string' ? enc.encode(data) : data })));
}

/** The seed package with some parts replaced (string or bytes) or removed (null). */
export function seedWith(changes: Record<string, Uint8Array | string | null>): Uint8Array {
  const parts: Parts = [];
  const seen = new Set<string>();
  for (const [name, data] of seedParts()) {
    seen.add(name);
    if (name in changes) {
      const c = changes[name];
      if (c !== null) parts.push([name, c]);
    } else {
      parts.push([name, data]);
    }
  }
  for (const [name, c] of Object.entries(changes)) if (!seen.has(name) && c !== null) parts.push([name, c]);
  return pack(parts);
}

export const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;

export const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

const W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

export function documentXml(body: string, prolog = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'): string {
  return `${prolog}<w:document ${W_NS}><w:body>${body}<w:sectPr/></w:body></w:document>`;
}

/** A package with only the three parts Word needs, around the given body XML. */
export function minimalDocx(body: string): Uint8Array {
  return pack([
    ['[Content_Types].xml', CONTENT_TYPES],
    ['_rels/.rels', ROOT_RELS],
    ['word/document.xml', documentXml(body)],
  ]);
}

/** Escape for XML text, dropping the control characters XML 1.0 cannot carry at all. */
export function escapeXml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export function paragraph(s: string): string {
  return `<w:p><w:r><w:t xml:space="preserve">${escapeXml(s)}</w:t></w:r></w:p>`;
}

export function table(rows: string[][]): string {
  const cols = Math.max(...rows.map((r) => r.length));
  const grid = `<w:tblGrid>${'<w:gridCol w:w="1200"/>'.repeat(cols)}</w:tblGrid>`;
  const body = rows.map((r) => `<w:tr>${r.map((c) => `<w:tc>${paragraph(c)}</w:tc>`).join('')}</w:tr>`).join('');
  return `<w:tbl><w:tblPr/>${grid}${body}</w:tbl>`;
}
