import { constants, deflateRawSync } from 'node:zlib';

/**
 * Raw deflate data that inflates to `prefix + repeat(fill, n) + suffix` without ever holding the
 * inflated bytes: each part is deflated as its own fully flushed segment (byte-aligned, history
 * reset, not final), so one compressed chunk can be repeated as many times as wanted.
 */
export function repeatedDeflate(prefix: string, fillChunk: Uint8Array, repeats: number, suffix: string): Uint8Array {
  const flushed = { finishFlush: constants.Z_FULL_FLUSH, level: 9 } as const;
  const head = deflateRawSync(Buffer.from(prefix, 'utf8'), flushed);
  const chunk = deflateRawSync(fillChunk, flushed);
  const tail = deflateRawSync(Buffer.from(suffix, 'utf8'), { level: 9 }); // final segment
  const out = new Uint8Array(head.length + chunk.length * repeats + tail.length);
  out.set(head, 0);
  let at = head.length;
  for (let i = 0; i < repeats; i++, at += chunk.length) out.set(chunk, at);
  out.set(tail, at);
  return out;
}

/** The inflated size of repeatedDeflate's output. */
export function repeatedSize(prefix: string, fillChunk: Uint8Array, repeats: number, suffix: string): number {
  return Buffer.byteLength(prefix) + fillChunk.length * repeats + Buffer.byteLength(suffix);
}
