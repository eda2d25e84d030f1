import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../schemas/result.js';
import { imageSize } from '../../parsers/image-size.js';
import { picturePages } from '../../parsers/picture.js';
import { sniffFormat } from '../../parsers/sniff.js';
import { decodeTiff } from '../../parsers/tiff.js';
import { runPipeline } from '../../src/pipeline.js';
import { craftedTiff, cut, greyGif, qpdfRewritten, readPgm, scanned } from './cut-kit.js';
import { readSample } from './docx-kit.js';

/**
 * Broken files a bureau really receives (hostile30): a PDF or .docx cut off in download, scans
 * saved as TIFF (multi-page fax), BMP, GIF, WebP. What can be read is read, saying what was lost;
 * what cannot is refused naming why; a batch with them still reads its good files.
 */
const seedDocx = readSample('seed.docx');
const seedPdf = readSample('seed.pdf');
const run = async (bytes: Uint8Array, file: string): Promise<Result> => (await runPipeline({ bytes, file })).result;
const notes = (r: Result, code: string) => r.discrepancies.filter((d) => d.rule === 'parse-issues' && d.message.includes(`（${code}）`)).map((d) => d.message);
const dir = mkdtempSync(join(tmpdir(), 'hostile30-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a PDF cut off in download (was CORRUPT_FILE "Invalid PDF structure.")', () => {
  let whole: Result;
  const linear = qpdfRewritten(seedPdf, true);
  beforeAll(async () => {
    whole = await run(linear, 'seed-linear.pdf');
  }, 120_000);

  it('a linearized PDF cut at 85 %: the 12 pages written whole are read, the lost ones named, nothing false about them', async () => {
    const r = await run(cut(linear, 0.85), 'cut.pdf');
    expect(r.status, r.error?.message).toBe('ok');
    expect(notes(r, 'PAGES_TRUNCATED')).toEqual([expect.stringContaining('文件不完整（下载或复制时被截断）：第 13 页起的内容缺失，仅核对了前 12 页（共 32 页）')]);
    expect(r.report!.coverage.facts).toBeGreaterThan(200);
    // A part the cut took (项目支出绩效自评表 after page 12) is no warning: unsure → info.
    const serious = r.discrepancies.filter((d) => d.severity !== 'info' && d.rule !== 'parse-issues');
    for (const d of serious) expect(d.evidence.length, d.message).toBeGreaterThan(0);
    // …and says why it is only a note.
    const cutNotes = r.discrepancies.filter((d) => d.message.endsWith('（文件不完整，相关内容可能在被截断的页面中）'));
    expect(cutNotes.length).toBeGreaterThan(0);
    for (const d of cutNotes) expect([d.severity, d.messageEn.endsWith('(the file is cut off: the rest may be on the lost pages)')]).toEqual(['info', true]);
    // Every warning or error of the cut file is one the whole file has too.
    const wholeMessages = new Set(whole.discrepancies.map((d) => d.message));
    expect(serious.filter((d) => !wholeMessages.has(d.message)).map((d) => d.message)).toEqual([]);
  }, 120_000);

  it('the page tree, pages and fonts in object streams (Word’s, Acrobat’s way; their index lost with the end): the same 12 pages read', async () => {
    // Was CORRUPT_FILE "文档目录或页面树在缺失的部分（或在压缩对象流中…）": the compressed objects had no index left.
    const r = await run(cut(qpdfRewritten(seedPdf, true, true), 0.85), 'cut.pdf');
    expect(r.status, r.error?.message).toBe('ok');
    expect(notes(r, 'PAGES_TRUNCATED')).toEqual([expect.stringContaining('第 13 页起的内容缺失，仅核对了前 12 页（共 32 页）')]);
    const plain = await run(cut(linear, 0.85), 'cut.pdf');
    expect(r.report!.coverage.facts).toBe(plain.report!.coverage.facts);
    expect(r.discrepancies.map((d) => d.message)).toEqual(plain.discrepancies.map((d) => d.message));
  }, 120_000);

  it('cut where the page tree and fonts were (LibreOffice writes them last): a clear error, no page to read', async () => {
    const r = await run(cut(seedPdf, 0.6), '报告.pdf');
    expect(r.error?.code).toBe('CORRUPT_FILE');
    expect(r.error?.message).toMatch(/^报告\.pdf：PDF 文件不完整（下载或复制时被截断，文件末尾缺失）：文档目录或页面树在缺失的部分/u);
    const early = await run(cut(qpdfRewritten(seedPdf, false), 0.1), '报告.pdf');
    expect(early.error?.message).toMatch(/没有一页是完整写入的/u);
  }, 60_000);

  it('cut after every page (only font programs lost): all pages read, one note saying the end is missing', async () => {
    const r = await run(cut(qpdfRewritten(seedPdf, false), 0.6), 'cut.pdf');
    expect(r.status, r.error?.message).toBe('ok');
    expect(notes(r, 'FILE_TRUNCATED')).toEqual([expect.stringContaining('全部 32 页都已读取，但文件末尾缺失')]);
    expect(r.report!.coverage.facts).toBeGreaterThan(300);
  }, 120_000);
});

describe('a .docx cut off in download (central directory lost; was CORRUPT_FILE "找不到中央目录")', () => {
  it('read from its local headers when word/document.xml arrived whole: the report as the whole file gives it', async () => {
    const [whole, r] = [await run(seedDocx, 'seed.docx'), await run(cut(seedDocx, 0.85), 'cut.docx')];
    expect(r.status, r.error?.message).toBe('ok');
    expect(r.report).toEqual(whole.report);
    expect(notes(r, 'FILE_TRUNCATED')).toEqual([expect.stringContaining('文件不完整（下载或复制时被截断，压缩包末尾的目录缺失）：正文部件完整，已读取')]);
  });

  it('cut inside word/document.xml: a clear error naming the cut', async () => {
    const r = await run(cut(seedDocx, 0.5), 'cut.docx');
    expect(r.error?.code).toBe('CORRUPT_FILE');
    expect(r.error?.message).toMatch(/文件不完整（下载或复制时被截断，压缩包末尾的目录缺失）：正文部件 word\/document\.xml 不完整/u);
  });
});

describe('scans saved as TIFF, BMP, GIF, WebP (was UNSUPPORTED_FORMAT "此格式无法识别")', () => {
  const bitmap = (data: Uint8Array) => createHash('sha256').update(data.map((x) => (x < 128 ? 0 : 1))).digest('hex');

  it('one fax page decodes to the same bitmap from G4, G3 1-D, G3 2-D, PackBits and LZW', () => {
    const hashes = (['tiffg4', 'tiffg3', 'tiffg32d', 'tiffpack', 'tifflzw'] as const).map((device) => {
      const pages = decodeTiff(scanned(seedPdf, device, 2, 2, 100), 40e6);
      expect(pages.map((p) => [p.width, p.height])).toEqual([[827, 1169]]);
      return bitmap(pages[0].data);
    });
    expect(new Set(hashes).size).toBe(1);
    // Ink is ink: the 1-bit page has the table's text and rulings (neither blank nor inverted).
    const ink = decodeTiff(scanned(seedPdf, 'tiffg4', 2, 2, 100), 40e6)[0].data.filter((x) => x === 0).length;
    expect(ink / (827 * 1169)).toBeGreaterThan(0.01);
    expect(ink / (827 * 1169)).toBeLessThan(0.2);
  });

  it('a multi-page fax TIFF (G4) is read page by page by OCR', async () => {
    const tiff = scanned(seedPdf, 'tiffg4', 1, 2, 200);
    expect(imageSize(tiff)).toMatchObject({ format: 'tiff', pages: 2 });
    const r = await run(tiff, '自评报告.tif');
    expect(r.status, r.error?.message).toBe('ok');
    expect(r.format).toBe('pdf');
    expect(r.report!.coverage.facts).toBeGreaterThanOrEqual(20);
    expect(r.discrepancies.some((d) => d.message.includes('图片（扫描页），已按扫描件识别'))).toBe(true);
  }, 180_000);

  it('a grey BMP page is read by OCR; a GIF decodes to the same page', async () => {
    const bmp = scanned(seedPdf, 'bmpgray', 2, 2, 150);
    expect(sniffFormat(bmp)).toBe('image');
    const r = await run(bmp, '自评表.bmp');
    expect(r.status, r.error?.message).toBe('ok');
    expect(r.report!.coverage.facts).toBeGreaterThanOrEqual(20);
    const pgm = readPgm(scanned(seedPdf, 'pgmraw', 2, 2, 100));
    const gif = greyGif(pgm);
    const { createCanvas, loadImage } = await import('@napi-rs/canvas');
    const drawn = createCanvas(pgm.width, pgm.height);
    drawn.getContext('2d').drawImage(await loadImage(Buffer.from(await picturePages(gif, imageSize(gif)!, 40e6).then((p) => p[0].bytes))), 0, 0);
    const grey = new Uint8Array(drawn.getContext('2d').getImageData(0, 0, pgm.width, pgm.height).data.filter((_, i) => i % 4 === 0));
    expect(bitmap(grey)).toBe(bitmap(pgm.data));
  }, 180_000);

  it('what cannot be decoded is refused naming the format and why', async () => {
    const tiled = await run(craftedTiff({ 256: 100, 257: 100, 258: 1, 259: 4, 322: 64, 323: 64 }), '扫描.tif');
    expect(tiled.error?.code).toBe('UNSUPPORTED_FORMAT');
    expect(tiled.error?.message).toMatch(/^扫描\.tif：这是 TIFF 图片，按图块（tile）存储，无法读取：请另存为 PDF、PNG 或 JPEG 后提交/u);
    const jpeg = await run(craftedTiff({ 256: 100, 257: 100, 258: 8, 259: 7, 273: 8, 279: 4 }), '扫描.tif');
    expect(jpeg.error?.message).toMatch(/这是 TIFF 图片，内含 JPEG 压缩数据/u);
    const webp = new Uint8Array(64);
    webp.set(Buffer.from('RIFF\x38\x00\x00\x00WEBPVP8 \x2c\x00\x00\x00', 'latin1'));
    webp.set([0x9d, 0x01, 0x2a, 0x64, 0x00, 0x64, 0x00], 23);
    // A damaged WebP frame aborts Skia's decoder (the process, not the file): WebP is refused by name.
    const broken = await run(webp, '扫描.webp');
    expect(broken.error?.code).toBe('UNSUPPORTED_FORMAT');
    expect(broken.error?.message).toMatch(/^扫描\.webp：这是 WebP 图片，暂不支持读取：请另存为 PNG、JPEG 或 PDF 后提交/u);
  });
});

describe('a batch with broken files still reads its good files', () => {
  it('extract over cut, crafted and good files: one line each, the good one as when run alone', () => {
    const files: Array<[string, Uint8Array]> = [
      ['1-cut.pdf', cut(seedPdf, 0.6)],
      ['2-cut.docx', cut(seedDocx, 0.5)],
      ['3-tiled.tif', craftedTiff({ 256: 100, 257: 100, 258: 1, 259: 4, 322: 64, 323: 64 })],
      ['4-seed.docx', seedDocx],
      ['5-cut-late.docx', cut(seedDocx, 0.85)],
    ];
    for (const [name, bytes] of files) writeFileSync(join(dir, name), bytes);
    const bin = join(__dirname, '../../bin/selfeval');
    const lines = (args: string[]) =>
      execFileSync(bin, ['extract', '--json', ...args], { encoding: 'utf8', maxBuffer: 1 << 28, timeout: 300_000 }).trim().split('\n').map((l) => JSON.parse(l) as Result);
    let out: Result[];
    try {
      out = lines(files.map(([name]) => join(dir, name)));
    } catch (e) {
      // extract exits non-zero when a file fails; its lines are still all there.
      out = String((e as { stdout?: string }).stdout ?? '').trim().split('\n').map((l) => JSON.parse(l) as Result);
    }
    expect(out.map((r) => [r.file.slice(dir.length + 1), r.status, r.error?.code ?? null])).toEqual([
      ['1-cut.pdf', 'error', 'CORRUPT_FILE'],
      ['2-cut.docx', 'error', 'CORRUPT_FILE'],
      ['3-tiled.tif', 'error', 'UNSUPPORTED_FORMAT'],
      ['4-seed.docx', 'ok', null],
      ['5-cut-late.docx', 'ok', null],
    ]);
    const [alone] = (() => {
      try {
        return lines([join(dir, '4-seed.docx')]);
      } catch (e) {
        return String((e as { stdout?: string }).stdout).trim().split('\n').map((l) => JSON.parse(l) as Result);
      }
    })();
    expect(out[3].report).toEqual(alone.report);
    expect(out[4].report).toEqual(alone.report);
  }, 300_000);
});
