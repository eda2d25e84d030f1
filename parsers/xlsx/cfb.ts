import { InputError } from '../../src/errors.js';

/**
 * One stream of an OLE compound file (复合文档, [MS-CFB]) by name, read within limits: what a Word
 * object stored as word/embeddings/oleObjectN.bin holds. An Excel 2007+ worksheet object stored
 * that way (documents converted from .doc, RTF round trips, some WPS versions) keeps the .xlsx
 * package whole in a root stream named "Package"; an Excel 97-2003 object keeps a "Workbook" stream
 * of BIFF records instead, which is not read here.
 *
 * Every sector chain is followed at most as many steps as the file has sectors (a crafted loop
 * ends there), and a stream larger than `maxBytes` is refused before it is assembled.
 */

const MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;

export function isCompoundFile(bytes: Uint8Array): boolean {
  return bytes.length >= 512 && MAGIC.every((b, i) => bytes[i] === b);
}

function bad(reason: string): InputError {
  return new InputError('CORRUPT_FILE', `OLE 复合文档损坏：${reason} / corrupt compound file`);
}

/** The root-level streams' names, and a reader of one of them; null when the file has no such stream. */
export function compoundStreams(bytes: Uint8Array, maxBytes: number): { names: string[]; read(name: string): Uint8Array | null } {
  if (!isCompoundFile(bytes)) throw bad('文件头无效 / bad signature');
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sectorShift = v.getUint16(0x1e, true);
  const miniShift = v.getUint16(0x20, true);
  if (sectorShift !== 9 && sectorShift !== 12) throw bad(`扇区大小 2^${sectorShift} / bad sector size`);
  if (miniShift !== 6) throw bad(`迷你扇区大小 2^${miniShift} / bad mini sector size`);
  const sector = 1 << sectorShift;
  const sectors = Math.floor((bytes.length - sector) / sector);
  const offset = (s: number) => sector + s * sector;
  const fatCount = v.getUint32(0x2c, true);
  const firstDir = v.getUint32(0x30, true);
  const cutoff = v.getUint32(0x38, true);
  const firstMiniFat = v.getUint32(0x3c, true);
  let difatNext = v.getUint32(0x44, true);
  if (fatCount > sectors + 1) throw bad('FAT 扇区数超出文件 / FAT larger than the file');
  // The FAT's sectors: 109 in the header, the rest in the DIFAT chain.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < fatCount; i++) fatSectors.push(v.getUint32(0x4c + i * 4, true));
  for (let steps = 0; fatSectors.length < fatCount && difatNext < sectors; steps++) {
    if (steps > sectors) throw bad('DIFAT 循环 / DIFAT loop');
    const at = offset(difatNext);
    const per = sector / 4 - 1;
    for (let i = 0; i < per && fatSectors.length < fatCount; i++) fatSectors.push(v.getUint32(at + i * 4, true));
    difatNext = v.getUint32(at + per * 4, true);
  }
  const fat = new Uint32Array(fatSectors.length * (sector / 4));
  fatSectors.forEach((s, k) => {
    if (s >= sectors) throw bad('FAT 扇区越界 / FAT sector out of range');
    for (let i = 0; i < sector / 4; i++) fat[k * (sector / 4) + i] = v.getUint32(offset(s) + i * 4, true);
  });
  /** A chain of sectors from `start`, bounded by the file's sector count (a loop is an error). */
  const chain = (start: number, table: Uint32Array, limit: number): number[] => {
    const out: number[] = [];
    for (let s = start; s !== END_OF_CHAIN && s !== FREE; s = table[s]) {
      if (s >= limit || s >= table.length || out.length > limit) throw bad('扇区链越界或循环 / sector chain out of range or looping');
      out.push(s);
    }
    return out;
  };
  const readChain = (start: number, size: number): Uint8Array => {
    if (size > maxBytes) throw new InputError('LIMIT_EXCEEDED', `OLE 复合文档中的流 ${size} 字节，超过上限 ${maxBytes} 字节 / stream too large`);
    const out = new Uint8Array(size);
    let at = 0;
    for (const s of chain(start, fat, sectors)) {
      if (at >= size) break;
      const n = Math.min(sector, size - at);
      out.set(bytes.subarray(offset(s), offset(s) + n), at);
      at += n;
    }
    if (at < size) throw bad('流被截断 / truncated stream');
    return out;
  };
  // The directory: 128-byte entries; entry 0 is the root storage.
  const dirSectors = chain(firstDir, fat, sectors);
  interface Entry { name: string; type: number; left: number; right: number; child: number; start: number; size: number }
  const entries: Entry[] = [];
  for (const s of dirSectors) {
    for (let k = 0; k < sector / 128; k++) {
      const at = offset(s) + k * 128;
      const nameLength = Math.min(64, v.getUint16(at + 0x40, true));
      const name = new TextDecoder('utf-16le').decode(bytes.subarray(at, at + Math.max(0, nameLength - 2)));
      entries.push({ name, type: bytes[at + 0x42], left: v.getUint32(at + 0x44, true), right: v.getUint32(at + 0x48, true), child: v.getUint32(at + 0x4c, true), start: v.getUint32(at + 0x74, true), size: v.getUint32(at + 0x78, true) });
    }
  }
  const root = entries[0];
  if (!root || root.type !== 5) throw bad('缺少根目录 / no root entry');
  // The root's children: a red-black tree of siblings under root.child.
  const children: Entry[] = [];
  const stack = [root.child];
  const seen = new Set<number>();
  while (stack.length) {
    const i = stack.pop()!;
    if (i === FREE || i >= entries.length || seen.has(i)) continue;
    seen.add(i);
    const e = entries[i];
    children.push(e);
    stack.push(e.left, e.right);
  }
  let mini: { fat: Uint32Array; stream: Uint8Array } | null = null;
  const miniStream = () => {
    if (!mini) {
      const fatBytes = firstMiniFat < sectors ? chain(firstMiniFat, fat, sectors) : [];
      const table = new Uint32Array(fatBytes.length * (sector / 4));
      fatBytes.forEach((s, k) => {
        for (let i = 0; i < sector / 4; i++) table[k * (sector / 4) + i] = v.getUint32(offset(s) + i * 4, true);
      });
      mini = { fat: table, stream: readChain(root.start, Math.min(root.size, chain(root.start, fat, sectors).length * sector)) };
    }
    return mini;
  };
  return {
    names: children.filter((e) => e.type === 2).map((e) => e.name),
    read(name) {
      const e = children.find((c) => c.type === 2 && c.name === name);
      if (!e) return null;
      if (e.size >= cutoff) return readChain(e.start, e.size);
      if (e.size > maxBytes) throw new InputError('LIMIT_EXCEEDED', `OLE 复合文档中的流超过上限 / stream too large`);
      const m = miniStream();
      const out = new Uint8Array(e.size);
      let at = 0;
      for (const s of chain(e.start, m.fat, Math.floor(m.stream.length / 64))) {
        if (at >= e.size) break;
        const n = Math.min(64, e.size - at);
        out.set(m.stream.subarray(s * 64, s * 64 + n), at);
        at += n;
      }
      if (at < e.size) throw bad('流被截断 / truncated stream');
      return out;
    },
  };
}
