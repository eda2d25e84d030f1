import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { ResultSchema, type Result } from '../../schemas/result.js';
import { imageSize, decodableImage } from '../../parsers/image-size.js';
import { sniffFormat } from '../../parsers/sniff.js';
import { runPipeline } from '../../src/pipeline.js';
import { CLASSES, docxWithPicture, docxWithRootRels, encryptedDocx, fuzzSources, generateFuzz, hugePng, onePagePdf, type FuzzCase } from './fuzz-gen.js';
import { FAILURE_CLASSES, runFuzz } from './fuzz-run.js';
import { readSample } from './docx-kit.js';
import { Rng } from './rng.js';

/**
 * The mutation fuzzer (scripts/fuzz-inputs.ts) as a short test — one mutant of every class through
 * `bin/selfeval extract <folder>` — and one test per failure class it found, each on a generated file.
 */
const dirs: string[] = [];
const BIN = new URL('../../bin/selfeval', import.meta.url).pathname;

function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'selfeval-fuzz-test-'));
  dirs.push(d);
  return d;
}

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Run extract on files or a folder; every result line by file. */
function extract(paths: string[]): { code: number | null; signal: string | null; results: Map<string, Result>; stderr: string } {
  const run = spawnSync(BIN, ['extract', ...paths, '--json', '--quiet'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const results = new Map<string, Result>();
  for (const line of run.stdout.split('\n').filter(Boolean)) {
    const r = ResultSchema.parse(JSON.parse(line));
    results.set(r.file, r);
  }
  return { code: run.status, signal: run.signal, results, stderr: run.stderr };
}

function write(dir: string, name: string, bytes: Uint8Array | string): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

describe('fuzz: one mutant of every class through extract', () => {
  it('no crash, hang, lost file, unnamed or English-only message, and good files unchanged', async () => {
    const dir = tmp();
    // The LibreOffice classes (seconds a file) are left to the RTF test below and to the script.
    const classes = Object.keys(CLASSES).filter((c) => c !== 'bytes-doc' && c !== 'doc-is-rtf');
    const cases: FuzzCase[] = await generateFuzz(dir, { count: classes.length, classes, goodEvery: 20, maxSlow: 0 });
    const run = await runFuzz(dir, cases, { timeMsPerFile: 60_000 });
    console.log(`fuzz (short): ${JSON.stringify({ files: run.files, outcomes: run.outcomes, byFailure: run.byFailure, wallSeconds: run.wallSeconds, peakRssMb: run.peakRssMb })}`);
    expect(run.failures.map((f) => `${f.failure} ${f.file}: ${f.detail}`)).toEqual([]);
    expect(run.results).toBe(cases.length);
    expect(Object.keys(run.byFailure)).toEqual([...FAILURE_CLASSES]);
  }, 240_000);
});

describe('fuzz class: a picture whose header claims a vast size (killed the whole batch: Skia aborts)', () => {
  it('reads sizes from PNG, JPEG, GIF, BMP and WebP headers, and refuses what the decoder could not hold', () => {
    expect(imageSize(hugePng(100_000, 30_000))).toEqual({ format: 'png', width: 100_000, height: 30_000 });
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0x75, 0x30, 0xea, 0x60, 3, 0, 0, 0, 0xff, 0xd9]);
    expect(imageSize(jpeg)).toEqual({ format: 'jpeg', width: 60_000, height: 30_000 });
    const gif = new Uint8Array([...Buffer.from('GIF89a'), 0x10, 0x00, 0x20, 0x00, 0, 0, 0]);
    expect(imageSize(gif)).toEqual({ format: 'gif', width: 16, height: 32 });
    const bmp = Buffer.alloc(54);
    bmp.write('BM', 0, 'latin1');
    bmp.writeUInt32LE(40, 14);
    bmp.writeInt32LE(640, 18);
    bmp.writeInt32LE(-480, 22);
    expect(imageSize(bmp)).toEqual({ format: 'bmp', width: 640, height: 480 });
    expect(decodableImage(hugePng(2480, 3508), 40_000_000)).toBe(true);
    expect(decodableImage(hugePng(100_000, 30_000), 40_000_000)).toBe(false);
    expect(decodableImage(hugePng(40_000, 1), 40_000_000)).toBe(false);
    expect(decodableImage(new Uint8Array([1, 2, 3]), 40_000_000)).toBe(false);
  });

  it('a report with such a picture is read, and the rest of the batch with it', () => {
    const dir = tmp();
    const cases = [write(dir, 'a-huge-picture.docx', docxWithPicture(readSample('seed.docx'), hugePng(100_000, 30_000))), write(dir, 'b-seed.docx', readSample('seed.docx'))];
    const run = extract([dir]);
    expect(run.signal).toBeNull();
    expect(run.code, run.stderr.slice(-500)).toBe(0);
    for (const p of cases) expect(run.results.get(p)?.status, p).toBe('ok');
    expect(run.results.get(cases[0])!.report!.year).toBe(run.results.get(cases[1])!.report!.year);
  }, 120_000);
});

describe('fuzz class: password-protected Office files (were "LibreOffice could not convert")', () => {
  it('an encrypted .docx (OLE EncryptedPackage) is ENCRYPTED_PDF, saying 文件已加密 and naming the file', () => {
    const dir = tmp();
    const docx = write(dir, '加密报告.docx', encryptedDocx(new Rng(3)));
    const r = extract([docx]).results.get(docx)!;
    expect(r.error?.code).toBe('ENCRYPTED_PDF');
    expect(r.format).toBe('docx');
    expect(r.error!.message.startsWith(`${docx}：文件已加密`)).toBe(true);
  }, 60_000);

  it('a Word 97 .doc whose FIB says fEncrypted is refused the same way; the unflagged seed.doc is a .doc', async () => {
    const seed = readSample('seed.doc');
    expect(sniffFormat(seed)).toBe('doc');
    const flagged = withFibEncrypted(seed);
    expect(sniffFormat(flagged)).toBe('encrypted-doc');
    const { result } = await runPipeline({ bytes: flagged, file: '报告.doc' });
    expect(result.error?.code).toBe('ENCRYPTED_PDF');
    expect(result.error?.message).toMatch(/^报告\.doc：文件已加密/u);
  });
});

describe('fuzz class: blank files and empty archives (were "unsupported format")', () => {
  it('white space, NULs, a lone BOM and a zip with no entries are EMPTY_FILE with the reason', async () => {
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    for (const [bytes, reason] of [
      [new Uint8Array(4096), /全是空白或零/u],
      [new TextEncoder().encode(' \r\n\t '), /全是空白或零/u],
      [new Uint8Array([0xef, 0xbb, 0xbf]), /全是空白或零/u],
      [new Uint8Array(eocd), /压缩包是空的/u],
      [new Uint8Array(0), /0 字节/u],
    ] as const) {
      const { result } = await runPipeline({ bytes, file: 'x.docx' });
      expect(result.error?.code).toBe('EMPTY_FILE');
      expect(result.error?.message).toMatch(reason);
    }
    // One byte of content is not blank.
    expect(sniffFormat(new TextEncoder().encode('   x'))).toBe('unknown');
  });
});

describe('fuzz class: a PDF page tree with a negative /Count (was "no text layer")', () => {
  it('is CORRUPT_FILE naming the page tree', async () => {
    const pdf = onePagePdf({ pages: '<< /Type /Pages /Kids [3 0 R] /Count -1 >>' });
    const { result } = await runPipeline({ bytes: pdf, file: 'count.pdf' });
    expect(result.error?.code).toBe('CORRUPT_FILE');
    expect(result.error?.message).toMatch(/页面树/u);
    // The same file with an honest count reads.
    expect((await runPipeline({ bytes: onePagePdf(), file: 'ok.pdf' })).result.status).toBe('ok');
  });
});

describe('fuzz class: a report saved as RTF or as a WPS web page and named .doc is read, not refused', () => {
  it('reads the same report from the .doc (HTML, GBK) and the .doc (RTF) as from the .docx', async () => {
    const dir = tmp();
    const cases = await generateFuzz(dir, { count: 2, classes: ['doc-is-html', 'doc-is-rtf'], goodEvery: 100, maxSlow: 1, seed: 11 });
    const run = extract([dir]);
    const sources = fuzzSources().docx;
    for (const c of cases.filter((x) => x.reportOf)) {
      const r = run.results.get(join(dir, c.name))!;
      expect(r.status, `${c.name}: ${r.error?.message}`).toBe('ok');
      expect(r.format).toBe('doc');
      // the corpus report it was made from (some state no year anywhere): the same year, department, parts and figures
      const docx = (await runPipeline({ bytes: sources.find((x) => x.name === c.reportOf)!.bytes, file: 'x.docx' })).result;
      const shape = (x: Result) => [x.report!.year, x.report!.department?.text ?? null, x.report!.projects.length, x.report!.narratives.length, x.report!.statistics.length];
      expect(shape(r), c.name).toEqual(shape(docx));
    }
  }, 120_000);
});

/** A copy of a .doc with the FIB's fEncrypted bit set (in the WordDocument stream's first sector). */
function withFibEncrypted(doc: Uint8Array): Uint8Array {
  const out = new Uint8Array(doc);
  // The FIB starts a sector with wIdent 0xA5EC; its flags word is at +0x0A.
  for (let at = 512; at + 512 <= out.length; at += 512) {
    if (out[at] === 0xec && out[at + 1] === 0xa5) {
      out[at + 11] |= 0x01;
      return out;
    }
  }
  throw new Error('no FIB found');
}



describe('fuzz class: a .docx cut off before its part names (was "压缩包不是 Word 文档")', () => {
  it('is CORRUPT_FILE saying the file was cut off and which part is incomplete', async () => {
    const seed = readSample('seed.docx');
    // Cut inside the first entry's data: no central directory, no readable part name.
    const { result } = await runPipeline({ bytes: seed.slice(0, 200), file: 'cut.docx' });
    expect(result.error?.code).toBe('CORRUPT_FILE');
    // hostile30: entries found by their local headers when the central directory is gone; the main part is cut
    expect(result.error?.message).toMatch(/^cut\.docx：文件不完整（下载或复制时被截断.*正文部件 word\/document\.xml 不完整/u);
    expect(result.format).toBe('docx');
  });
});

describe('fuzz class: a picture submitted as a report (was "无法识别的文件格式")', () => {
  it('is UNSUPPORTED_FORMAT saying it is a picture, with its size', async () => {
    const { result } = await runPipeline({ bytes: hugePng(1240, 1754), file: '报告.pdf' });
    expect(result.error?.code).toBe('UNSUPPORTED_FORMAT');
    expect(result.error?.message).toMatch(/^报告\.pdf：这是图片文件（PNG，1240×1754 像素）/u);
  });
});

describe('fuzz class: percent-encoded relationship targets (was "relationship to a missing part")', () => {
  it('a main part named word/%64ocument.xml in _rels/.rels is word/document.xml', async () => {
    const seed = readSample('seed.docx');
    const { result: base } = await runPipeline({ bytes: seed, file: 'seed.docx' });
    const encoded = docxWithRootRels(seed, 'word/%64ocument.xml');
    const { result } = await runPipeline({ bytes: encoded, file: 'encoded.docx' });
    expect(result.status, result.error?.message).toBe('ok');
    expect(result.report).toEqual(base.report);
  });
});
