import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { repeatedDeflate, repeatedSize } from './bomb.js';
import { generateCorpus, DEFAULT_SEED, type CorpusFile } from './corpus.js';
import { mutateBytes } from './mutate.js';
import { Rng } from './rng.js';
import { writeZip } from './zip-writer.js';

/** The corpus generator itself: big enough, covering every kind the issue lists, reproducible. */
const dirs: string[] = [];
const FEW = { docxBytes: 3, docxXml: 3, pdfBytes: 3, seedPdfBytes: 1, docBytes: 1 };

async function generate(options: Parameters<typeof generateCorpus>[1]): Promise<{ dir: string; files: CorpusFile[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'selfeval-corpus-'));
  dirs.push(dir);
  return { dir, files: await generateCorpus(dir, options) };
}

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('hostile corpus generator', () => {
  it('writes at least 200 files by default, covering every listed kind', async () => {
    const { dir, files } = await generate({});
    expect(files.length).toBeGreaterThanOrEqual(200);
    expect(readdirSync(dir).sort()).toEqual(files.map((f) => f.name));
    const kinds = files.map((f) => f.kind).join('\n');
    for (const kind of [
      /truncated \.docx/,
      /corrupt zip/,
      /zip bomb: document\.xml inflates to 2\.0 GiB/,
      /billion laughs/,
      /external entity/,
      /without word\/document\.xml/,
      /content types of a spreadsheet/,
      /0-byte document\.xml/,
      /encrypted with a user password/,
      /truncated PDF/,
      /image-only PDF/,
      /1,000-page PDF/,
      /malformed xref/,
      /0-byte file/,
      /\.pdf that is really a \.docx/,
      /\.docx that is really a \.pdf/,
      /not a report/,
      /5,000-row table/,
      /script, formulas, zero-width and RTL/,
      /byte mutant of seed\.docx/,
      /byte mutant of seed\.pdf/,
      /byte mutant of seed\.doc/,
    ]) {
      expect(kinds).toMatch(kind);
    }
    // Every file states what it may produce; only mutants may be "any input fault".
    for (const f of files) expect(f.expect.length).toBeGreaterThan(0);
    expect(files.filter((f) => f.expect.includes('INTERNAL_ERROR') || f.expect.includes('TIMEOUT'))).toEqual([]);
  }, 180_000);

  it('is reproducible: the same seed gives the same bytes, another seed other mutants', async () => {
    const a = await generate({ mutants: FEW });
    const b = await generate({ mutants: FEW });
    const c = await generate({ mutants: FEW, seed: DEFAULT_SEED + 1 });
    const fixed = (x: { files: CorpusFile[] }) => x.files.filter((f) => f.reproducible).map((f) => [f.name, f.sha256]);
    expect(fixed(b)).toEqual(fixed(a));
    expect(a.files.filter((f) => !f.reproducible).map((f) => f.name.replace(/^\d+-/u, ''))).toEqual(['pdf-encrypted-aes256.pdf']);
    const mutants = (x: { files: CorpusFile[] }) => x.files.filter((f) => f.name.includes('mutant')).map((f) => f.sha256);
    expect(mutants(c)).not.toEqual(mutants(a));
  }, 180_000);

  it('builds a bomb that really inflates to its stated size, without holding it', () => {
    const fill = new Uint8Array(1 << 16).fill(0x61);
    const bomb = repeatedDeflate('<a>', fill, 64, '</a>');
    const inflated = inflateRawSync(bomb);
    expect(inflated.length).toBe(repeatedSize('<a>', fill, 64, '</a>'));
    expect(inflated.subarray(0, 4).toString()).toBe('<a>a');
    expect(inflated.subarray(-5).toString()).toBe('a</a>');
    expect(bomb.length * 100).toBeLessThan(inflated.length);
  });

  it('writes zips that a standard reader reads, and lies about sizes only when told to', () => {
    const data = new TextEncoder().encode('<w:document/>');
    const zip = writeZip([{ name: 'word/document.xml', data }, { name: 'x.bin', data: new Uint8Array([1, 2, 3]), method: 0 }]);
    const files = unzipSync(zip);
    expect(new TextDecoder().decode(files['word/document.xml'])).toBe('<w:document/>');
    expect([...files['x.bin']]).toEqual([1, 2, 3]);
    const liar = writeZip([{ name: 'a.xml', data, declaredSize: 3 }]);
    expect(new DataView(liar.buffer).getUint32(22, true)).toBe(3);
  });

  it('mutates deterministically from the seed', () => {
    const input = readFileSync(new URL('../../samples/seed.docx', import.meta.url));
    const one = mutateBytes(input, new Rng(7));
    const two = mutateBytes(input, new Rng(7));
    expect(Buffer.from(one.bytes).equals(Buffer.from(two.bytes))).toBe(true);
    expect(one.ops).toEqual(two.ops);
    expect(Buffer.from(one.bytes).equals(input)).toBe(false);
  });
});
