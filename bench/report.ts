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
  inProcess: InProcessRun | null;
  seedDocx: SeedExtrapolation | null;
}

export function perFileTable(rows: PerFileRow[], render: Render): string {
  return render(
    ['file', 'fmt', 'pages', 'floor ms', 'selfeval ms', '× floor', '× floor cpu', 'parse', 'recognize', 'narrative', 'rules', 'serialize', 'mammoth', 'pdftotext', 'pages/s'],
    rows.map((r) => [
      r.name, r.format, r.pages, r.floorMs, r.selfevalMs, r.status === 'ok' ? r.ratio : r.status, r.cpu.ratio,
      r.stages.parse, r.stages.recognize, r.stages.narrative, r.stages.rules, r.stages.serialize,
      r.reference.mammothMs, r.reference.pdftotextMs, r.pagesPerSecond,
    ]),
  );
}

export function batchTable(b: BatchSection, render: Render): string {
  const rows: Cell[][] = b.queue.map((q) => [
    `queue, ${q.workers} worker${q.workers > 1 ? 's' : ''}`, q.files, q.wallS, q.reportsPerS, q.steadyReportsPerS, q.perReport.p50Ms, q.perReport.p95Ms,
    q.peakRss.map((r) => (r ? r.treeMb : '–')).join(' / '), q.cpu?.msPerReportSteady ?? q.cpu?.msPerReport ?? null,
  ]);
  if (b.seedDocx) rows.push([`queue, seed.docx ×${b.seedDocx.files}, 2 workers`, b.seedDocx.files, b.seedDocx.wallS, round(b.seedDocx.files / b.seedDocx.wallS, 2), b.seedDocx.steadyReportsPerS, null, null, b.seedDocx.peakRss.map((r) => (r ? r.treeMb : '–')).join(' / '), b.seedDocx.cpuMsPerReport]);
  if (b.inProcess) rows.push(['extract, in-process', b.inProcess.files, b.inProcess.wallS, b.inProcess.reportsPerS, null, null, null, b.inProcess.peakRssMb, b.inProcess.cpuMsPerReport]);
  return render(['batch', 'reports', 'wall s', 'reports/s', 'steady /s', 'p50 ms', 'p95 ms', 'peak RSS MB', 'CPU ms/report (steady)'], rows);
}

export function targetTable(t: TargetCheck[], render: Render): string {
  return render(['target', 'measured', 'met'], t.map((c) => [c.target, c.measured, c.met === null ? 'n/a' : c.met ? 'yes' : 'NO']));
}

