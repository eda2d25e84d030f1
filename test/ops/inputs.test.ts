import { zipSync } from 'fflate';
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { ResultSchema, type Result } from '../../schemas/result.js';
import { collectInputs, readInputFile, terminalSafe } from '../../src/files.js';
import { runPipeline } from '../../src/pipeline.js';
import { pack, seedParts } from '../hostile/docx-kit.js';
import { craftedTiff, scanned } from '../hostile/cut-kit.js';

/**
 * Files are checked before they are read (issue 18 R2) and sniffed by what they hold (R7): a FIFO,
 * a symlink to /dev/zero and an oversize file are refused without reading, in extract and in folder
 * scans; an unreadable subfolder is one READ_FAILED line; skipped files are listed with a reason.
 */
const BIN = new URL('../../bin/selfeval', import.meta.url).pathname;
const SEED = new URL('../../samples/seed.docx', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'selfeval-inputs-'));

afterAll(() => {
  try {
    chmodSync(join(dir, 'folder', 'locked'), 0o755);
  } catch {
    /* not made */
  }
});

function cli(args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(BIN, args, { env: { ...process.env, ...env }, timeout: timeoutMs, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr, ms: Date.now() - started });
    });
  });
}

describe('readInputFile: stat first, only regular files within the limit', () => {
  it('refuses a FIFO at once, without blocking on it', async () => {
    const fifo = join(dir, 'pipe.pdf');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    const r = await readInputFile(fifo);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(r).toMatchObject({ ok: false, code: 'READ_FAILED' });
    expect(!r.ok && r.reason).toContain('FIFO');
  });

  it('refuses a symlink to /dev/zero (a device) and an oversize file, before reading them', async () => {
    const zero = join(dir, 'zero.docx');
    symlinkSync('/dev/zero', zero);
    const r = await readInputFile(zero);
    expect(r).toMatchObject({ ok: false, code: 'READ_FAILED' });
    expect(!r.ok && r.reason).toContain('字符设备');
    const big = join(dir, 'big.pdf');
    writeFileSync(big, Buffer.alloc(4096, 0x20));
    const rss = process.memoryUsage().rss;
    const b = await readInputFile(big, 1000);
    expect(b).toMatchObject({ ok: false, code: 'LIMIT_EXCEEDED' });
    expect(!b.ok && b.reason).toContain('超过上限 1000 字节');
    expect(process.memoryUsage().rss - rss).toBeLessThan(64 << 20);
    const fine = await readInputFile(SEED);
    expect(fine.ok && fine.bytes.length).toBe(readFileSync(SEED).length);
  });
});

describe('folder scans', () => {
  it('list what they skip and why; an unreadable subfolder is one READ_FAILED input', async () => {
    const folder = join(dir, 'folder');
    mkdirSync(join(folder, 'sub'), { recursive: true });
    mkdirSync(join(folder, 'locked'));
    copyFileSync(SEED, join(folder, 'a.docx'));
    copyFileSync(SEED, join(folder, 'locked', 'hidden.docx'));
    for (const name of ['budget.xlsx', 'slides.pptx', 'all.rar', 'scan.jpg', 'notes.txt']) writeFileSync(join(folder, 'sub', name), 'x');
    chmodSync(join(folder, 'locked'), 0o000);
    const { files, skipped } = await collectInputs([folder]);
    const root = process.getuid?.() === 0;
    expect(files.map((f) => f.path)).toEqual(root ? [join(folder, 'a.docx'), join(folder, 'locked', 'hidden.docx')] : [join(folder, 'a.docx'), join(folder, 'locked')]);
    if (!root) expect(files[1].problem).toMatchObject({ code: 'READ_FAILED' });
    const reasons = new Map(skipped.map((s) => [s.path.slice(folder.length + 5), s.reason]));
    expect([...reasons.keys()].sort()).toEqual(['all.rar', 'budget.xlsx', 'notes.txt', 'scan.jpg', 'slides.pptx']);
    expect(reasons.get('budget.xlsx')).toContain('电子表格');
    expect(reasons.get('slides.pptx')).toContain('演示文稿');
    expect(reasons.get('all.rar')).toContain('解压');
    expect(reasons.get('scan.jpg')).toContain('图片');
  });

  it('take a multi-page TIFF (a scanner’s or fax’s whole report); pass over a one-page picture', async () => {
    const folder = join(dir, 'tiffs');
    mkdirSync(folder);
    const seedPdf = new Uint8Array(readFileSync(new URL('../../samples/seed.pdf', import.meta.url)));
    writeFileSync(join(folder, 'fax.tif'), scanned(seedPdf, 'tiffg4', 1, 2, 100)); // Ghostscript's G4 fax device, two pages
    writeFileSync(join(folder, 'page.tiff'), scanned(seedPdf, 'tiffg4', 1, 1, 100));
    writeFileSync(join(folder, 'looped.tif'), craftedTiff({ 256: 10, 257: 10 })); // one directory whose "next" is 0
    writeFileSync(join(folder, 'short.tif'), Buffer.from('II*\0'));
    const { files, skipped } = await collectInputs([folder]);
    expect(files.map((f) => f.path)).toEqual([join(folder, 'fax.tif')]);
    expect(skipped.map((s) => s.path).sort()).toEqual(['looped.tif', 'page.tiff', 'short.tif'].map((n) => join(folder, n)));
    expect(skipped[0].reason).toContain('多页 TIFF');
  });

  it('take a .zip (the parser reads the one report it holds, or says why not); pass over other archives', async () => {
    const folder = join(dir, 'archives');
    mkdirSync(folder);
    writeFileSync(join(folder, 'report.zip'), zipSync({ '2024年度绩效自评报告.docx': readFileSync(SEED) }));
    writeFileSync(join(folder, 'other.7z'), 'x');
    const { files, skipped } = await collectInputs([folder]);
    expect(files.map((f) => f.path)).toEqual([join(folder, 'report.zip')]);
    expect(skipped).toEqual([{ path: join(folder, 'other.7z'), reason: expect.stringContaining('解压') }]);
  });

  it('take Word documents saved as XML, macro-enabled documents and templates; pass over other XML', async () => {
    const folder = join(dir, 'endings');
    mkdirSync(folder);
    for (const name of ['a.docm', 'b.dotx', 'c.dot', 'd.wpt']) copyFileSync(SEED, join(folder, name));
    // Word 2003 XML and Word's Flat OPC ("Word XML 文档") as Word writes their first bytes.
    writeFileSync(join(folder, 'e-2003.xml'), '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<?mso-application progid="Word.Document"?>\n<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"><w:body/></w:wordDocument>');
    writeFileSync(join(folder, 'f-flat.xml'), '\ufeff<?xml version="1.0" standalone="yes"?>\n<?mso-application progid="Word.Document"?>\n<pkg:package xmlns:pkg="http://schemas.microsoft.com/office/2006/xmlPackage"></pkg:package>');
    writeFileSync(join(folder, 'g-data.xml'), '<?xml version="1.0"?><rows><row>334.73</row></rows>');
    const { files, skipped } = await collectInputs([folder]);
    expect(files.map((f) => f.path.slice(folder.length + 1))).toEqual(['a.docm', 'b.dotx', 'c.dot', 'd.wpt', 'e-2003.xml', 'f-flat.xml']);
    expect(skipped).toEqual([{ path: join(folder, 'g-data.xml'), reason: expect.stringContaining('不是 Word 另存的 XML') }]);
  });

  it('extract --json: FIFO, /dev/zero link and oversize file are error lines, fast; skipped files on stderr; stdout only NDJSON', async () => {
    const folder = join(dir, 'hostile');
    mkdirSync(folder);
    copyFileSync(SEED, join(folder, 'a-seed.docx'));
    execFileSync('mkfifo', [join(folder, 'b-fifo.pdf')]);
    symlinkSync('/dev/zero', join(folder, 'c-zero.docx'));
    writeFileSync(join(folder, 'd-big.pdf'), Buffer.alloc(300_000, 0x20));
    writeFileSync(join(folder, 'e-budget.xlsx'), 'x');
    const r = await cli(['extract', folder, '--json'], { SELFEVAL_MAX_FILE_BYTES: '200000' });
    expect(r.code).toBe(1);
    expect(r.ms).toBeLessThan(45_000);
    const lines = r.stdout.trim().split('\n').map((l) => ResultSchema.parse(JSON.parse(l)));
    expect(lines.map((l) => [l.file.slice(folder.length + 1), l.status, l.error?.code ?? null])).toEqual([
      ['a-seed.docx', 'ok', null],
      ['b-fifo.pdf', 'error', 'READ_FAILED'],
      ['c-zero.docx', 'error', 'READ_FAILED'],
      ['d-big.pdf', 'error', 'LIMIT_EXCEEDED'],
    ]);
    expect(r.stderr).toContain('e-budget.xlsx');
    expect(r.stderr).toContain('电子表格');
  }, 60_000);
});

describe('format sniffing (R7)', () => {
  const errorOf = async (bytes: Uint8Array): Promise<Result> => (await runPipeline({ bytes, file: 'x.docx' })).result;

  it('an .xlsx and a .pptx are UNSUPPORTED_FORMAT, named as what they are', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('预算').addRow(['word/document.xml', 100]);
    const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await errorOf(xlsx);
    expect(r.error).toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
    expect(r.error?.message).toContain('Excel');
    const pptx = pack([['[Content_Types].xml', '<Types/>'], ['ppt/presentation.xml', '<p:presentation/>'], ['ppt/slides/slide1.xml', '<p:sld/>']]);
    const p = await errorOf(pptx);
    expect(p.error).toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
    expect(p.error?.message).toContain('PowerPoint');
  });

  it('two word/document.xml entries are CORRUPT_FILE; a UTF-16 document.xml is read', async () => {
    const parts = seedParts();
    const body = parts.find(([n]) => n === 'word/document.xml')![1];
    const twice = await errorOf(pack([...parts, ['word/document.xml', body]]));
    expect(twice.error).toMatchObject({ code: 'CORRUPT_FILE' });
    expect(twice.error?.message).toContain('两次');
    const xml = new TextDecoder().decode(body).replace(/^<\?xml[^>]*\?>/, '<?xml version="1.0" encoding="UTF-16" standalone="yes"?>');
    const utf16 = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]));
    const read = await errorOf(pack(parts.map(([n, d]) => [n, n === 'word/document.xml' ? utf16 : d])));
    const plain = await errorOf(new Uint8Array(readFileSync(SEED)));
    expect(read.status).toBe('ok');
    expect(read.report?.projects.length).toBe(plain.report?.projects.length);
    expect(read.discrepancies.length).toBe(plain.discrepancies.length);
  });

  it('control characters in file names are escaped in terminal output', async () => {
    expect(terminalSafe('a\x1b[2Jb\r.docx')).toBe('a\\x1b[2Jb\\x0d.docx');
    expect(terminalSafe('报告\u202excod.pdf')).toBe('报告\\u{202e}xcod.pdf');
    const folder = join(dir, 'names');
    mkdirSync(folder);
    writeFileSync(join(folder, 'evil\x1b]0;pwned\x07.docx'), 'not a docx');
    const r = await cli(['extract', folder]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    expect(r.stdout).toContain('evil\\x1b]0;pwned\\x07.docx');
  }, 60_000);
});
