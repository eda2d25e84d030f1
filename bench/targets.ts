import type { InProcessRun, QueueRun } from './batch.js';
import type { PerFileRow } from './per-file.js';
import { round } from './stats.js';

/** The issue's targets (issue 9), checked against the measured figures. `met` is null when not measured. */
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

export function checkTargets(perFile: PerFileRow[], queue: QueueRun[], seed: SeedExtrapolation | null, _inProcess: InProcessRun | null): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const worst = (rows: PerFileRow[]) => rows.filter((r) => r.status === 'ok').sort((a, b) => b.ratio - a.ratio)[0];
  const docx = worst(perFile.filter((r) => r.format === 'docx'));
  checks.push(
    docx
      ? { id: 'docx-ratio', target: '.docx end to end ≤ 3× floor', measured: `worst ${docx.ratio}× (${docx.name})`, value: docx.ratio, met: docx.ratio <= 3 }
      : { id: 'docx-ratio', target: '.docx end to end ≤ 3× floor', measured: 'not measured', value: null, met: null },
  );
  const pdf = worst(perFile.filter((r) => r.format === 'pdf'));
  checks.push(
    pdf
      ? { id: 'pdf-ratio', target: '.pdf end to end ≤ 1.3× floor', measured: `worst ${pdf.ratio}× (${pdf.name})`, value: pdf.ratio, met: pdf.ratio <= 1.3 }
      : { id: 'pdf-ratio', target: '.pdf end to end ≤ 1.3× floor', measured: 'not measured', value: null, met: null },
  );
  const slowest = perFile.filter((r) => r.pagesPerSecond !== null && r.status === 'ok').sort((a, b) => a.pagesPerSecond! - b.pagesPerSecond!)[0];
  checks.push(
    slowest
      ? { id: 'pdf-pages-per-s', target: 'PDF ≥ 45 pages/s per process', measured: `slowest ${slowest.pagesPerSecond} pages/s (${slowest.name})`, value: slowest.pagesPerSecond, met: slowest.pagesPerSecond! >= 45 }
      : { id: 'pdf-pages-per-s', target: 'PDF ≥ 45 pages/s per process', measured: 'not measured', value: null, met: null },
  );
  checks.push(
    seed
      ? { id: 'seed-docx-10k', target: '10,000 seed-sized .docx through the queue < 10 min', measured: `${seed.minutesFor10k} min (extrapolated, ${seed.workers} workers)${seed.minutesFor10kCpuBound !== null ? `; ${seed.minutesFor10kCpuBound} min from CPU time` : ''}`, value: seed.minutesFor10k, met: seed.minutesFor10k < 10 }
      : { id: 'seed-docx-10k', target: '10,000 seed-sized .docx through the queue < 10 min', measured: 'not measured', value: null, met: null },
  );
  const rss = [...queue.flatMap((q) => q.peakRss), ...(seed?.peakRss ?? [])].filter((r) => r !== null).map((r) => r!.treeMb);
  checks.push(
    rss.length
      ? { id: 'worker-rss', target: 'worker RSS < 300 MB', measured: `peak ${Math.max(...rss)} MB (worker + its processor)`, value: Math.max(...rss), met: Math.max(...rss) < 300 }
      : { id: 'worker-rss', target: 'worker RSS < 300 MB', measured: 'not measured', value: null, met: null },
  );
  const one = queue.find((q) => q.workers === 1);
  const two = queue.find((q) => q.workers === 2);
  if (one && two) {
    const scaling = round(two.steadyReportsPerS / one.steadyReportsPerS, 2);
    const wallScaling = round(two.reportsPerS / one.reportsPerS, 2);
    checks.push({ id: 'scaling', target: '2 worker processes ≥ 1.8× one', measured: `${scaling}× steady (${wallScaling}× wall incl. start-up)`, value: scaling, met: scaling >= 1.8 });
  } else {
    checks.push({ id: 'scaling', target: '2 worker processes ≥ 1.8× one', measured: 'not measured', value: null, met: null });
  }
  return checks;
}
