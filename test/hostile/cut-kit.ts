import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cachedFile } from '../fixtures/producers/cache.js';

/**
 * Broken files a bureau really receives (hostile30), made from the real samples with the tools
 * Debian has: a PDF or .docx cut off in download, and scans saved as TIFF (fax G3/G4, PackBits,
 * LZW, grey), BMP, GIF and WebP. Ghostscript draws the pages; qpdf rewrites and linearizes; the GIF
 * is written here (no tool on the box writes one).
 */

/** The first `fraction` of the bytes: a download or copy that stopped there. */
export function cut(bytes: Uint8Array, fraction: number): Uint8Array {
  return bytes.slice(0, Math.floor(bytes.length * fraction));
}

/**
 * The PDF rewritten by qpdf: pages and fonts near the start (qpdf's order), or linearized ("fast web view");
 * with `objectStreams`, the page tree, pages and fonts compressed into object streams as Word and Acrobat write them.
 */
export function qpdfRewritten(pdf: Uint8Array, linearize: boolean, objectStreams = false): Uint8Array {
  return cachedFile(`qpdf-${linearize ? 'linear' : 'plain'}${objectStreams ? '-objstm' : ''}`, [pdf], (work) => {
    writeFileSync(join(work, 'in.pdf'), pdf);
    execFileSync('qpdf', [...(linearize ? ['--linearize'] : []), `--object-streams=${objectStreams ? 'generate' : 'disable'}`, '--deterministic-id', join(work, 'in.pdf'), join(work, 'out.pdf')], { stdio: 'pipe' });
    return new Uint8Array(readFileSync(join(work, 'out.pdf')));
  });
}

/** Ghostscript's TIFF and BMP devices (each page drawn at `dpi`). */
export type ScanDevice = 'tiffg4' | 'tiffg3' | 'tiffg32d' | 'tiffpack' | 'tifflzw' | 'tiffgray' | 'bmpgray' | 'bmpmono' | 'pgmraw';

/** Pages `first`–`last` of a PDF as one file of a Ghostscript device (a TIFF holds them all: a multi-page fax). */
export function scanned(pdf: Uint8Array, device: ScanDevice, first: number, last: number, dpi: number): Uint8Array {
  return cachedFile(`scan-${device}`, [pdf, `${first}-${last} ${dpi}`], (work) => {
    writeFileSync(join(work, 'in.pdf'), pdf);
    const out = join(work, 'out');
    execFileSync('gs', ['-q', '-dSAFER', '-dNOPAUSE', '-dBATCH', `-sDEVICE=${device}`, `-r${dpi}`, `-dFirstPage=${first}`, `-dLastPage=${last}`, `-sOutputFile=${out}`, join(work, 'in.pdf')], { stdio: 'pipe', timeout: 120_000 });
    return new Uint8Array(readFileSync(out));
  });
}

/** A binary PGM (P5) as width, height and grey samples. */
export function readPgm(pgm: Uint8Array): { width: number; height: number; data: Uint8Array } {
  const head = Buffer.from(pgm.subarray(0, 256)).toString('latin1');
  const m = /^P5\s+(?:#[^\n]*\n\s*)*(\d+)\s+(\d+)\s+255\s/u.exec(head)!;
  const [width, height] = [Number(m[1]), Number(m[2])];
  return { width, height, data: pgm.subarray(m[0].length, m[0].length + width * height) };
}

/**
 * A greyscale GIF (GIF89a, 256 greys) of the samples. Its LZW data starts a new table every 254
 * codes, so every code is 9 bits and no string is ever longer than one pixel (larger than the
 * best LZW, but a valid stream any decoder reads).
 */
export function greyGif(img: { width: number; height: number; data: Uint8Array }): Uint8Array {
  const out: number[] = [...Buffer.from('GIF89a', 'latin1')];
  const u16 = (n: number) => out.push(n & 0xff, n >> 8);
  u16(img.width);
  u16(img.height);
  out.push(0xf7, 0, 0); // global table of 256 colours
  for (let i = 0; i < 256; i++) out.push(i, i, i);
  out.push(0x2c);
  u16(0);
  u16(0);
  u16(img.width);
  u16(img.height);
  out.push(0, 8);
  const codes: number[] = [256];
  for (let i = 0; i < img.data.length; i++) {
    if (i % 254 === 253) codes.push(256);
    codes.push(img.data[i]);
  }
  codes.push(257);
  const packed: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const c of codes) {
    acc |= c << bits;
    bits += 9;
    while (bits >= 8) {
      packed.push(acc & 0xff);
      acc >>>= 8;
      bits -= 8;
    }
  }
  if (bits) packed.push(acc & 0xff);
  for (let i = 0; i < packed.length; i += 255) {
    const block = packed.slice(i, i + 255);
    out.push(block.length, ...block);
  }
  out.push(0, 0x3b);
  return new Uint8Array(out);
}

/** A minimal little-endian TIFF of one page whose directory holds `tags` (short values): for what cannot be decoded. */
export function craftedTiff(tags: Record<number, number>): Uint8Array {
  const entries = Object.entries(tags).map(([t, v]) => [Number(t), v] as const).sort((a, b) => a[0] - b[0]);
  const b = Buffer.alloc(8 + 2 + entries.length * 12 + 4 + 64);
  b.write('II', 0, 'latin1');
  b.writeUInt16LE(42, 2);
  b.writeUInt32LE(8, 4);
  b.writeUInt16LE(entries.length, 8);
  entries.forEach(([tag, value], i) => {
    const e = 10 + i * 12;
    b.writeUInt16LE(tag, e);
    b.writeUInt16LE(4, e + 2); // LONG
    b.writeUInt32LE(1, e + 4);
    b.writeUInt32LE(value, e + 8);
  });
  return new Uint8Array(b);
}
