import type { InProcessRun, QueueRun } from './batch.js';
import type { DocRow } from './doc.js';
import type { ProcessMarginal } from './process-marginal.js';
import type { PerFileRow } from './per-file.js';
import { round } from './stats.js';

export interface TargetCheck {
  id: string;
  target: string;
  measured: string;
  value: number | null;
  met: boolean | null;
}

export interface SeedExtrapolation {
  files: number;
  workers: number;
  wallS: number;
  steadyReportsPerS: number;
  /** 10,000 seed-sized .docx at the steady rate, plus the measured start-up. */
  minutesFor10k: number;
  /**
   * The same from CPU time alone: 10,000 × worker CPU per report (after start-up) ÷ min(workers,
   * cores) + start-up — what an otherwise idle machine would take (PostgreSQL and Redis CPU not
   * included). Null without /proc.
   */
  minutesFor10kCpuBound: number | null;
  cpuMsPerReport: number | null;
  processor: string | null;
  peakRss: QueueRun['peakRss'];
}

export interface TargetInputs {
  perFile: PerFileRow[];
  marginal: ProcessMarginal | null;
  queue: QueueRun[];
  seed: SeedExtrapolation | null;
  extract: InProcessRun[];
  doc: DocRow | null;
  /** Whether the batch had PDFs (the RSS target is higher then). */
  batchHasPdf: boolean;
}

const unmeasured = (id: string, target: string): TargetCheck => ({ id, target, measured: 'not measured', value: null, met: null });

/** The issue's targets (issue 15), checked against the measured figures. `met` is null when not measured. */
export function checkTargets(t: TargetInputs): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const worst = (rows: PerFileRow[]) => rows.filter((r) => r.status === 'ok').sort((a, b) => b.ratio.cpu - a.ratio.cpu)[0];
  const docx = worst(t.perFile.filter((r) => r.format === 'docx'));
  checks.push(
    docx
      ? { id: 'docx-ratio', target: '.docx end to end ≤ 3× the floor (CPU, in-process)', measured: `worst ${docx.ratio.cpu}× (${docx.name}; floor ${docx.floor.how})`, value: docx.ratio.cpu, met: docx.ratio.cpu <= 3 }
      : unmeasured('docx-ratio', '.docx end to end ≤ 3× the floor (CPU, in-process)'),
  );
  const m = t.marginal;
  checks.push(
    m
      ? { id: 'docx-process-marginal', target: 'seed.docx ≤ 35 ms CPU per report (whole process, marginal)', measured: `${m.selfevalCpuMs} ms (${m.ratio}× the ${m.fastestFloor} floor of ${m.floorCpuMs[m.fastestFloor]} ms; ${m.copies} copies)`, value: m.selfevalCpuMs, met: m.selfevalCpuMs <= 35 }
      : unmeasured('docx-process-marginal', 'seed.docx ≤ 35 ms CPU per report (whole process, marginal)'),
  );
  const pdf = worst(t.perFile.filter((r) => r.format === 'pdf'));
  checks.push(
    pdf
      ? { id: 'pdf-ratio', target: '.pdf end to end ≤ 1.2× the pdf.js floor (CPU)', measured: `worst ${pdf.ratio.cpu}× (${pdf.name})`, value: pdf.ratio.cpu, met: pdf.ratio.cpu <= 1.2 }
      : unmeasured('pdf-ratio', '.pdf end to end ≤ 1.2× the pdf.js floor (CPU)'),
  );
  const ex1 = t.extract.find((e) => e.jobs === 1);
  const ex2 = t.extract.find((e) => e.jobs === 2);
  checks.push(
    ex1 && ex2
      ? { id: 'extract-scaling', target: 'extract on a folder, 2 threads ≥ 1.7× one', measured: `${round(ex2.reportsPerS / ex1.reportsPerS, 2)}× (${ex1.reportsPerS} → ${ex2.reportsPerS} reports/s, wall)`, value: round(ex2.reportsPerS / ex1.reportsPerS, 2), met: ex2.reportsPerS / ex1.reportsPerS >= 1.7 }
      : unmeasured('extract-scaling', 'extract on a folder, 2 threads ≥ 1.7× one'),
  );
  const one = t.queue.find((q) => q.workers === 1);
  const two = t.queue.find((q) => q.workers === 2);
  if (one && two) {
    const scaling = round(two.steadyReportsPerS / one.steadyReportsPerS, 2);
    checks.push({ id: 'queue-scaling', target: '2 queue workers ≥ 1.7× one', measured: `${scaling}× steady (${round(two.reportsPerS / one.reportsPerS, 2)}× wall incl. start-up)`, value: scaling, met: scaling >= 1.7 });
  } else checks.push(unmeasured('queue-scaling', '2 queue workers ≥ 1.7× one'));
  checks.push(
    t.seed
      ? { id: 'seed-docx-10k', target: '10,000 seed-sized .docx through Redis + PostgreSQL < 5 min', measured: `${t.seed.minutesFor10k} min (extrapolated, ${t.seed.workers} workers)${t.seed.minutesFor10kCpuBound !== null ? `; ${t.seed.minutesFor10kCpuBound} min from CPU time` : ''}`, value: t.seed.minutesFor10k, met: t.seed.minutesFor10k < 5 }
      : unmeasured('seed-docx-10k', '10,000 seed-sized .docx through Redis + PostgreSQL < 5 min'),
  );
  const docxRss = [...(t.seed?.peakRss ?? [])].filter((r) => r !== null).map((r) => r!.largestProcessMb);
  checks.push(
    docxRss.length
      ? { id: 'worker-rss-docx', target: 'worker RSS ≤ 250 MB on .docx', measured: `peak ${Math.max(...docxRss)} MB (seed.docx batch)`, value: Math.max(...docxRss), met: Math.max(...docxRss) <= 250 }
      : unmeasured('worker-rss-docx', 'worker RSS ≤ 250 MB on .docx'),
  );
  const mixedRss = t.queue.flatMap((q) => q.peakRss).filter((r) => r !== null).map((r) => r!.largestProcessMb);
  const limit = t.batchHasPdf ? 350 : 250;
  checks.push(
    mixedRss.length
      ? { id: 'worker-rss-mixed', target: `worker RSS ≤ ${limit} MB on the mixed batch${t.batchHasPdf ? ' (with PDFs)' : ''}`, measured: `peak ${Math.max(...mixedRss)} MB`, value: Math.max(...mixedRss), met: Math.max(...mixedRss) <= limit }
      : unmeasured('worker-rss-mixed', `worker RSS ≤ ${limit} MB on the mixed batch`),
  );
  const d = t.doc;
  checks.push(
    d
      ? { id: 'doc-marginal', target: '.doc ≤ 0.8 s per file marginal', measured: `${round(d.server.marginalWallMs / 1000, 2)} s wall, ${d.server.marginalCpuMs ?? '?'} ms CPU (one fresh LibreOffice: ${d.fresh ? round(d.fresh.wallMs / 1000, 2) + ' s' : 'not measured'})`, value: round(d.server.marginalWallMs / 1000, 2), met: d.server.marginalWallMs <= 800 }
      : unmeasured('doc-marginal', '.doc ≤ 0.8 s per file marginal'),
  );
  return checks;
}
