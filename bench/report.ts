import type { BatchCorpus } from './corpus.js';
import type { InProcessRun, QueueRun } from './batch.js';
import type { PerFileRow } from './per-file.js';
import { round } from './stats.js';
import type { Cell } from './table.js';
import type { SeedExtrapolation, TargetCheck } from './targets.js';

/** The tables of a bench result, for the terminal (textTable) or the README (markdownTable). */

type Render = (header: string[], rows: Cell[][]) => string;

export interface BatchSection {
  skipped: string | null;
  corpus: Omit<BatchCorpus, 'dir'> | null;
  queue: QueueRun[];
  queueSkipped: string | null;
  /** `extract --json --jobs N` on the same folder, N = 1 and 2. */
  extract: InProcessRun[];
  seedDocx: SeedExtrapolation | null;
}

export function perFileTable(rows: PerFileRow[], render: Render): string {
  return render(
    ['file', 'fmt', 'pages', 'floor CPU ms', 'selfeval CPU ms', '× floor CPU', 'floor wall', 'selfeval wall', '× wall', 'parse', 'recognize', 'narrative', 'rules', 'serialize', 'pages/CPU s'],
    rows.map((r) => [
      r.name, r.format, r.pages, r.floor.cpuMs, r.selfeval.cpuMs, r.status === 'ok' ? r.ratio.cpu : r.status, r.floor.wallMs, r.selfeval.wallMs, r.ratio.wall,
      r.stagesCpuMs.parse, r.stagesCpuMs.recognize, r.stagesCpuMs.narrative, r.stagesCpuMs.rules, r.stagesCpuMs.serialize, r.pagesPerCpuSecond,
    ]),
  );
}

/** Every floor candidate per file: the .docx tokenizers, the PDF engines; CPU ms (wall ms). */
export function floorTable(rows: PerFileRow[], render: Render): string {
  const fmt = (t: { cpuMs: number; wallMs: number } | null | undefined) => (t ? `${t.cpuMs} (${t.wallMs})` : null);
  const docx = rows.filter((r) => r.tokenizers);
  const tokenizers = docx.length ? Object.keys(docx[0].tokenizers!) : [];
  const out: string[] = [];
  if (docx.length) {
    out.push(render(['.docx: zlib + tokenizer, CPU ms (wall)', ...tokenizers, 'mammoth (reference)'], docx.map((r) => [r.name, ...tokenizers.map((k) => fmt(r.tokenizers![k])), fmt(r.reference.mammoth)])));
  }
  const pdf = rows.filter((r) => r.format === 'pdf');
  if (pdf.length) {
    out.push(render(['.pdf, CPU ms (wall)', 'pdf.js text + operators (floor)', 'pdf.js text only', 'PDFium (wasm) text', 'pdftotext -layout (wall, a process)', 'selfeval'], pdf.map((r) => [r.name, fmt(r.floor), fmt(r.reference.pdfjsTextOnly), fmt(r.reference.pdfium), r.reference.pdftotextWallMs, fmt(r.selfeval)])));
  }
  return out.join('\n\n');
}

export function batchTable(b: BatchSection, render: Render): string {
  const rows: Cell[][] = b.queue.map((q) => [
    `queue, ${q.workers} worker${q.workers > 1 ? 's' : ''}`, q.files, q.wallS, q.reportsPerS, q.steadyReportsPerS, q.perReport.p50Ms, q.perReport.p95Ms,
    q.peakRss.map((r) => (r ? r.treeMb : '–')).join(' / '), q.cpu?.msPerReportSteady ?? q.cpu?.msPerReport ?? null,
  ]);
  if (b.seedDocx) rows.push([`queue, seed.docx ×${b.seedDocx.files}, 2 workers`, b.seedDocx.files, b.seedDocx.wallS, round(b.seedDocx.files / b.seedDocx.wallS, 2), b.seedDocx.steadyReportsPerS, null, null, b.seedDocx.peakRss.map((r) => (r ? r.treeMb : '–')).join(' / '), b.seedDocx.cpuMsPerReport]);
  for (const e of b.extract) rows.push([`extract, ${e.jobs} thread${e.jobs > 1 ? 's' : ''}`, e.files, e.wallS, e.reportsPerS, null, null, null, e.peakRssMb, e.cpuMsPerReport]);
  return render(['batch', 'reports', 'wall s', 'reports/s', 'steady /s', 'p50 ms', 'p95 ms', 'peak RSS MB', 'CPU ms/report (steady)'], rows);
}

export function targetTable(t: TargetCheck[], render: Render): string {
  return render(['target', 'measured', 'met'], t.map((c) => [c.target, c.measured, c.met === null ? 'n/a' : c.met ? 'yes' : 'NO']));
}

