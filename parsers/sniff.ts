import { imageSize } from './image-size.js';
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
  // A picture (a scanned page sent as it is, a multi-page TIFF): read as a scan.
  | 'image'
  // A Word (or other Office) document with an open password: an OLE file holding the encrypted package
  // (EncryptedPackage, a password-protected .docx), or a Word 97 .doc whose FIB says fEncrypted.
  | 'encrypted-ooxml'
  | 'encrypted-doc'
  | 'empty'
  | 'unknown';

/** The output contract's `format` ("docx" | "doc" | "pdf"): every other Word-family document counts as "doc". */
export function contractFormat(sniffed: SniffedFormat): 'docx' | 'doc' | 'pdf' | null {
  switch (sniffed) {
    case 'docx':
    case 'pdf':
      return sniffed;
    case 'encrypted-ooxml':
      return 'docx';
    case 'encrypted-doc':
      return 'doc';
    case 'ofd':
    case 'image':
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
  if (isBlank(bytes)) return 'empty';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05 || bytes[2] === 0x07)) return sniffPackage(bytes);
  if (OLE_MAGIC.every((b, i) => bytes[i] === b)) return sniffOle(bytes);
  // %PDF may be preceded by a little junk (some generators); look in the first KiB.
  const start = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString('latin1');
  if (start.includes('%PDF-')) return 'pdf';
  // A picture of a page (JPEG, PNG, a fax or scanner's TIFF, BMP, GIF, WebP): read as scanned pages.
  if (imageSize(bytes)) return 'image';
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
  // A zip whose directory is lost (a cut-off upload) and whose whole parts say nothing else is read as
  // the Word document it most likely was, so that its error names the damage ("zip 包损坏"), not
  // "not a Word document".
  const damaged = () => {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
    return text.includes('OFD.xml') && !text.includes('word/') ? 'ofd' : 'docx';
  };
  try {
    const zip = new ZipPackage(bytes, { maxEntryBytes: Number.MAX_SAFE_INTEGER, maxEntries: Number.MAX_SAFE_INTEGER });
    names = [...zip.entries.keys()];
    if (zip.cutOff && !names.some((n) => /^(?:word|xl|ppt)\//u.test(n) || n === 'OFD.xml' || n === 'content.xml')) return damaged();
  } catch {
    return damaged();
  }
  // An end record and nothing else: an empty archive (a zip tool's output with no files added).
  if (names.length === 0) return 'empty';
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

/**
 * No content at all: 0 bytes, or only white space, NUL bytes and byte-order marks (a file whose
 * upload or copy was cut off before any data). Stops at the first byte of content.
 */
function isBlank(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0 || b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) continue;
    // UTF-8 BOM (EF BB BF) and UTF-16 BOMs (FF FE, FE FF).
    if (b === 0xef && bytes[i + 1] === 0xbb && bytes[i + 2] === 0xbf) {
      i += 2;
      continue;
    }
    if ((b === 0xff && bytes[i + 1] === 0xfe) || (b === 0xfe && bytes[i + 1] === 0xff)) {
      i += 1;
      continue;
    }
    return false;
  }
  return true;
}

/** Why a file of no known format is refused, for its error message: a picture is named as one. */
export function unknownReason(bytes: Uint8Array): string {
  const picture = imageSize(bytes);
  if (picture) {
    return `这是图片文件（${picture.format.toUpperCase()}，${picture.width}×${picture.height} 像素），此格式无法识别：请提交 Word 文档（.docx、.doc）、PDF，或 JPEG、PNG 格式的扫描页 / a ${picture.format.toUpperCase()} picture: submit a report document, or the scan as JPEG or PNG`;
  }
  return '无法识别的文件格式：仅支持 Word 文档（.docx、.doc，及另存为 RTF、ODT、网页、MHT 的）和 PDF / unsupported file format';
}

/** Why a file counts as empty, for its error message. */
export function emptyReason(bytes: Uint8Array): string {
  if (bytes.length === 0) return '文件为空（0 字节） / the file is empty';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return '压缩包是空的（不含任何文件），不是 Word 文档 / an empty zip archive';
  return `文件没有内容（${bytes.length} 字节全是空白或零） / the file holds only blanks`;
}

/**
 * An OLE compound file (MS-CFB): a Word 97 .doc, or the envelope Office writes around a package it
 * encrypted with an open password. Told apart by the root storage's stream names (EncryptedPackage)
 * and, for a .doc, by the fEncrypted bit of the WordDocument stream's FIB. A directory too damaged
 * to read is left to the .doc reader (which names the damage).
 */
function sniffOle(bytes: Uint8Array): SniffedFormat {
  try {
    const ole = oleDirectory(bytes);
    if (ole.has('EncryptedPackage') || ole.has('EncryptionInfo')) return 'encrypted-ooxml';
    const word = ole.get('WordDocument');
    // FIB: wIdent 0xA5EC at 0, flags at 0x0A, fEncrypted = bit 8 (0x0100).
    if (word && word.length >= 12 && (word[0] | (word[1] << 8)) === 0xa5ec && ((word[10] | (word[11] << 8)) & 0x0100) !== 0) return 'encrypted-doc';
  } catch {
    // unreadable directory: the .doc reader reports it
  }
  return 'doc';
}

/** The root storage's streams of a compound file: name → first bytes (one sector) of a stream in the FAT. */
function oleDirectory(b: Uint8Array): Map<string, Uint8Array> {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const shift = v.getUint16(30, true);
  if (shift !== 9 && shift !== 12) throw new Error('sector size');
  const size = 1 << shift;
  const sector = (n: number) => {
    const at = (n + 1) * size;
    if (n >= 0xfffffffa || at + size > b.length) throw new Error('sector out of range');
    return b.subarray(at, at + size);
  };
  // The FAT sectors listed in the header (the first 109 suffice for any file under ~7 MB; past that a miss only means "doc").
  const fatSectors: number[] = [];
  for (let i = 0; i < Math.min(109, v.getUint32(44, true)); i++) fatSectors.push(v.getUint32(76 + i * 4, true));
  const perSector = size / 4;
  const next = (n: number) => {
    const fat = sector(fatSectors[Math.floor(n / perSector)] ?? 0xffffffff);
    return new DataView(fat.buffer, fat.byteOffset, fat.byteLength).getUint32((n % perSector) * 4, true);
  };
  const out = new Map<string, Uint8Array>();
  const cutoff = v.getUint32(56, true);
  let dir = v.getUint32(48, true);
  // The directory chain, bounded (a FAT loop must not spin).
  for (let guard = 0; dir < 0xfffffffa && guard < 1024; guard++, dir = next(dir)) {
    const s = sector(dir);
    for (let e = 0; e + 128 <= s.length; e += 128) {
      const nameLength = s[e + 64] | (s[e + 65] << 8);
      const type = s[e + 66];
      if (type !== 2 || nameLength < 2 || nameLength > 64) continue;
      const name = Buffer.from(s.buffer, s.byteOffset + e, nameLength - 2).toString('utf16le');
      const start = new DataView(s.buffer, s.byteOffset + e).getUint32(116, true);
      const streamSize = new DataView(s.buffer, s.byteOffset + e).getUint32(120, true);
      let head: Uint8Array = new Uint8Array(0);
      if (streamSize >= cutoff && start < 0xfffffffa) {
        try {
          head = sector(start);
        } catch {
          // the stream's first sector is missing: the name alone is known
        }
      }
      out.set(name, head);
    }
  }
  return out;
}
