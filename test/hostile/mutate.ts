import type { Rng } from './rng.js';

/**
 * Seeded byte-level mutations (a tiny fuzzer): each mutant applies 1–`maxOps` random edits —
 * bit flips, overwritten bytes, deleted, inserted, duplicated or zeroed ranges, truncation.
 */
export function mutateBytes(input: Uint8Array, rng: Rng, maxOps = 6): { bytes: Uint8Array; ops: string[] } {
  let b: Uint8Array = new Uint8Array(input);
  const ops: string[] = [];
  const n = rng.int(1, maxOps + 1);
  for (let k = 0; k < n && b.length > 0; k++) {
    const at = rng.int(0, b.length);
    const len = Math.min(b.length - at, rng.int(1, 64));
    switch (rng.int(0, 7)) {
      case 0:
        b[at] ^= 1 << rng.int(0, 8);
        ops.push(`flip@${at}`);
        break;
      case 1:
        b.set(rng.bytes(len), at);
        ops.push(`overwrite@${at}+${len}`);
        break;
      case 2:
        b = concat(b.subarray(0, at), b.subarray(at + len));
        ops.push(`delete@${at}+${len}`);
        break;
      case 3:
        b = concat(b.subarray(0, at), rng.bytes(len), b.subarray(at));
        ops.push(`insert@${at}+${len}`);
        break;
      case 4:
        b = concat(b.subarray(0, at + len), b.subarray(at, at + len), b.subarray(at + len));
        ops.push(`duplicate@${at}+${len}`);
        break;
      case 5:
        b.fill(0, at, at + len);
        ops.push(`zero@${at}+${len}`);
        break;
      default:
        b = b.slice(0, Math.max(1, at));
        ops.push(`truncate@${at}`);
    }
  }
  return { bytes: b, ops };
}

/**
 * Seeded mutations of XML text (a document.xml that still unzips): markup damage the XML
 * parser and the table assembler must survive — cut tags, stray `<` and `&`, swapped or repeated
 * slices, absurd span values, merges that start nowhere.
 */
export function mutateXml(xml: string, rng: Rng, maxOps = 4): { xml: string; ops: string[] } {
  let s = xml;
  const ops: string[] = [];
  const n = rng.int(1, maxOps + 1);
  for (let k = 0; k < n; k++) {
    const at = rng.int(0, s.length);
    const len = rng.int(1, 400);
    switch (rng.int(0, 10)) {
      case 0:
        s = s.slice(0, at) + s.slice(at + len);
        ops.push(`delete@${at}+${len}`);
        break;
      case 1:
        s = s.slice(0, at) + rng.pick(['<', '&', '>', '"', ']]>', '<![CDATA[', '&#0;', '&#xD800;', '\u0000']) + s.slice(at);
        ops.push(`stray@${at}`);
        break;
      case 2:
        s = s.slice(0, at) + s.slice(at, at + len).repeat(rng.int(2, 20)) + s.slice(at + len);
        ops.push(`repeat@${at}+${len}`);
        break;
      case 3: {
        const other = rng.int(0, s.length);
        s = s.slice(0, at) + s.slice(other, other + len) + s.slice(at);
        ops.push(`copy@${other}->${at}`);
        break;
      }
      case 4:
        s = s.slice(0, at);
        ops.push(`cut@${at}`);
        break;
      case 5:
        s = replaceNth(s, /w:gridSpan w:val="\d+"/g, rng, `w:gridSpan w:val="${rng.pick(['0', '-3', '99999', '4294967296', 'x', '1e9', '64'])}"`);
        ops.push('gridSpan');
        break;
      case 6:
        s = replaceNth(s, /<w:vMerge w:val="restart"\/>/g, rng, '<w:vMerge/>');
        ops.push('vMerge-orphan');
        break;
      case 7:
        s = replaceNth(s, /<\/w:tc>/g, rng, '');
        ops.push('drop-tc-close');
        break;
      case 8:
        s = replaceNth(s, /<w:tr[ >]/g, rng, '<w:tc><w:tr>');
        ops.push('cell-outside-row');
        break;
      default:
        s = s.slice(0, at) + String.fromCodePoint(rng.pick([0x200b, 0x202e, 0xfeff, 0x1f600, 0x3000, 0xfffd, 0x2028])) + s.slice(at);
        ops.push(`unicode@${at}`);
    }
  }
  return { xml: s, ops };
}

function replaceNth(s: string, re: RegExp, rng: Rng, replacement: string): string {
  const hits = [...s.matchAll(re)];
  if (!hits.length) return s;
  const hit = rng.pick(hits);
  return s.slice(0, hit.index!) + replacement + s.slice(hit.index! + hit[0].length);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
