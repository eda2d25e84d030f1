import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../schemas/result.js';
import { nameFromBytes } from '../../parsers/byte-name.js';
import { sniffFormat } from '../../parsers/sniff.js';
import { runPipeline } from '../../src/pipeline.js';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, StandardFonts } from 'pdf-lib';
import { parseDocument } from '../../parsers/index.js';
import { DOCX_MIME, incrementallyUpdated, pdfWithAttachments, scannedPagePicture, strictDocx, withMainContentType } from './containers-kit.js';
import { readSample } from './docx-kit.js';
import { blankPdf, breakXref, qpdfEncrypt, textPdf } from './pdf-kit.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The report in every container a department may send it in (containers-kit.ts), and what is not
 * a report in them: read to the seed's report, or refused with a Chinese reason naming the file.
 */
const seedDocx = readSample('seed.docx');
const seedPdf = readSample('seed.pdf');
let base: Result;

beforeAll(async () => {
  base = (await runPipeline({ bytes: seedDocx, file: 'seed.docx' })).result;
});

async function run(bytes: Uint8Array, file: string): Promise<Result> {
  return (await runPipeline({ bytes, file })).result;
}

const infos = (r: Result) => r.discrepancies.filter((d) => d.severity === 'info').map((d) => d.message);
/** The findings other than the parse notes, keyed for comparison. */
const findings = (r: Result) => r.discrepancies.filter((d) => d.rule !== 'parse-issues').map((d) => `${d.rule} ${d.severity} ${d.message}`);

describe('Word packages under other names and conformance classes', () => {
  it('Strict Open XML (purl.oclc.org namespaces) reads as the transitional file', async () => {
    const strict = strictDocx(seedDocx);
    expect(Buffer.from(strict).includes('purl.oclc.org/ooxml/officeDocument/relationships/officeDocument')).toBe(false); // deflated
    const r = await run(strict, 'strict.docx');
    expect(r.status, r.error?.message).toBe('ok');
    expect(r.report).toEqual(base.report);
  });

  it.each(['docm', 'dotx', 'dotm'] as const)('a .%s (main part content type of its kind) reads as the .docx', async (kind) => {
    const r = await run(withMainContentType(seedDocx, kind), `seed.${kind}`);
    expect(r.format).toBe('docx');
    expect(r.report).toEqual(base.report);
  });
});

describe('a picture of a scanned page sent as it is (was UNSUPPORTED_FORMAT "这是图片文件")', () => {
  // Page 2 of the seed: the 部门整体支出绩效自评表 (a table of figures).
  it.each(['png', 'jpeg'] as const)('a %s scan of a page is read by OCR, as that page of the PDF is', async (format) => {
    const picture = scannedPagePicture(seedPdf, 2, format);
    expect(sniffFormat(picture)).toBe('image');
    const r = await run(picture, `自评表.${format === 'png' ? 'png' : 'jpg'}`);
    expect(r.status, r.error?.message).toBe('ok');
    expect(r.format).toBe('pdf');
    expect(r.report!.coverage.tables).toBeGreaterThanOrEqual(1);
    expect(r.report!.coverage.facts).toBeGreaterThanOrEqual(20);
    expect(r.report!.department?.text).toBe(base.report!.department?.text);
    expect(infos(r).some((m) => m.includes('图片（扫描页），已按扫描件识别'))).toBe(true);
  }, 180_000);

  it('a picture with nothing to read is refused naming it as a picture, not a PDF', async () => {
    const blank = scannedPagePicture(await textPdf(1, 0), 1, 'png', 150);
    const r = await run(blank, '报告.png');
    expect(r.error?.code).toBe('UNSUPPORTED_FORMAT');
    expect(r.error?.message).toMatch(/^报告\.png：这是图片文件（PNG，1240×\d+ 像素），按扫描页识别未读出文字/u);
    expect(r.error?.message).not.toMatch(/PDF 没有/u);
  }, 120_000);
});

describe('a zip archive of reports (was UNSUPPORTED_FORMAT "压缩包不是 Word 文档（缺少 word/ 部件）")', () => {
  it('one report inside is read, with a note naming it', async () => {
    // Beside it: its folder entry, a macOS resource fork and a workbook of 附表 (not a second report).
    const workbook = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>') });
    const r = await run(zipSync({ '2023年/自评报告.docx': seedDocx, '2023年/附表.xlsx': workbook, '__MACOSX/2023年/._自评报告.docx': strToU8('x'), '2023年/': new Uint8Array(0) }), 'reports.zip');
    expect(r.status, r.error?.message).toBe('ok');
    expect(r.report).toEqual(base.report);
    expect(findings(r)).toEqual(findings(base));
    expect(infos(r).some((m) => m.includes('报告取自压缩包中的「2023年/自评报告.docx」'))).toBe(true);
  });

  it('several reports are refused naming each (one file is one report)', async () => {
    const r = await run(zipSync({ 'a/单位一.docx': seedDocx, 'a/单位二.pdf': seedPdf, 'a/说明.txt': strToU8('见附件') }), '打包.zip');
    expect(r.error?.code).toBe('UNSUPPORTED_FORMAT');
    expect(r.error?.message).toMatch(/^打包\.zip：压缩包内有 2 份报告文档（单位一\.docx、单位二\.pdf），一个文件只能是一份报告：请解压后逐份提交/u);
  });

  it('no report inside is refused saying what it holds', async () => {
    const r = await run(zipSync({ '说明.txt': strToU8('见附件'), 'photo.bmp': new Uint8Array([0x42, 0x4d, 1, 2, 3]) }), 'other.zip');
    expect(r.error?.code).toBe('UNSUPPORTED_FORMAT');
    expect(r.error?.message).toMatch(/^other\.zip：压缩包不是 Word 文档，其中也没有报告文档（内有 说明\.txt、photo\.bmp）/u);
  });

  it('a zip inside a zip is not opened (one level)', async () => {
    const inner = zipSync({ 'r.docx': seedDocx });
    const r = await run(zipSync({ 'inner.zip': inner }), 'nested.zip');
    expect(r.error?.code).toBe('UNSUPPORTED_FORMAT');
  });

  it('names written in GBK by Windows zip tools are shown in Chinese', () => {
    const gbk = Buffer.from([0xd7, 0xd4, 0xc6, 0xc0, 0xb1, 0xa8, 0xb8, 0xe6, 0x2e, 0x64, 0x6f, 0x63, 0x78]).toString('latin1'); // 自评报告.docx
    expect(nameFromBytes(gbk)).toBe('自评报告.docx');
    expect(nameFromBytes('报告/a.docx')).toBe('报告/a.docx');
    expect(nameFromBytes(Buffer.from('自评.docx', 'utf8').toString('latin1'))).toBe('自评.docx');
  });
});

describe('a PDF carrying the report as an attachment (was ok with nothing read, or NO_TEXT_LAYER)', () => {
  it('a cover page and the .docx attached: the attachment is read', async () => {
    const pdf = await pdfWithAttachments([{ name: '2023年度部门整体支出绩效自评报告.docx', bytes: seedDocx, mimeType: DOCX_MIME }], ['See the attached file.']);
    const r = await run(pdf, 'cover.pdf');
    expect(r.status, r.error?.message).toBe('ok');
    expect(r.format).toBe('docx');
    expect(r.report).toEqual(base.report);
    expect(findings(r)).toEqual(findings(base));
    expect(infos(r).some((m) => m.includes('报告取自PDF 的附件「2023年度部门整体支出绩效自评报告.docx」'))).toBe(true);
  });

  it('a blank page and the report as a PDF attached: the attached PDF is read', async () => {
    const r = await run(await pdfWithAttachments([{ name: 'report.pdf', bytes: seedPdf, mimeType: 'application/pdf' }]), 'blank.pdf');
    expect(r.status, r.error?.message).toBe('ok');
    expect(r.format).toBe('pdf');
    expect(r.report!.coverage.facts).toBe(base.report!.coverage.facts);
  }, 120_000);

  it('a PDF whose own pages are the report keeps them, and names the attachment it did not read', async () => {
    const own = await textPdf(2);
    const { PDFDocument } = await import('pdf-lib');
    const doc = await PDFDocument.load(own);
    await doc.attach(seedDocx, '底稿.docx', { mimeType: DOCX_MIME });
    const r = await run(await doc.save(), 'own.pdf');
    const plain = await run(own, 'own.pdf');
    expect(r.report).toEqual(plain.report);
    expect(infos(r).some((m) => m.includes('PDF 另附有文件 底稿.docx，未读取'))).toBe(true);
  });
});

describe('PDFs as editors and broken tools leave them', () => {
  it('an incremental update: the latest revision of the page is read, not the first', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage([595, 842]).drawText('Budget 951.90 spent 930.00', { x: 50, y: 780, size: 12, font });
    const original = await doc.save({ useObjectStreams: false });
    const loaded = await PDFDocument.load(original);
    const page = loaded.getPages()[0].node;
    const listed = page.get(PDFName.of('Contents'));
    const contents = (listed instanceof PDFArray ? listed.get(0) : listed) as PDFRef;
    const fontKey = (page.Resources()!.lookup(PDFName.of('Font'), PDFDict)).keys()[0].asString();
    const root = String(loaded.context.trailerInfo.Root);
    const edited = incrementallyUpdated(original, contents.objectNumber, `BT ${fontKey} 12 Tf 50 780 Td (Budget 888.88 spent 930.00) Tj ET`, root, loaded.context.largestObjectNumber + 1);
    const text = (m: Awaited<ReturnType<typeof parseDocument>>) => m.blocks.map((b) => (b.kind === 'paragraph' ? b.text : '')).join('\n');
    expect(text(await parseDocument(original))).toContain('951.90');
    const latest = text(await parseDocument(edited));
    expect(latest).toContain('888.88');
    expect(latest).not.toContain('951.90');
  });

  it.each(['startxref', 'offsets', 'keyword', 'trailer'] as const)('a broken cross-reference (%s) is repaired: the seed PDF reads whole (trailer: was CORRUPT_FILE "Invalid Root reference")', async (how) => {
    // A classic xref table (qpdf), so that there is one to break; the catalog stays a plain object.
    const dir = mkdtempSync(join(tmpdir(), 'selfeval-xref-'));
    writeFileSync(join(dir, 'seed.pdf'), seedPdf);
    const classic = new Uint8Array(execFileSync('qpdf', ['--object-streams=disable', join(dir, 'seed.pdf'), '-'], { maxBuffer: 64 << 20 }));
    rmSync(dir, { recursive: true, force: true });
    const r = await run(breakXref(classic, how), `xref-${how}.pdf`);
    expect(r.status, r.error?.message).toBe('ok');
    expect(r.report!.coverage.facts).toBe(base.report!.coverage.facts);
  }, 120_000);

  it('an owner password only (permissions, no open password) reads as the plain PDF', async () => {
    const r = await run(qpdfEncrypt(seedPdf, '', 'owner', 'aes-256'), 'owner.pdf');
    expect(r.status, r.error?.message).toBe('ok');
    expect(r.report!.coverage.facts).toBe(base.report!.coverage.facts);
  }, 120_000);

  it('200 blank pages: refused within seconds, saying every page is blank (was "可能是扫描件…需要 OCR")', async () => {
    const started = process.cpuUsage();
    const r = await run(await blankPdf(200), 'blank.pdf');
    const cpu = process.cpuUsage(started);
    expect(r.error?.code).toBe('NO_TEXT_LAYER');
    expect(r.error?.message).toBe('blank.pdf：PDF 共 200 页，全部是空白页，没有可读取的内容 / all 200 pages of the PDF are blank');
    expect((cpu.user + cpu.system) / 1e6).toBeLessThan(15);
  }, 60_000);
});
