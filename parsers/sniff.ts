import { ZipPackage } from './zip.js';

/** Tell a file's container by its bytes, not its name (a .pdf that is really a .docx is a .docx). */
export type SniffedFormat = 'docx' | 'doc' | 'pdf' | 'xlsx' | 'pptx' | 'zip-other' | 'empty' | 'unknown';

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function sniffFormat(bytes: Uint8Array): SniffedFormat {
  if (bytes.length === 0) return 'empty';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05 || bytes[2] === 0x07)) return sniffPackage(bytes);
  if (OLE_MAGIC.every((b, i) => bytes[i] === b)) return 'doc';
  // %PDF may be preceded by a little junk (some generators); look in the first KiB.
  const start = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString('latin1');
  if (start.includes('%PDF-')) return 'pdf';
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
    return text.includes('word/') ? 'docx' : 'zip-other';
  }
  if (names.some((n) => n.startsWith('word/'))) return 'docx';
  if (names.some((n) => n.startsWith('xl/'))) return 'xlsx';
  if (names.some((n) => n.startsWith('ppt/'))) return 'pptx';
  return 'zip-other';
}
