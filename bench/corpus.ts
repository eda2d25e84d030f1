import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { randomReportSpec, writeDocx } from '../test/fixtures/generator/index.js';

/**
 * The benchmark's inputs: the samples, and generated reports (test/fixtures/generator) of several
 * sizes, as .docx and as LibreOffice-exported .pdf. PDF conversion is slow (one soffice start costs
 * seconds), so all conversions of a run go through one soffice call and are cached by the .docx's
 * sha256 under os.tmpdir(); the batch makes many distinct PDFs cheaply from a few converted ones
 * (pdfVariant).
 */

export type Format = 'docx' | 'pdf';

export interface BenchInput {
  name: string;
  format: Format;
  path: string;
  bytes: Uint8Array;
  /** 项目支出绩效自评表 in the report (generated ones; the seed has 1). */
  projects: number | null;
}

export interface GeneratedSize {
  projects: number;
  /** Filler paragraphs per narrative report: longer prose, more pages. */
  narrativeParagraphs?: number;
}

/** 1–20 project tables; as PDF about 7, 15, 26 and 60 pages. */
export const GENERATED_SIZES: GeneratedSize[] = [{ projects: 1 }, { projects: 5 }, { projects: 10 }, { projects: 20, narrativeParagraphs: 8 }];

export function generatedDocx(size: GeneratedSize, seed = 'bench'): Uint8Array {
  return writeDocx(randomReportSpec(`${seed}-${size.projects}`, { projects: size.projects, narrativeParagraphs: size.narrativeParagraphs }));
}

const PDF_CACHE = join(tmpdir(), 'selfeval-bench-pdf-cache');

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export function sofficeAvailable(): boolean {
  const path = process.env.PATH ?? '';
  return path.split(':').some((d) => d && existsSync(join(d, 'soffice')));
}

/**
 * .docx → .pdf for many files with one LibreOffice start (`soffice --convert-to pdf a.docx b.docx …`),
 * with a private profile so it never collides with another soffice. Cached by content.
 */
export async function docxToPdfMany(docxs: Uint8Array[], options: { timeoutMs?: number; log?: (s: string) => void } = {}): Promise<Uint8Array[]> {
  await mkdir(PDF_CACHE, { recursive: true });
  const keys = docxs.map(sha256);
  const missing = [...new Set(keys.filter((k) => !existsSync(join(PDF_CACHE, `${k}.pdf`))))];
  if (missing.length > 0) {
    options.log?.(`soffice: converting ${missing.length} .docx → .pdf (cached in ${PDF_CACHE}) …`);
    const work = await mkdtemp(join(tmpdir(), 'selfeval-bench-soffice-'));
    try {
      const inputs: string[] = [];
      for (const k of missing) {
        const p = join(work, `${k}.docx`);
        await writeFile(p, docxs[keys.indexOf(k)]);
        inputs.push(p);
      }
      const profile = pathToFileURL(join(work, 'profile')).href;
      await runSoffice(['-env:UserInstallation=' + profile, '--headless', '--norestore', '--nolockcheck', '--convert-to', 'pdf', '--outdir', work, ...inputs], options.timeoutMs ?? 15 * 60_000);
      for (const k of missing) {
        const out = join(work, `${k}.pdf`);
        if (!existsSync(out)) throw new Error(`soffice produced no PDF for ${k}.docx`);
        const partial = join(PDF_CACHE, `${k}.pdf.${process.pid}.partial`);
        await writeFile(partial, await readFile(out));
        await rename(partial, join(PDF_CACHE, `${k}.pdf`));
      }
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
  return Promise.all(keys.map(async (k) => new Uint8Array(await readFile(join(PDF_CACHE, `${k}.pdf`)))));
}

function runSoffice(args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('soffice', args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += String(d)));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
      reject(new Error(`soffice timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`soffice exited with ${code}: ${stderr.slice(0, 300)}`));
    });
  });
}

/**
 * A distinct PDF with the same pages: an incremental update appended to the file (a new document
 * information dictionary with its own /Title), as a PDF editor would save it. Everything before the
 * update is unchanged, so parsing costs what the original costs, but the sha256 differs.
 */
export function pdfVariant(pdf: Uint8Array, n: number): Uint8Array {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const startxrefAt = text.lastIndexOf('startxref');
  const prev = startxrefAt >= 0 ? Number(/startxref\s+(\d+)/.exec(text.slice(startxrefAt))?.[1]) : NaN;
  if (!Number.isFinite(prev)) throw new Error('pdfVariant: no startxref');
  // The trailer (classic xref table) or the xref stream's dictionary at the previous xref offset.
  const trailer = text.slice(prev, startxrefAt);
  const size = Number(/\/Size\s+(\d+)/.exec(trailer)?.[1]);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(trailer)?.[1];
  if (!Number.isFinite(size) || !root) throw new Error('pdfVariant: trailer without /Size or /Root');
  const head = text.endsWith('\n') ? '' : '\n';
  const body = `${head}${size} 0 obj\n<< /Title (selfeval bench variant ${n}) /Producer (selfeval bench) >>\nendobj\n`;
  const objectAt = pdf.length + head.length;
  const xrefAt = pdf.length + body.length;
  const xref =
    `xref\n0 1\n0000000000 65535 f \n${size} 1\n${String(objectAt).padStart(10, '0')} 00000 n \n` +
    `trailer\n<< /Size ${size + 1} /Root ${root} /Info ${size} 0 R /Prev ${prev} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  const tail = Buffer.from(body + xref, 'latin1');
  const out = new Uint8Array(pdf.length + tail.length);
  out.set(pdf, 0);
  out.set(tail, pdf.length);
  return out;
}

/**
 * A distinct .docx with the same body: only the title in docProps/core.xml differs, so it parses
 * exactly like the original but has its own sha256 (the queue and store dedupe by content).
 */
export function docxVariant(docx: Uint8Array, n: number): Uint8Array {
  const files = unzipSync(docx);
  const core = files['docProps/core.xml'] ? strFromU8(files['docProps/core.xml']) : null;
  const title = `<dc:title>selfeval bench variant ${n}</dc:title>`;
  if (core && /<dc:title>[^<]*<\/dc:title>|<dc:title\/>/.test(core)) {
    files['docProps/core.xml'] = strToU8(core.replace(/<dc:title>[^<]*<\/dc:title>|<dc:title\/>/, title));
  } else if (core && core.includes('</cp:coreProperties>')) {
    files['docProps/core.xml'] = strToU8(core.replace('</cp:coreProperties>', `${title}</cp:coreProperties>`));
  } else {
    // No core properties part: an extra, unreferenced part also changes the bytes and nothing else.
    files['customXml/selfeval-bench.xml'] = strToU8(`<v>${n}</v>`);
  }
  return zipSync(files);
}

export interface BatchCorpus {
  dir: string;
  files: number;
  docx: number;
  pdf: number;
  /** Distinct generated reports (before making byte-distinct variants). */
  distinctDocxReports: number;
  distinctPdfReports: number;
  pdfPages: number;
  how: string;
}

/**
 * `total` byte-distinct reports in a new folder: random generated reports (1–4 project tables,
 * every family), a share of them as PDFs. Distinct PDFs are few soffice conversions made distinct
 * with pdfVariant; .docx are `distinctDocx` generated reports and docxVariant copies of them.
 */
export async function makeBatchCorpus(options: {
  total: number;
  pdfShare: number;
  distinctDocx: number;
  distinctPdf: number;
  log?: (s: string) => void;
  pageCount: (pdf: Uint8Array) => Promise<number>;
}): Promise<BatchCorpus> {
  const dir = await mkdtemp(join(tmpdir(), 'selfeval-bench-batch-'));
  const pdfCount = sofficeAvailable() ? Math.round(options.total * options.pdfShare) : 0;
  const docxCount = options.total - pdfCount;
  const distinctDocx = Math.max(1, Math.min(options.distinctDocx, docxCount));
  const distinctPdf = pdfCount > 0 ? Math.max(1, Math.min(options.distinctPdf, pdfCount)) : 0;

  const docxSources = Array.from({ length: distinctDocx }, (_, i) => writeDocx(randomReportSpec(`bench-batch-${i}`)));
  for (let i = 0; i < docxCount; i++) {
    const source = docxSources[i % distinctDocx];
    const bytes = i < distinctDocx ? source : docxVariant(source, i);
    await writeFile(join(dir, `r${String(i).padStart(5, '0')}.docx`), bytes);
  }
  let pdfPages = 0;
  if (distinctPdf > 0) {
    const pdfDocx = Array.from({ length: distinctPdf }, (_, i) => writeDocx(randomReportSpec(`bench-batch-pdf-${i}`)));
    const pdfSources = await docxToPdfMany(pdfDocx, { log: options.log });
    const pages = await Promise.all(pdfSources.map((p) => options.pageCount(p)));
    for (let i = 0; i < pdfCount; i++) {
      const k = i % distinctPdf;
      const bytes = i < distinctPdf ? pdfSources[k] : pdfVariant(pdfSources[k], i);
      pdfPages += pages[k];
      await writeFile(join(dir, `p${String(i).padStart(5, '0')}.pdf`), bytes);
    }
  }
  return {
    dir,
    files: options.total,
    docx: docxCount,
    pdf: pdfCount,
    distinctDocxReports: distinctDocx,
    distinctPdfReports: distinctPdf,
    pdfPages,
    how:
      `${distinctDocx} generated .docx reports (randomReportSpec, 1–4 project tables, 4 template families) and their ` +
      `docProps/core.xml-title variants; ${distinctPdf} further generated reports exported to PDF by LibreOffice, and ` +
      `copies of them made byte-distinct by an appended incremental update (new /Info dictionary)`,
  };
}

/** A folder of `count` byte-distinct copies of one .docx (seed-sized reports for the extrapolation). */
export async function makeVariantFolder(docx: Uint8Array, count: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'selfeval-bench-seed-'));
  for (let i = 0; i < count; i++) await writeFile(join(dir, `seed-${String(i).padStart(5, '0')}.docx`), i === 0 ? docx : docxVariant(docx, i));
  return dir;
}

export async function readInput(name: string, path: string, projects: number | null): Promise<BenchInput> {
  const bytes = new Uint8Array(await readFile(path));
  return { name, path, bytes, projects, format: path.endsWith('.pdf') ? 'pdf' : 'docx' };
}
