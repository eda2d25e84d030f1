/** Tell a file's container by its bytes, not its name (a .pdf that is really a .docx is a .docx). */
export type SniffedFormat = 'docx' | 'doc' | 'pdf' | 'zip-other' | 'empty' | 'unknown';

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function sniffFormat(bytes: Uint8Array): SniffedFormat {
  if (bytes.length === 0) return 'empty';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05 || bytes[2] === 0x07)) {
    // An OOXML package names word/document.xml (or another main part) in its central directory.
    const head = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
    return head.includes('word/') ? 'docx' : 'zip-other';
  }
  if (OLE_MAGIC.every((b, i) => bytes[i] === b)) return 'doc';
  // %PDF may be preceded by a little junk (some generators); look in the first KiB.
  const start = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString('latin1');
  if (start.includes('%PDF-')) return 'pdf';
  return 'unknown';
}
