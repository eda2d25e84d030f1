import { constants as zlibConstants, inflateSync } from 'node:zlib';
import { InputError } from '../../src/errors.js';

/**
 * A PDF cut off in download or copy (文件不完整): no `%%EOF` at its end, its last object half
 * written, and with it the cross-reference table. pdf.js rebuilds the table by scanning for
 * objects, but what the cut took is gone: a page whose page object, content stream, font or
 * image lies past the cut cannot be read, and pdf.js would show it as blank. Here the objects
 * written whole are indexed, the page tree is walked from the catalog, and every page is kept
 * only when each object it needs (everything it refers to, its /Parent and annotations aside)
 * was written whole. The bytes pdf.js is given end the half-written object and name the catalog.
 */
export interface TruncatedPdf {
  /** The bytes closed off for pdf.js (the half object ended, a trailer naming the catalog). */
  bytes: Uint8Array;
  /** Pages the page tree declares (/Count of its root). */
  declared: number;
  /** 1-based pages whose objects were all written whole, in page order. */
  complete: number[];
}

/**
 * Keys whose objects a page's reading does not need: links up and across, annotations, and a font's
 * glyph program (/FontFile*: text is read through its /ToUnicode map and /Encoding; producers write
 * the programs last, after every page).
 */
const NOT_NEEDED_KEYS = '(?:Parent|Annots|Thumb|B|PieceInfo|Metadata|StructParents|Kids|Dest|AA|FontFile[23]?)';
/** A NOT_NEEDED key with its value: one reference, or an array of them (a page tree's /Kids lists every page). */
const NOT_NEEDED_VALUE = new RegExp(`/${NOT_NEEDED_KEYS}\\s*(?:\\[[^\\]]*\\]|\\d+\\s+\\d+\\s+R\\b)`, 'gu');

/** The parse issue of a file cut off in download whose later pages are lost (rules/index.ts: what a finding misses may be there). */
export const PAGES_TRUNCATED = 'PAGES_TRUNCATED';

/** How far from the end a complete file's `%%EOF` may be (some tools append a few bytes after it). */
const EOF_TAIL = 1024;

interface PdfObject {
  /** Where its header starts. */
  at: number;
  /** The object's text up to its stream data (or its end), latin1. */
  head: string;
  complete: boolean;
  /** A stream's data, as offsets into the file's text (complete objects only). */
  data?: { start: number; end: number };
  /** Written inside an object stream (/ObjStm), not as plain text: re-written plain after the cut for pdf.js. */
  compressed?: string;
}

/** Whether the bytes end like a whole PDF (`%%EOF` near the end); false for a file cut off. */
export function endsWhole(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset + Math.max(0, bytes.length - EOF_TAIL), Math.min(bytes.length, EOF_TAIL)).toString('latin1');
  return tail.includes('%%EOF');
}

/**
 * Null when the file ends whole. A cut whose catalog or page tree is lost throws CORRUPT_FILE
 * saying so (the pages cannot be put in order, nor counted).
 */
export function truncatedPdf(bytes: Uint8Array): TruncatedPdf | null {
  if (bytes.length < 16 || endsWhole(bytes)) return null;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const objects = indexObjects(text);
  expandObjectStreams(text, objects);
  let catalog: number | null = null;
  for (const [num, o] of objects) if (o.complete && /\/Type\s*\/Catalog\b/u.test(o.head)) catalog = num;
  const pagesRef = catalog === null ? null : /\/Pages\s+(\d+)\s+\d+\s+R/u.exec(objects.get(catalog)!.head);
  const root = pagesRef ? objects.get(Number(pagesRef[1])) : undefined;
  if (catalog === null || !root?.complete) {
    const linear = linearizedPages(text, objects);
    if (linear) return linear;
    throw lostError(CATALOG_LOST);
  }
  const declared = Number(/\/Count\s+(\d+)/u.exec(root.head)?.[1] ?? 0);
  const complete: number[] = [];
  let page = 0;
  // The page tree, depth first (its order is the pages' order); a node past the cut hides its pages, counted by /Count.
  const walk = (num: number, inherited: number[], depth: number): void => {
    const node = objects.get(num);
    if (!node?.complete || depth > 32) return;
    const isPage = /\/Type\s*\/Page\b(?!s)/u.test(node.head);
    if (isPage) {
      page++;
      if (needed([num, ...inherited], objects)) complete.push(page);
      return;
    }
    const kids = /\/Kids\s*\[([^\]]*)\]/u.exec(node.head)?.[1] ?? '';
    const own = [num, ...inherited];
    for (const [, kid] of kids.matchAll(/(\d+)\s+\d+\s+R/gu)) {
      const child = objects.get(Number(kid));
      if (child?.complete) walk(Number(kid), own, depth + 1);
      else page += 1;
    }
  };
  walk(Number(pagesRef![1]), [], 0);
  if (!complete.length) throw lostError(NO_PAGE);
  return { bytes: closed(bytes, catalog, plainCopies(objects)), declared: Math.max(declared, page), complete };
}

/** The bytes with the half-written object ended and `tail` (objects, a trailer) after it, for pdf.js to index. */
function closed(bytes: Uint8Array, root: number, objects = ''): Uint8Array {
  // "xref" (not "trailer") is what pdf.js's object scan stops a half-written object at.
  const tail = `\nendstream\nendobj\n${objects}xref\n0 0\ntrailer\n<< /Root ${root} 0 R >>\n%%EOF\n`;
  return new Uint8Array(Buffer.concat([Buffer.from(bytes), Buffer.from(tail, 'latin1')]));
}

/**
 * A linearized PDF ("fast web view", made for downloading) whose page tree was in the lost end:
 * its pages are written in page order, the first page's objects first, and its first object says
 * how many pages there are (/N). The pages written whole, from the first, are put in a page tree of
 * their own. Null when the file is not linearized.
 */
function linearizedPages(text: string, objects: Map<number, PdfObject>): TruncatedPdf | null {
  const first = /^\s*(?:%[^\n]*\n\s*)*\d+\s+\d+\s+obj\s*<<([^>]*\/Linearized[^>]*)>>/u.exec(text.slice(0, 1024));
  const declared = Number(/\/N\s+(\d+)/u.exec(first?.[1] ?? '')?.[1] ?? 0);
  if (!first || !declared) return null;
  const pages: number[] = [];
  for (const [num, o] of [...objects].sort((a, b) => a[1].at - b[1].at)) {
    if (!o.complete || !/\/Type\s*\/Page\b(?!s)/u.test(o.head)) continue;
    if (!needed([num], objects)) break;
    pages.push(num);
  }
  if (!pages.length) throw lostError(NO_PAGE);
  const top = Math.max(...objects.keys());
  const tree = `${plainCopies(objects)}${top + 1} 0 obj\n<< /Type /Pages /Kids [${pages.map((p) => `${p} 0 R`).join(' ')}] /Count ${pages.length} >>\nendobj\n${top + 2} 0 obj\n<< /Type /Catalog /Pages ${top + 1} 0 R >>\nendobj\n`;
  return { bytes: closed(Buffer.from(text, 'latin1'), top + 2, tree), declared: Math.max(declared, pages.length), complete: pages.map((_, i) => i + 1) };
}

function lostError(why: string): InputError {
  return new InputError(
    'CORRUPT_FILE',
    `PDF 文件不完整（下载或复制时被截断，文件末尾缺失）：${why}，无法读取任何页面，请重新获取完整的文件 / the PDF was cut off (truncated): ${why === CATALOG_LOST ? 'its catalog and page tree are in the missing part' : 'no page was written whole'}`,
  );
}

const NO_PAGE = '没有一页是完整写入的';
const CATALOG_LOST = '文档目录或页面树在缺失的部分';

/**
 * Whether every object a page needs was written whole: the page, the page-tree nodes above it (for
 * inherited resources), and everything they refer to, transitively, but for NOT_NEEDED_KEYS.
 */
function needed(start: number[], objects: Map<number, PdfObject>): boolean {
  const seen = new Set<number>();
  const queue = [...start];
  while (queue.length) {
    const num = queue.pop()!;
    if (seen.has(num)) continue;
    seen.add(num);
    const o = objects.get(num);
    if (!o?.complete) return false;
    // References under a key a reading does not need (its whole array too: /Kids [1 0 R … 61 0 R]) are left out.
    for (const m of o.head.replace(NOT_NEEDED_VALUE, ' ').matchAll(/(\d+)\s+(\d+)\s+R\b/gu)) queue.push(Number(m[1]));
  }
  return true;
}

/**
 * Objects written in plain text (`N G obj … endobj`), by number (a later one replaces an earlier:
 * an incremental update). A stream's data is skipped by its /Length when stated directly, else up
 * to `endstream`; an object with no `endobj` before the file ends is incomplete.
 */
function indexObjects(text: string): Map<number, PdfObject> {
  const out = new Map<number, PdfObject>();
  const header = /(?<![\d.])(\d+)\s+(\d+)\s+obj\b/gu;
  let m: RegExpExecArray | null;
  while ((m = header.exec(text))) {
    const start = m.index + m[0].length;
    const streamAt = text.indexOf('stream', start);
    const endobj = text.indexOf('endobj', start);
    let end: number;
    let head: string;
    let dataRange: PdfObject['data'];
    if (streamAt >= 0 && (endobj < 0 || streamAt < endobj) && /^\s*<</u.test(text.slice(start, start + 64))) {
      head = text.slice(start, streamAt);
      const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/u.exec(head);
      let data = streamAt + 6;
      if (text[data] === '\r') data++;
      if (text[data] === '\n') data++;
      const endstream = length && data + Number(length[1]) <= text.length ? text.indexOf('endstream', data + Number(length[1])) : text.indexOf('endstream', data);
      end = endstream < 0 ? -1 : text.indexOf('endobj', endstream);
      if (end >= 0) dataRange = { start: data, end: length && data + Number(length[1]) <= endstream ? data + Number(length[1]) : endstream };
    } else {
      end = endobj;
      head = end < 0 ? text.slice(start) : text.slice(start, end);
    }
    // Another object's header before this one's end: this one was never closed.
    const nextHeader = end < 0 ? -1 : text.slice(start, end).search(/(?<![\d.])\d+\s+\d+\s+obj\b/u);
    const complete = end >= 0 && (nextHeader < 0 || nextHeader > head.length);
    out.set(Number(m[1]), { at: m.index, head, complete, ...(complete && dataRange ? { data: dataRange } : {}) });
    if (end >= 0) header.lastIndex = end;
    else break;
  }
  return out;
}

/**
 * The objects written inside object streams (/Type /ObjStm: Word's and qpdf's PDFs keep the catalog, the
 * page tree and the pages there, compressed): each object stream written whole is inflated and its
 * objects indexed as complete. Their only index, the cross-reference stream, is at the file's end and
 * lost with the cut, so pdf.js cannot find them; `plainCopies` writes them again as plain objects after
 * the cut. A plain object of the same number written whole (a later update) is kept. An object stream
 * with another filter or a predictor is passed over (its objects stay unknown: the pages needing them are lost).
 */
function expandObjectStreams(text: string, objects: Map<number, PdfObject>): void {
  for (const stream of [...objects.values()]) {
    if (!stream.complete || !stream.data || !/\/Type\s*\/ObjStm\b/u.test(stream.head)) continue;
    if (!/\/Filter\s*\[?\s*\/FlateDecode\s*\]?/u.test(stream.head) || /\/DecodeParms/u.test(stream.head)) continue;
    const count = Number(/\/N\s+(\d+)/u.exec(stream.head)?.[1] ?? 0);
    const first = Number(/\/First\s+(\d+)/u.exec(stream.head)?.[1] ?? -1);
    let body: string;
    try {
      // Sync flush: data whose end carries the EOL before `endstream` (no direct /Length) still inflates.
      body = inflateSync(Buffer.from(text.slice(stream.data.start, stream.data.end), 'latin1'), { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString('latin1');
    } catch {
      continue; // a damaged stream: its objects stay unknown
    }
    if (!count || first < 0 || first > body.length) continue;
    const pairs = body.slice(0, first).trim().split(/\s+/u).map(Number);
    if (pairs.length < 2 * count || pairs.some((n) => !Number.isInteger(n) || n < 0)) continue;
    for (let i = 0; i < count; i++) {
      const [num, offset] = [pairs[2 * i], pairs[2 * i + 1]];
      const next = i + 1 < count ? pairs[2 * i + 3] : body.length - first;
      if (next < offset || first + next > body.length) break;
      if (objects.get(num)?.complete) continue;
      const own = body.slice(first + offset, first + next).trim();
      objects.set(num, { at: stream.at + i / (count + 1), head: own, complete: true, compressed: own });
    }
  }
}

/** The objects found only inside object streams, written again as plain objects (for the bytes given to pdf.js). */
function plainCopies(objects: Map<number, PdfObject>): string {
  let out = '';
  for (const [num, o] of objects) if (o.compressed !== undefined) out += `${num} 0 obj\n${o.compressed}\nendobj\n`;
  return out;
}
