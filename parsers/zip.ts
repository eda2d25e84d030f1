import * as zlib from 'node:zlib';
import { InputError } from '../src/errors.js';

/** Limits applied while unpacking an Office Open XML package (zip-bomb safety). */
export interface ZipLimits {
  /** Largest decompressed size of one entry we read, in bytes. */
  maxEntryBytes: number;
  /** Largest number of entries in the package. */
  maxEntries: number;
  /** Largest decompressed size of all the entries we read, together (declared sizes bound it). */
  maxTotalBytes?: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntryBytes: 64 * 1024 * 1024,
  maxEntries: 5000,
  maxTotalBytes: 256 * 1024 * 1024,
};

/** One entry of the central directory. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else cannot be read. */
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  /** Decompressed size as the directory declares it (checked against what inflates). */
  size: number;
  localHeader: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function corrupt(reason: string, cause?: unknown): InputError {
  return new InputError('CORRUPT_FILE', `文件不是完整的 Word 文档（zip 包损坏：${reason}） / corrupt zip package`, cause ? { cause } : undefined);
}

/**
 * Deflate never makes data much bigger (stored blocks add 5 bytes per 64 KiB), so a compressed
 * entry larger than this for its declared size is lying about its size (a crafted bomb).
 */
function impossiblyLarge(compressed: number, declared: number): boolean {
  return compressed > declared + Math.ceil(declared / 16384) * 5 + 64;
}

/**
 * A zip package read through its central directory: nothing is inflated until asked for, and every
 * inflation is bounded by the entry's declared size (node:zlib's maxOutputLength), so a part that
 * lies about its size stops at the lie instead of filling memory.
 */
export class ZipPackage {
  readonly entries: ReadonlyMap<string, ZipEntry>;
  /**
   * True when the central directory was lost (a file cut off in download or copy) and the entries
   * were found by their local headers: only those whose data arrived whole are listed.
   */
  readonly cutOff: boolean = false;
  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  private readonly limits: ZipLimits;
  private inflated = 0;

  constructor(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.limits = limits;
    const directory = this.readDirectory();
    if (directory) this.entries = directory;
    else {
      this.entries = localEntries(bytes, limits);
      this.cutOff = true;
    }
  }

  /**
   * Check the declared sizes of the entries `counted` picks (the parts a reader of this format may
   * read) against the per-entry and total limits, before anything is inflated.
   */
  checkDeclaredSizes(counted: (name: string) => boolean): void {
    const maxTotal = this.limits.maxTotalBytes ?? Number.MAX_SAFE_INTEGER;
    let total = 0;
    for (const e of this.entries.values()) {
      if (!counted(e.name)) continue;
      if (e.size > this.limits.maxEntryBytes) {
        throw new InputError('LIMIT_EXCEEDED', `${e.name} 解压后 ${e.size} 字节，超过上限 ${this.limits.maxEntryBytes} 字节 / decompressed entry too large`);
      }
      total += e.size;
      if (total > maxTotal) throw new InputError('LIMIT_EXCEEDED', `压缩包解压后总计超过上限 ${maxTotal} 字节 / decompressed package too large`);
    }
  }

  /** The decompressed bytes of one entry, or null when the package has no such entry. */
  read(name: string): Uint8Array | null {
    const e = this.entries.get(name);
    if (!e) return null;
    if (e.size > this.limits.maxEntryBytes) {
      throw new InputError('LIMIT_EXCEEDED', `${name} 解压后 ${e.size} 字节，超过上限 ${this.limits.maxEntryBytes} 字节 / decompressed entry too large`);
    }
    const maxTotal = this.limits.maxTotalBytes ?? Number.MAX_SAFE_INTEGER;
    if (this.inflated + e.size > maxTotal) throw new InputError('LIMIT_EXCEEDED', `压缩包解压后总计超过上限 ${maxTotal} 字节 / decompressed package too large`);
    if (e.flags & 1) throw corrupt(`${name} 已加密 / encrypted entry`);
    const v = this.view;
    const at = e.localHeader;
    if (at + 30 > this.bytes.length || v.getUint32(at, true) !== LOCAL) throw corrupt(`${name} 的本地文件头缺失 / local header missing`);
    const start = at + 30 + v.getUint16(at + 26, true) + v.getUint16(at + 28, true);
    const end = start + e.compressedSize;
    if (end > this.bytes.length) throw corrupt(`${name} 的数据被截断 / entry data truncated`);
    const raw = this.bytes.subarray(start, end);
    let data: Uint8Array;
    if (e.method === 0) {
      if (e.compressedSize !== e.size) throw corrupt(`${name} 的大小不一致 / stored entry size mismatch`);
      data = raw;
    } else if (e.method === 8) {
      if (impossiblyLarge(e.compressedSize, e.size)) {
        throw new InputError('CORRUPT_FILE', `${name} 声明的解压大小（${e.size} 字节）与压缩数据（${e.compressedSize} 字节）不符 / zip entry lies about its size`);
      }
      try {
        // One byte more than declared: a longer output proves the declaration false, and stops there.
        // Inflated into one chunk of that size (the declaration is checked against the limits and the
        // compressed size above), not into 16 KB chunks joined by a copy at the end.
        const outputLength = Math.max(1, e.size + 1);
        data = zlib.inflateRawSync(raw, { maxOutputLength: outputLength, chunkSize: Math.max(zlib.constants.Z_MIN_CHUNK, outputLength) });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new InputError('CORRUPT_FILE', `${name} 解压后超过其声明的 ${e.size} 字节 / zip entry lies about its size`, { cause: err });
        }
        throw corrupt(`${name}：${(err as Error).message}`, err);
      }
      if (data.length !== e.size) throw new InputError('CORRUPT_FILE', `${name} 解压后 ${data.length} 字节，与声明的 ${e.size} 字节不符 / zip entry lies about its size`);
    } else {
      throw corrupt(`${name} 使用未知的压缩方法 ${e.method} / unknown compression method`);
    }
    // zlib.crc32 is native from Node 20.15 (older Nodes skip the check).
    if (typeof zlib.crc32 === 'function' && zlib.crc32(data) >>> 0 !== e.crc >>> 0) throw corrupt(`${name} 校验和不符 / CRC mismatch`);
    this.inflated += e.size;
    return data;
  }

  /** The central directory's entries; null when its end record is missing (the end of the file is gone). */
  private readDirectory(): Map<string, ZipEntry> | null {
    const b = this.bytes;
    const v = this.view;
    // The end record is the last 22 bytes plus a comment of at most 65,535 bytes.
    let eocd = -1;
    for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
      if (b[i] === 0x50 && b[i + 1] === 0x4b && v.getUint32(i, true) === EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return null;
    let count = v.getUint16(eocd + 10, true);
    let dirOffset = v.getUint32(eocd + 16, true);
    if ((count === 0xffff || dirOffset === 0xffffffff) && eocd >= 20 && v.getUint32(eocd - 20, true) === ZIP64_LOCATOR) {
      const z = Number(v.getBigUint64(eocd - 12, true));
      if (z + 56 > b.length || v.getUint32(z, true) !== ZIP64_EOCD) throw corrupt('ZIP64 目录记录无效 / bad zip64 end record');
      count = Number(v.getBigUint64(z + 32, true));
      dirOffset = Number(v.getBigUint64(z + 48, true));
    }
    if (count > this.limits.maxEntries) throw new InputError('LIMIT_EXCEEDED', `压缩包条目过多（超过 ${this.limits.maxEntries} 个） / too many zip entries`);
    const entries = new Map<string, ZipEntry>();
    let p = dirOffset;
    for (let k = 0; k < count; k++) {
      if (p + 46 > b.length || v.getUint32(p, true) !== CENTRAL) throw corrupt('中央目录损坏 / bad central directory entry');
      const flags = v.getUint16(p + 8, true);
      const nameLength = v.getUint16(p + 28, true);
      const extraLength = v.getUint16(p + 30, true);
      const commentLength = v.getUint16(p + 32, true);
      if (p + 46 + nameLength + extraLength > b.length) throw corrupt('中央目录被截断 / truncated central directory');
      const name = entryName(b.subarray(p + 46, p + 46 + nameLength), flags);
      const entry: ZipEntry = {
        name,
        method: v.getUint16(p + 10, true),
        flags,
        crc: v.getUint32(p + 16, true),
        compressedSize: v.getUint32(p + 20, true),
        size: v.getUint32(p + 24, true),
        localHeader: v.getUint32(p + 42, true),
      };
      if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff || entry.localHeader === 0xffffffff) {
        readZip64Extra(v, p + 46 + nameLength, extraLength, entry);
      }
      // Two entries of one name: which one a reader takes is arbitrary (OPC forbids it).
      if (entries.has(name)) throw corrupt(`${name} 出现了两次 / duplicate entry`);
      entries.set(name, entry);
      p += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  }
}

const UTF8 = new TextDecoder('utf-8');

/** Names are UTF-8 when flag 11 is set, else code page 437; the parts we look for are ASCII. */
function entryName(bytes: Uint8Array, flags: number): string {
  return flags & 0x800 ? UTF8.decode(bytes) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
}

/** The reason a cut-off package is named in its errors and notes. */
export const CUT_OFF = '文件不完整（下载或复制时被截断，压缩包末尾的目录缺失）';

/**
 * A zip whose end (the central directory) is missing: its entries found walking the local file
 * headers from the start. An entry whose sizes follow its data (flag 3, a data descriptor) ends at
 * the descriptor before the next header; the entry the cut went through, and everything after, is
 * left out. None found at all: the zip is too damaged to read.
 */
function localEntries(b: Uint8Array, limits: ZipLimits): Map<string, ZipEntry> {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  while (p + 30 <= b.length && v.getUint32(p, true) === LOCAL) {
    if (entries.size >= limits.maxEntries) throw new InputError('LIMIT_EXCEEDED', `压缩包条目过多（超过 ${limits.maxEntries} 个） / too many zip entries`);
    const flags = v.getUint16(p + 6, true);
    const nameLength = v.getUint16(p + 26, true);
    const start = p + 30 + nameLength + v.getUint16(p + 28, true);
    if (start > b.length) break;
    const name = entryName(b.subarray(p + 30, p + 30 + nameLength), flags);
    const entry: ZipEntry = { name, method: v.getUint16(p + 8, true), flags, crc: v.getUint32(p + 14, true), compressedSize: v.getUint32(p + 18, true), size: v.getUint32(p + 22, true), localHeader: p };
    let end = start + entry.compressedSize;
    if (flags & 8) {
      // Sizes in a data descriptor (signature optional) just before the next local header.
      const next = Buffer.from(b.buffer, b.byteOffset, b.byteLength).indexOf('PK\x03\x04', start, 'latin1');
      if (next < 0) break;
      const d = next - 12; // crc, sizes: the last 12 bytes of the descriptor, with or without its signature
      [entry.crc, entry.compressedSize, entry.size] = [v.getUint32(d, true), v.getUint32(d + 4, true), v.getUint32(d + 8, true)];
      end = start + entry.compressedSize;
      if (end > next) break;
      p = next;
    } else {
      p = end;
    }
    if (end > b.length || entry.size === 0xffffffff) break;
    if (!entries.has(name)) entries.set(name, entry);
  }
  if (entries.size === 0) throw corrupt(`${CUT_OFF.replace(/^文件不完整（|）$/gu, '')}，也找不到完整的部件 / no end of central directory`);
  return entries;
}

/** Sizes and offset too large for 32 bits are in the zip64 extra field (id 1), in this order. */
function readZip64Extra(v: DataView, at: number, length: number, e: ZipEntry): void {
  const end = at + length;
  while (at + 4 <= end) {
    const id = v.getUint16(at, true);
    const size = v.getUint16(at + 2, true);
    if (id === 1) {
      let q = at + 4;
      const next = () => {
        if (q + 8 > at + 4 + size) throw corrupt('ZIP64 扩展字段不完整 / short zip64 extra field');
        const n = Number(v.getBigUint64(q, true));
        q += 8;
        return n;
      };
      if (e.size === 0xffffffff) e.size = next();
      if (e.compressedSize === 0xffffffff) e.compressedSize = next();
      if (e.localHeader === 0xffffffff) e.localHeader = next();
      return;
    }
    at += 4 + size;
  }
  throw corrupt('缺少 ZIP64 扩展字段 / zip64 extra field missing');
}

/**
 * Read the named entries of a zip package. Declared sizes are checked before inflating, and the
 * inflated size is checked again after (a package may lie about its sizes).
 */
export function readZipEntries(bytes: Uint8Array, wanted: (name: string) => boolean, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Map<string, Uint8Array> {
  const zip = new ZipPackage(bytes, limits);
  zip.checkDeclaredSizes(wanted);
  const out = new Map<string, Uint8Array>();
  for (const name of zip.entries.keys()) if (wanted(name)) out.set(name, zip.read(name)!);
  return out;
}
