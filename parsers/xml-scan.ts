import { InputError } from '../src/errors.js';

/**
 * A streaming XML tokenizer over UTF-8 bytes, for the parts of Office packages we read.
 *
 * It finds tags with the native byte search (`Uint8Array.indexOf`), interns element names, and hands
 * text over as byte ranges: a reader decodes only the text it keeps (in a Word document, the runs of
 * w:t — a few percent of the bytes), so most of the markup is never turned into JavaScript strings.
 * Measured on seed.docx's word/document.xml it is several times faster than saxes or htmlparser2
 * (bench/floors.ts).
 *
 * Safety, for files that may be crafted:
 * - a DOCTYPE is refused (no internal subset, so no entity definitions: entity expansion and external
 *   entities are impossible by construction); only the five predefined entities and character
 *   references are decoded, and an unknown reference is an error;
 * - the structure is checked: names, attributes, every end tag against its start tag, one root
 *   element, nothing but whitespace, comments and processing instructions around it;
 * - the tokenizer keeps no state proportional to the input besides the open-element stack.
 * Errors are InputError CORRUPT_FILE (the caller names the part).
 */

export interface XmlHandler {
  /** An element starts; `name` is its local name (any namespace prefix dropped). Attributes: scanner.attr(). */
  open(name: string): void;
  /** An element ends (also right after `open` for an empty element `<a/>`). */
  close(name: string): void;
  /**
   * Character data inside the root element, as bytes [start, end) of the input, not yet decoded;
   * `cdata` for a CDATA section (taken literally). Decode with scanner.text(start, end, cdata).
   */
  text(start: number, end: number, cdata: boolean): void;
}

interface Name {
  /** The qualified name as written (prefix:local). */
  qname: string;
  local: string;
  /** Bytes of the qualified name (for the intern table's equality check). */
  bytes: Uint8Array;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QMARK = 0x3f;
const BANG = 0x21;
const EQ = 0x3d;

const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x09 || b === 0x0d;
/** Name characters of XML 1.0 restricted to ASCII; every byte ≥ 0x80 is accepted (non-ASCII names). */
const NAME_START = new Uint8Array(256);
const NAME_CHAR = new Uint8Array(256);
for (let b = 0; b < 256; b++) {
  const letter = (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x5f || b === 0x3a || b >= 0x80;
  NAME_START[b] = letter ? 1 : 0;
  NAME_CHAR[b] = letter || (b >= 0x30 && b <= 0x39) || b === 0x2d || b === 0x2e ? 1 : 0;
}

const utf8 = new TextDecoder('utf-8');
/** Up to this many bytes, an ASCII value or text run is made into a string byte by byte (measured: faster than Buffer's decoder below ~8). */
const SHORT_ASCII = 6;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const REFERENCE = /&([^;&]*);|&/g;
/** Characters XML 1.0 does not allow in a document (C0 controls except tab, line feed, carriage return). */
const DISALLOWED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

/** Names seen before, shared across documents (OOXML has a small vocabulary); bounded against crafted input. */
const internTable = new Map<number, Name[]>();
let internCount = 0;
const MAX_INTERNED = 4096;
/** The last name seen per hash slot: most names are found here without a map lookup. */
const RECENT_SLOTS = 1024;
const recentNames: (Name | undefined)[] = new Array<Name | undefined>(RECENT_SLOTS).fill(undefined);

export function corrupt(reason: string): InputError {
  return new InputError('CORRUPT_FILE', reason);
}

export class XmlScanner {
  private readonly b: Uint8Array;
  /** The same bytes as a Buffer, to decode a range without making a view of it first. */
  private readonly buffer: Buffer;
  private readonly stack: Name[] = [];
  /** Attribute bytes [attrStart, attrEnd) of the element being opened (valid during `open`). */
  private attrStart = 0;
  private attrEnd = 0;

  constructor(bytes: Uint8Array) {
    const b = toUtf8(bytes);
    // A plain view: Buffer (what node:zlib returns) overrides indexOf and subarray with slower versions.
    this.b = Object.getPrototypeOf(b) === Uint8Array.prototype ? b : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    this.buffer = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  }

  get bytes(): Uint8Array {
    return this.b;
  }

  /** Local name of the parent of the element being opened or closed ('' at the root). */
  parent(): string {
    const n = this.stack.length;
    return n >= 2 ? this.stack[n - 2].local : '';
  }

  /** Depth of the element being opened (1 = root). */
  get depth(): number {
    return this.stack.length;
  }

  /** Value of the attribute with this local name on the element being opened (prefix ignored). */
  attr(local: string): string | undefined {
    const b = this.b;
    let i = this.attrStart;
    const end = this.attrEnd;
    while (i < end) {
      while (i < end && isSpace(b[i])) i++;
      if (i >= end) break;
      const nameStart = i;
      let colon = -1;
      while (i < end && b[i] !== EQ && !isSpace(b[i])) {
        if (b[i] === 0x3a) colon = i;
        i++;
      }
      const localStart = colon >= 0 ? colon + 1 : nameStart;
      const nameEnd = i;
      while (i < end && b[i] !== 0x22 && b[i] !== 0x27) i++;
      const quote = b[i];
      const valueStart = i + 1;
      const valueEnd = b.indexOf(quote, valueStart);
      i = valueEnd + 1;
      if (nameEnd - localStart !== local.length) continue;
      let same = true;
      for (let k = 0; k < local.length; k++) {
        if (b[localStart + k] !== local.charCodeAt(k)) {
          same = false;
          break;
        }
      }
      if (same) return this.decode(valueStart, valueEnd, true);
    }
    return undefined;
  }

  /** Text of bytes [start, end): references resolved, line ends normalized (XML 1.0 §2.11). */
  text(start: number, end: number, cdata = false): string {
    if (cdata) return normalizeLineEnds(this.utf8(start, end));
    return this.decode(start, end);
  }

  /**
   * UTF-8 of bytes [start, end), as TextDecoder gives it (malformed bytes become U+FFFD, a leading
   * byte-order mark is dropped) but without a subarray per text run: most text runs are a few bytes.
   */
  private utf8(start: number, end: number): string {
    if (end - start <= SHORT_ASCII) {
      // Most attribute values are a few ASCII bytes ("0", "24", "auto"): made here, not by a call into Buffer.
      const b = this.b;
      let t = '';
      let k = start;
      for (; k < end && b[k] < 0x80; k++) t += String.fromCharCode(b[k]);
      if (k === end) return t;
    }
    const s = this.buffer.toString('utf8', start, end);
    return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
  }

  /**
   * Decode bytes [start, end): line ends normalized (§2.11), in an attribute value white space made
   * spaces (§3.3.3), then references resolved (a reference to a line feed stays a line feed).
   */
  private decode(start: number, end: number, attribute = false): string {
    let s = this.utf8(start, end);
    // Most values and text runs hold none of what the steps below look for: one pass over the bytes says so.
    if (plainBytes(this.b, start, end)) return s;
    if (DISALLOWED.test(s)) throw corrupt('XML 含有不允许的控制字符 / character not allowed in XML');
    if (s.indexOf('\r') >= 0) s = normalizeLineEnds(s);
    if (attribute && /[\t\n]/.test(s)) s = s.replace(/[\t\n]/g, ' ');
    if (s.indexOf('&') >= 0) s = resolveReferences(s);
    return s;
  }

  /** Tokenize the whole input, calling the handler for every element and text segment. */
  run(h: XmlHandler): void {
    const b = this.b;
    const n = b.length;
    const stack = this.stack;
    let i = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
    let rootDone = false;
    let rootSeen = false;
    while (i < n) {
      // Text between tags is mostly short: a plain loop first, the native search past 64 bytes.
      let lt = i;
      const near = Math.min(n, i + 64);
      while (lt < near && b[lt] !== LT) lt++;
      if (lt === near) lt = lt < n ? b.indexOf(LT, lt) : -1;
      const textEnd = lt < 0 ? n : lt;
      if (textEnd > i) {
        if (stack.length) h.text(i, textEnd, false);
        else if (!allSpace(b, i, textEnd)) throw corrupt(rootSeen ? 'XML 根元素之后还有内容 / content after the root element' : 'XML 开头不是元素（不是 XML 文件） / not XML: text before the root element');
      }
      if (lt < 0) break;
      const c = b[lt + 1];
      if (c === SLASH) {
        // End tag: </name S?>
        const open = stack[stack.length - 1];
        let j = lt + 2;
        const nameStart = j;
        while (j < n && NAME_CHAR[b[j]]) j++;
        if (!open || !sameBytes(b, nameStart, j, open.bytes)) {
          const written = utf8.decode(b.subarray(nameStart, j));
          throw corrupt(`XML 标签不匹配：</${written}> 对应 <${open?.qname ?? ''}> / mismatched end tag`);
        }
        while (j < n && isSpace(b[j])) j++;
        if (b[j] !== GT) throw corrupt('XML 结束标签不完整 / malformed end tag');
        h.close(open.local);
        stack.pop();
        if (!stack.length) rootDone = true;
        i = j + 1;
        continue;
      }
      if (c === QMARK) {
        const end = indexOf2(b, QMARK, GT, lt + 2);
        if (end < 0) throw corrupt('XML 处理指令未结束 / unterminated processing instruction');
        i = end + 2;
        continue;
      }
      if (c === BANG) {
        i = this.markup(h, lt, rootSeen && !rootDone);
        continue;
      }
      // Start tag: <name (S attr=value)* S? /?>
      let j = lt + 1;
      if (!NAME_START[b[j]] || j >= n) throw corrupt('XML 标签名无效（文件不是 XML 或已损坏） / invalid tag name');
      const nameStart = j;
      // the intern table's hash (FNV-1a) taken on the way over the name's bytes
      let hash = 0x811c9dc5;
      for (; j < n; j++) {
        const c = b[j];
        if (!NAME_CHAR[c]) break;
        hash = Math.imul(hash ^ c, 0x01000193);
      }
      const name = this.intern(nameStart, j, hash);
      if (rootDone) throw corrupt('XML 有多个根元素 / more than one root element');
      rootSeen = true;
      const attrStart = j;
      // Attributes: checked here (a '>' may sit inside a value), read on demand by attr().
      let selfClosing = false;
      for (;;) {
        const spaced = j < n && isSpace(b[j]);
        while (j < n && isSpace(b[j])) j++;
        const d = b[j];
        if (d === GT) break;
        if (d === SLASH && b[j + 1] === GT) {
          selfClosing = true;
          break;
        }
        if (!spaced || !NAME_START[d] || j >= n) throw corrupt('XML 属性格式错误 / malformed attribute');
        while (j < n && NAME_CHAR[b[j]]) j++;
        while (j < n && isSpace(b[j])) j++;
        if (b[j] !== EQ) throw corrupt('XML 属性缺少“=” / attribute without value');
        j++;
        while (j < n && isSpace(b[j])) j++;
        const q = b[j];
        if (q !== 0x22 && q !== 0x27) throw corrupt('XML 属性值缺少引号 / unquoted attribute value');
        // Values are short: a plain loop beats a call into indexOf, and checks for '<' on the way.
        j++;
        while (j < n && b[j] !== q && b[j] !== LT) j++;
        if (j >= n) throw corrupt('XML 属性值未结束 / unterminated attribute value');
        if (b[j] === LT) throw corrupt('XML 属性值含有“<” / "<" in an attribute value');
        j++;
      }
      this.attrStart = attrStart;
      this.attrEnd = j;
      stack.push(name);
      h.open(name.local);
      if (selfClosing) {
        h.close(name.local);
        stack.pop();
        if (!stack.length) rootDone = true;
        i = j + 2;
      } else {
        i = j + 1;
      }
    }
    if (stack.length) throw corrupt(`XML 在 <${stack[stack.length - 1].qname}> 内意外结束（文件被截断？） / unexpected end of XML`);
    if (!rootSeen) throw corrupt('XML 没有根元素 / no root element');
  }

  /** `<!…`: a comment, a CDATA section (inside the root) or a refused DOCTYPE. Returns the next position. */
  private markup(h: XmlHandler, lt: number, inRoot: boolean): number {
    const b = this.b;
    if (b[lt + 2] === 0x2d && b[lt + 3] === 0x2d) {
      const end = indexOf3(b, 0x2d, 0x2d, GT, lt + 4);
      if (end < 0) throw corrupt('XML 注释未结束 / unterminated comment');
      return end + 3;
    }
    if (startsWith(b, lt + 2, '[CDATA[')) {
      if (!inRoot) throw corrupt('XML 根元素外有 CDATA / CDATA outside the root element');
      const start = lt + 9;
      const end = indexOf3(b, 0x5d, 0x5d, GT, start);
      if (end < 0) throw corrupt('XML CDATA 未结束 / unterminated CDATA section');
      if (end > start) h.text(start, end, true);
      return end + 3;
    }
    if (startsWith(b, lt + 2, 'DOCTYPE')) {
      throw new InputError('CORRUPT_FILE', 'Word 正文含有 DOCTYPE 声明（可能是恶意构造的 XML 实体） / DOCTYPE in document.xml is not allowed');
    }
    throw corrupt('XML 标记无效 / malformed markup declaration');
  }

  /** The interned name for bytes [start, end), whose FNV-1a hash is `h`. */
  private intern(start: number, end: number, h: number): Name {
    const b = this.b;
    if (end === start) throw corrupt('XML 标签名为空 / empty tag name');
    const slot = h & (RECENT_SLOTS - 1);
    const recent = recentNames[slot];
    if (recent !== undefined && sameBytes(b, start, end, recent.bytes)) return recent;
    const bucket = internTable.get(h);
    if (bucket) {
      for (const name of bucket) {
        if (sameBytes(b, start, end, name.bytes)) {
          recentNames[slot] = name;
          return name;
        }
      }
    }
    const bytes = b.slice(start, end);
    const qname = utf8.decode(bytes);
    const colon = qname.indexOf(':');
    const name: Name = { qname, local: internalized(colon < 0 ? qname : qname.slice(colon + 1)), bytes };
    recentNames[slot] = name;
    if (internCount < MAX_INTERNED) {
      internCount++;
      if (bucket) bucket.push(name);
      else internTable.set(h, [name]);
    }
    return name;
  }
}

/**
 * The same string as V8's internalized copy (the one a property name or a literal uses): handlers
 * switch over the local name (`case 'tbl':` …), and comparing two internalized strings is a pointer
 * test where a decoded or sliced name was compared length and characters against every case. Done
 * once per distinct name (the intern table keeps it).
 */
function internalized(s: string): string {
  return Object.keys({ [s]: 0 })[0];
}

/** UTF-16 parts (with a byte-order mark, or starting `<?` in UTF-16) are transcoded; UTF-8 is used as is. */
function toUtf8(bytes: Uint8Array): Uint8Array {
  const le = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0x3c && bytes[1] === 0 && bytes[2] === 0x3f && bytes[3] === 0);
  const be = (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0 && bytes[1] === 0x3c && bytes[2] === 0 && bytes[3] === 0x3f);
  if (!le && !be) return bytes;
  const text = new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes);
  // The declaration still says UTF-16; the tokenizer does not read it.
  return new TextEncoder().encode(text);
}

/**
 * Bytes [start, end) hold nothing decode() changes or refuses: no C0 control (tab, line ends and the
 * refused ones), no '&', no U+FFFE or U+FFFF (EF BF BE, EF BF BF). UTF-8 encodes those characters only
 * so — a malformed sequence decodes to U+FFFD — so the decoded text needs no further step.
 */
function plainBytes(b: Uint8Array, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const c = b[k];
    if (c < 0x20 || c === 0x26) return false;
    if (c === 0xef && b[k + 1] === 0xbf && (b[k + 2] === 0xbe || b[k + 2] === 0xbf)) return false;
  }
  return true;
}

function sameBytes(b: Uint8Array, start: number, end: number, name: Uint8Array): boolean {
  if (end - start !== name.length) return false;
  for (let k = 0; k < name.length; k++) if (name[k] !== b[start + k]) return false;
  return true;
}

function allSpace(b: Uint8Array, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (!isSpace(b[k])) return false;
  return true;
}

function startsWith(b: Uint8Array, at: number, s: string): boolean {
  for (let k = 0; k < s.length; k++) if (b[at + k] !== s.charCodeAt(k)) return false;
  return true;
}

function indexOf2(b: Uint8Array, x: number, y: number, from: number): number {
  for (let i = b.indexOf(x, from); i >= 0; i = b.indexOf(x, i + 1)) if (b[i + 1] === y) return i;
  return -1;
}

function indexOf3(b: Uint8Array, x: number, y: number, z: number, from: number): number {
  for (let i = b.indexOf(x, from); i >= 0; i = b.indexOf(x, i + 1)) if (b[i + 1] === y && b[i + 2] === z) return i;
  return -1;
}

function resolveReferences(s: string): string {
  return s.replace(REFERENCE, (whole, ref: string | undefined) => {
    if (ref === undefined) throw corrupt('XML 中“&”未转义 / unescaped "&"');
    if (ref.charCodeAt(0) === 0x23) {
      const hex = ref.charCodeAt(1) === 0x78;
      const digits = ref.slice(hex ? 2 : 1);
      const cp = digits && /^[0-9a-fA-F]+$/.test(digits) && (hex || /^\d+$/.test(digits)) ? parseInt(digits, hex ? 16 : 10) : NaN;
      if (!(cp > 0 && cp <= 0x10ffff) || (cp < 0x20 && cp !== 9 && cp !== 10 && cp !== 13) || (cp >= 0xd800 && cp <= 0xdfff)) {
        throw corrupt(`XML 字符引用无效：${whole} / invalid character reference`);
      }
      return String.fromCodePoint(cp);
    }
    const value = PREDEFINED[ref];
    // Only the predefined entities exist: a document may not define any (no DOCTYPE).
    if (value === undefined) throw corrupt(`XML 引用了未定义的实体 &${ref.slice(0, 40)}; / undefined entity`);
    return value;
  });
}

function normalizeLineEnds(s: string): string {
  return s.replace(/\r\n?/g, '\n');
}

/**
 * Run a scanner over one part of a package, naming the part in a parse error (a DOCTYPE said as
 * such: it is how entity-expansion attacks come).
 */
export function scanPart(bytes: Uint8Array, part: string, handlerFor: (x: XmlScanner) => XmlHandler): void {
  const x = new XmlScanner(bytes);
  try {
    x.run(handlerFor(x));
  } catch (e) {
    if (e instanceof InputError && e.code === 'CORRUPT_FILE') {
      const reason = /DOCTYPE/u.test(e.message) ? '含有 DOCTYPE 声明（可能是恶意构造的 XML 实体） / DOCTYPE is not allowed' : e.message;
      throw new InputError('CORRUPT_FILE', `${part} 无法解析：${reason}`, { cause: e });
    }
    throw e;
  }
}
