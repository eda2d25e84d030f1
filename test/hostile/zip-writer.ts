import { deflateRawSync } from 'node:zlib';

/**
 * A minimal zip writer for the hostile corpus. Unlike a library it lets a test state sizes that
 * do not match the data (a package may lie about its sizes) and pass pre-deflated data (bombs).
 */
export interface ZipEntryInput {
  name: string;
  /** Uncompressed bytes, deflated (method 8) or stored (method 0) by the writer. */
  data?: Uint8Array;
  /** Already-deflated bytes (raw deflate), written as they are with method 8. */
  deflated?: Uint8Array;
  method?: 0 | 8;
  /** The uncompressed size written into the headers; defaults to data's true length. */
  declaredSize?: number;
  crc32?: number;
  /** The compression method written into the headers, whatever was done to the data. */
  writtenMethod?: number;
}

const encoder = new TextEncoder();

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) {
    crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function writeZip(entries: ZipEntryInput[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(encoder.encode(e.name));
    let method: number;
    let payload: Uint8Array;
    let size: number;
    let crc: number;
    if (e.deflated) {
      method = 8;
      payload = e.deflated;
      size = e.declaredSize ?? 0;
      crc = e.crc32 ?? 0;
    } else {
      const data = e.data ?? new Uint8Array(0);
      method = e.method ?? 8;
      payload = method === 8 ? deflateRawSync(data, { level: 1 }) : data; // fast: the corpus is made at test time
      size = e.declaredSize ?? data.length;
      crc = e.crc32 ?? crc32(data);
    }
    if (e.writtenMethod !== undefined) method = e.writtenMethod;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(payload.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, Buffer.from(payload.buffer, payload.byteOffset, payload.length));

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(payload.length, 20);
    central.writeUInt32LE(size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + payload.length;
  }
  const cdSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, ...centrals, end]));
}
