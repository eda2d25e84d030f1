import { InputError } from '../src/errors.js';
import { decodeHtmlBytes } from './html-charset.js';

/**
 * A single-file web page (MHTML, .mht/.mhtml: Word and WPS 另存为"单个文件网页", often renamed .doc):
 * a MIME multipart/related message whose first text/html part is the document. The part's body
 * is quoted-printable or base64 in the charset its header names; pictures and style parts are not read.
 */

interface MimePart {
  headers: Map<string, string>;
  body: Uint8Array;
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');

/** Header block (folded lines unfolded) → lower-case name → value. */
function parseHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of text.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function headerParam(value: string | undefined, name: string): string | null {
  const m = value && new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return m ? (m[1] ?? m[2]) : null;
}

/** Split at `--boundary` lines; the preamble and the epilogue are dropped. */
function splitParts(text: string, boundary: string): MimePart[] {
  const parts: MimePart[] = [];
  const chunks = text.split(`--${boundary}`);
  for (const chunk of chunks.slice(1)) {
    if (chunk.startsWith('--')) break;
    const body = chunk.replace(/^\r?\n/, '');
    const end = /\r?\n\r?\n/.exec(body);
    if (!end) continue;
    parts.push({ headers: parseHeaders(body.slice(0, end.index)), body: Buffer.from(body.slice(end.index + end[0].length), 'latin1') });
  }
  return parts;
}

/** Quoted-printable (RFC 2045) → bytes: "=XX" escapes, "=" at a line end is a soft break. */
export function decodeQuotedPrintable(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let n = 0;
  const hex = (b: number) => (b >= 48 && b <= 57 ? b - 48 : b >= 65 && b <= 70 ? b - 55 : b >= 97 && b <= 102 ? b - 87 : -1);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 0x3d) {
      out[n++] = b;
      continue;
    }
    if (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) i += 2;
    else if (bytes[i + 1] === 0x0a) i += 1;
    else {
      const hi = hex(bytes[i + 1]);
      const lo = hex(bytes[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out[n++] = hi * 16 + lo;
        i += 2;
      } else out[n++] = b;
    }
  }
  return out.subarray(0, n);
}

function decodeBody(part: MimePart): Uint8Array {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body);
  if (encoding === 'base64') return new Uint8Array(Buffer.from(latin1(part.body).replace(/\s+/g, ''), 'base64'));
  return part.body;
}

/** Does this look like an MHTML file (MIME headers, multipart/related)? */
export function looksLikeMhtml(head: string): boolean {
  return /^mime-version\s*:/im.test(head) && /content-type\s*:\s*multipart\/related/i.test(head);
}

/** An MHTML file's document: the text of its first text/html part. */
export function mhtmlHtml(bytes: Uint8Array): string {
  const text = latin1(bytes);
  const headerEnd = /\r?\n\r?\n/.exec(text);
  const top = parseHeaders(headerEnd ? text.slice(0, headerEnd.index) : text);
  const boundary = headerParam(top.get('content-type'), 'boundary');
  if (!boundary) throw new InputError('CORRUPT_FILE', '单个文件网页（MHT）缺少 MIME 分隔符，无法读取 / MHTML without a multipart boundary');
  const html = splitParts(text, boundary).find((p) => /^text\/html/i.test(p.headers.get('content-type') ?? ''));
  if (!html) throw new InputError('CORRUPT_FILE', '单个文件网页（MHT）中没有网页正文部分 / MHTML without an HTML part');
  return decodeHtmlBytes(decodeBody(html), headerParam(html.headers.get('content-type'), 'charset'));
}
