/**
 * Text of a web page from its bytes: the byte-order mark, else the charset its <meta> declares
 * (Word and WPS write gb2312 or utf-8), else UTF-8 when the bytes are valid UTF-8, else GB18030
 * (the superset of GBK/GB2312 that Chinese Windows writes when nothing is declared).
 */

/** How far into the page a charset declaration is looked for (HTML's prescan reads 1024 bytes; Word's head is longer). */
const PRESCAN_BYTES = 8192;
const META_CHARSET = /<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)/i;

function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label.toLowerCase());
  } catch {
    return null; // an unknown label: as if nothing were declared
  }
}

/** The charset a page's start declares, if any (a latin1 view: declarations are ASCII). */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, PRESCAN_BYTES)).toString('latin1');
  return META_CHARSET.exec(head)?.[1] ?? null;
}

/** Decode bytes whose charset may be given (a MIME part's header) or declared in the page. */
export function decodeHtmlBytes(bytes: Uint8Array, given?: string | null): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const label = given ?? declaredCharset(bytes);
  // A page declared as Latin-1/ASCII that holds Chinese is really in the system code page; only a
  // declared CJK or Unicode charset is trusted as is.
  const declared = label ? decoderFor(label) : null;
  if (declared && !/^(windows-1252|iso-8859-1|us-ascii|ascii)$/.test(declared.encoding)) return declared.decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
