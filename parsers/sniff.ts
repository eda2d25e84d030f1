import { looksLikeMhtml } from './mht.js';
import { ZipPackage } from './zip.js';

/**
 * Tell a file's container by its bytes, not its name (a .pdf that is really a .docx is a .docx; a
 * ".doc" that Word or WPS saved as RTF or as a web page is RTF or HTML).
 */
export type SniffedFormat =
  | 'docx'
  | 'doc'
  | 'pdf'
  // Word-family documents other programs write (and users rename .doc): read as documents too.
  | 'rtf'
  | 'html'
  | 'mhtml'
  | 'wordml'
  | 'flatopc'
  | 'odt'
  | 'fodt'
  | 'xlsx'
  | 'pptx'
  // OFD (GB/T 33190 版式文档): a fixed-layout document read page by page, like a PDF.
  | 'ofd'
  | 'zip-other'
  | 'empty'
  | 'unknown';

/** The output contract's `format` ("docx" | "doc" | "pdf"): every other Word-family document counts as "doc". */
export function contractFormat(sniffed: SniffedFormat): 'docx' | 'doc' | 'pdf' | null {
  switch (sniffed) {
    case 'docx':
    case 'pdf':
      return sniffed;
    case 'ofd':
      return 'pdf';
    case 'doc':
    case 'rtf':
    case 'html':
    case 'mhtml':
    case 'wordml':
    case 'odt':
    case 'fodt':
      return 'doc';
    default:
      return null;
  }
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function sniffFormat(bytes: Uint8Array): SniffedFormat {
  if (bytes.length === 0) return 'empty';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05 || bytes[2] === 0x07)) return sniffPackage(bytes);
  if (OLE_MAGIC.every((b, i) => bytes[i] === b)) return 'doc';
  // %PDF may be preceded by a little junk (some generators); look in the first KiB.
  const start = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString('latin1');
  if (start.includes('%PDF-')) return 'pdf';
  return sniffText(bytes);
}

/** Bytes a text container's signature is looked for in (past a BOM, white space, an XML declaration, comments). */
const TEXT_HEAD_BYTES = 4096;

/** Text containers: RTF, MHTML, Word 2003 XML, Word's Flat OPC XML, flat OpenDocument, HTML. */
function sniffText(bytes: Uint8Array): SniffedFormat {
  let head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, TEXT_HEAD_BYTES)).toString('latin1');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, TEXT_HEAD_BYTES * 2)).toString('utf16le');
  head = head.replace(/^(?:\xef\xbb\xbf|\ufeff)/, '').trimStart();
  if (head.startsWith('{\\rtf')) return 'rtf';
  if (looksLikeMhtml(head)) return 'mhtml';
  const lower = head.toLowerCase();
  if (lower.startsWith('<')) {
    if (/<w:worddocument\b/.test(lower)) return 'wordml';
    // Word 2007+ "Word XML 文档": the .docx package flattened into one XML file (Flat OPC).
    if (/<pkg:package\b/.test(lower) && lower.includes('word.document')) return 'flatopc';
    if (/<office:document\b/.test(lower) && lower.includes('opendocument.text')) return 'fodt';
    if (/<(?:!doctype\s+html|html\b|head\b|body\b|meta\b|table\b)/.test(lower)) return 'html';
  }
  return 'unknown';
}

/**
 * An Office Open XML package by the parts its central directory names (nothing is inflated): a
 * Word package has word/ parts, a workbook xl/, a presentation ppt/. A directory too damaged to
 * read falls back to the names anywhere in the bytes, so a broken .docx is still a .docx (and is
 * then reported CORRUPT_FILE by the reader, not UNSUPPORTED_FORMAT).
 */
function sniffPackage(bytes: Uint8Array): SniffedFormat {
  let names: string[];
  try {
    names = [...new ZipPackage(bytes, { maxEntryBytes: Number.MAX_SAFE_INTEGER, maxEntries: Number.MAX_SAFE_INTEGER }).entries.keys()];
  } catch {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
    return text.includes('word/') ? 'docx' : text.includes('OFD.xml') ? 'ofd' : 'zip-other';
  }
  if (names.some((n) => n.startsWith('word/'))) return 'docx';
  if (names.some((n) => n.startsWith('xl/'))) return 'xlsx';
  if (names.some((n) => n.startsWith('ppt/'))) return 'pptx';
  // OFD: its entry file OFD.xml at the package root.
  if (names.includes('OFD.xml')) return 'ofd';
  // OpenDocument: its first entry, stored, is "mimetype" naming the kind (text = a Writer document).
  if (names.includes('content.xml') && names.includes('mimetype')) {
    const mimetype = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 200)).toString('latin1');
    if (mimetype.includes('application/vnd.oasis.opendocument.text')) return 'odt';
  }
  return 'zip-other';
}
