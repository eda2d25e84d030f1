/**
 * `node --import tsx bench/ocr.ts` — what OCR of scanned reports costs and finds.
 *
 *   CPU seconds per page: the seed report printed to PDF (samples/seed.pdf), scanned at 150 and
 *   200 dpi (greyscale JPEG; test/fixtures/producers/scan.ts), read page by page after one warm-up
 *   page (the models load once per thread). Figures are process CPU (user + system) per page.
 *
 *   --recall   also: findings of the scanned report vs the same report's .docx, per scan variant,
 *              for the seed and for one generated report of each template family (LibreOffice).
 *   --pages A-B   pages of the seed to time (default all 32).
 *   --dpi 150,200 resolutions to time.
 *
 * Needs poppler-utils, img2pdf (and LibreOffice for --recall's generated reports). Prints tables;
 * the main bench (bench/run.ts) can call `measureOcr` for its scanned row.
 */
import { parseArgs } from 'node:util';
import { openPdf } from '../parsers/pdf/open.js';
import { ocrPdfPage } from '../parsers/ocr/index.js';
import { loadEngine } from '../parsers/ocr/engine.js';
import { runPipeline } from '../src/pipeline.js';
import { scanPdf, type ScanMode } from '../test/fixtures/producers/scan.js';
import { sample } from '../test/pdf/helpers.js';
import { docxToPdf, plantError, randomReportSpec, toFamily, writeDocx } from '../test/fixtures/generator/index.js';
import { matchFindings, SUM_RULES } from '../test/ocr/helpers.js';

export interface OcrPageFigures {
  dpi: number;
  pages: number;
  /** CPU seconds per page: mean, median, max. */
  mean: number;
  median: number;
  max: number;
  /** One-time model load (CPU seconds). */
  load: number;
}

const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};

/** CPU per page of OCR on a scan of `pdf` at `dpi` (pages [first, last]). */
export async function measureOcr(pdf: Uint8Array, dpi: number, first: number, last: number, mode: ScanMode = 'gray-jpeg'): Promise<OcrPageFigures> {
  const scan = scanPdf(pdf, { mode, dpi, pages: [first, last] });
  const t0 = cpu();
  await loadEngine();
  const load = cpu() - t0;
  const doc = await openPdf(scan);
  const times: number[] = [];
  try {
    for (let n = 0; n <= doc.numPages; n++) {
      // Page "0" is the warm-up: the first page of a size pays for the models' first-run allocations.
      const page = await doc.getPage(Math.max(1, n));
      const c0 = cpu();
      const ops = await page.getOperatorList();
      await ocrPdfPage(doc, page, Math.max(1, n), ops);
      if (n > 0) times.push(cpu() - c0);
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  const sorted = [...times].sort((a, b) => a - b);
  const r = (v: number) => Math.round(v * 100) / 100;
  return { dpi, pages: times.length, mean: r(times.reduce((s, x) => s + x, 0) / times.length), median: r(sorted[sorted.length >> 1]), max: r(sorted.at(-1)!), load: r(load) };
}

interface RecallRow {
  report: string;
  variant: string;
  pages: number;
  reference: number;
  found: number;
  recall: number;
  falseSumFindings: number;
  cpuPerPage: number;
}

async function recallRow(report: string, docx: Uint8Array, pdf: Uint8Array, mode: ScanMode): Promise<RecallRow> {
  const ref = (await runPipeline({ bytes: docx, file: `${report}.docx` })).result;
  const scan = scanPdf(pdf, { mode });
  const c0 = cpu();
  const got = await runPipeline({ bytes: scan, file: `${report}-${mode}.pdf` });
  const spent = cpu() - c0;
  const pages = got.document?.pages ?? 0;
  const m = matchFindings(ref.discrepancies, got.result.discrepancies);
  return {
    report,
    variant: mode,
    pages,
    reference: ref.discrepancies.length,
    found: m.found.length,
    recall: Math.round((m.found.length / Math.max(1, ref.discrepancies.length)) * 1000) / 10,
    falseSumFindings: m.extra.filter((f) => SUM_RULES.has(f.rule)).length,
    cpuPerPage: Math.round((spent / Math.max(1, pages)) * 100) / 100,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { recall: { type: 'boolean', default: false }, pages: { type: 'string' }, dpi: { type: 'string' } } });
  const seed = sample('seed.pdf');
  const [first, last] = (values.pages ?? '1-32').split('-').map(Number);
  const dpis = (values.dpi ?? '150,200').split(',').map(Number);
  console.log(`OCR CPU per page — seed report pages ${first}–${last}, greyscale JPEG scans (one warm-up page first)`);
  console.log('dpi  pages  mean s  median s  max s  model load s');
  for (const dpi of dpis) {
    const f = await measureOcr(seed, dpi, first, last);
    console.log(`${String(f.dpi).padEnd(5)}${String(f.pages).padEnd(7)}${String(f.mean).padEnd(8)}${String(f.median).padEnd(10)}${String(f.max).padEnd(7)}${f.load}`);
  }
  if (!values.recall) return;
  console.log('\nFindings of the scan vs the same report as .docx (matched by rule and values)');
  console.log('report             variant     pages  docx  found  recall %  false sum findings  CPU s/page');
  const rows: RecallRow[] = [];
  const seedDocx = sample('seed.docx');
  for (const mode of ['gray-jpeg', 'mono'] as const) rows.push(await recallRow('seed', seedDocx, seed, mode));
  for (const family of ['hunan', 'mof-2020', 'sichuan', 'sichuan-linkage'] as const) {
    const { spec } = plantError(toFamily(randomReportSpec(`ocr-bench-${family}`, { projects: 2 }), family), 'total-changed', 3);
    const docx = writeDocx(spec, { templateFamily: family });
    const pdf = await docxToPdf(docx);
    for (const mode of ['gray-jpeg', 'mono'] as const) rows.push(await recallRow(family, docx, pdf, mode));
  }
  for (const r of rows) {
    console.log(
      `${r.report.padEnd(19)}${r.variant.padEnd(12)}${String(r.pages).padEnd(7)}${String(r.reference).padEnd(6)}${String(r.found).padEnd(7)}${String(r.recall).padEnd(10)}${String(r.falseSumFindings).padEnd(20)}${r.cpuPerPage}`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
