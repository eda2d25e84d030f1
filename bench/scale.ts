/**
 * Time and memory against report size: the real seed grown ×1, ×4, ×16, ×64 (test/fixtures/scale-report.ts:
 * repeated 项目支出绩效自评表 and 项目支出绩效评价报告 with varied amounts, a beneficiaries annex, a long cell),
 * as .docx and as the PDF LibreOffice makes of it. Each file runs in a fresh child process after one
 * warm-up run of the ×1 file of its format; per stage the process CPU ms (process.cpuUsage) and the V8
 * heap in use at the stage's end, and the process's peak RSS. A stage whose CPU grows much faster than
 * the size (×16 size → far more than ×16 CPU) is a defect.
 *
 *   node --import tsx bench/scale.ts [--sizes 1,4,16,64] [--pdf-sizes 1,2,4,8] [--formats docx,pdf] [--root CHECKOUT] [--out bench/results/scale-DATE.json]
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import { docxToPdf } from '../test/fixtures/generator/index.js';
import { scaledSeedDocx } from '../test/fixtures/scale-report.js';
import { processCpuMs, round } from './stats.js';

const STAGES = ['parse', 'recognize', 'narrative', 'rules', 'total'] as const;
type Stage = (typeof STAGES)[number];

/** What one child process measured for one file. */
interface ChildMeasure {
  status: string;
  error: string | null;
  cpuMs: Record<Stage, number>;
  /** V8 heap in use (MB) at each stage's end; the largest is the peak the stages reached. */
  heapMb: Record<Exclude<Stage, 'total'>, number>;
  peakHeapMb: number;
  /** Peak resident set of the whole child (MB): tsx, pdf.js and the warm-up included. */
  peakRssMb: number;
  pages: number | null;
  forms: number;
  indicators: number;
  paragraphs: number;
  statistics: number;
  links: number;
  findings: number;
}

const heapMb = () => getHeapStatistics().used_heap_size / 2 ** 20;

/** Child: warm up on `warm`, then measure `file` once. */
async function measure(warm: string, file: string, root: string | undefined): Promise<ChildMeasure> {
  const { runPipeline } = (await import(root ? pathToFileURL(join(resolve(root), 'src', 'pipeline.ts')).href : '../src/pipeline.js')) as typeof import('../src/pipeline.js');
  await runPipeline({ bytes: new Uint8Array(readFileSync(warm)), file: 'warm-up' });
  // the pipeline reads its clock at every stage boundary: the heap is sampled there too
  const samples: number[] = [];
  const clock = () => {
    samples.push(heapMb());
    return processCpuMs();
  };
  const { result, document } = await runPipeline({ bytes: new Uint8Array(readFileSync(file)), file, options: { clock } });
  const report = result.report;
  // clock calls: started, parse ×2, recognize ×2, narrative ×2, rules ×2, total
  const at = (i: number) => round(samples[i] ?? Number.NaN, 1);
  const pages = document?.blocks.reduce((max, b) => Math.max(max, (b.kind === 'table' ? b.pageEnd : b.page) ?? 0), 0) || null;
  const forms = report ? report.projects.length + (report.deptSelfEval ? 1 : 0) + (report.basicData ? 1 : 0) : 0;
  return {
    status: result.status,
    error: result.error?.message ?? null,
    cpuMs: Object.fromEntries(STAGES.map((s) => [s, round(result.timings[s] ?? Number.NaN, 1)])) as Record<Stage, number>,
    heapMb: { parse: at(2), recognize: at(4), narrative: at(6), rules: at(8) },
    peakHeapMb: round(Math.max(...samples), 1),
    peakRssMb: round(process.resourceUsage().maxRSS / 1024, 1),
    pages,
    forms,
    indicators: report ? [report.deptSelfEval, ...report.projects].reduce((n, f) => n + (f?.indicators.length ?? 0), 0) : 0,
    paragraphs: document?.blocks.filter((b) => b.kind === 'paragraph').length ?? 0,
    statistics: report?.statistics.length ?? 0,
    links: report?.links.length ?? 0,
    findings: result.discrepancies.length,
  };
}

const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1,4,16,64' },
    /** PDF sizes: ×8 is already ~260 pages (a county's 200-page report); ×16 passes maxPdfPages (500). */
    'pdf-sizes': { type: 'string', default: '1,2,4,8' },
    formats: { type: 'string', default: 'docx,pdf' },
    out: { type: 'string' },
    child: { type: 'string', multiple: true },
    /** Another checkout to measure (its src/pipeline.ts), e.g. /work/main for the figures before a change. */
    root: { type: 'string' },
  },
});

if (opts.child) {
  const [warm, file] = opts.child;
  process.stdout.write(JSON.stringify(await measure(warm, file, opts.root)));
  process.exit(0);
}

const sizesOf = (format: 'docx' | 'pdf') => (format === 'pdf' ? opts['pdf-sizes'] : opts.sizes).split(',').map(Number);
const formats = opts.formats.split(',') as Array<'docx' | 'pdf'>;
const dir = join(tmpdir(), 'selfeval-scale');
mkdirSync(dir, { recursive: true });

/** The file of size k in this format, made once (PDFs by LibreOffice, cached by the docx's sha256). */
async function fileFor(k: number, format: 'docx' | 'pdf'): Promise<string> {
  const path = join(dir, `seed-x${k}.${format}`);
  if (existsSync(path)) return path;
  const docx = scaledSeedDocx(k);
  writeFileSync(path, format === 'docx' ? docx : await docxToPdf(docx, { timeoutMs: 1_800_000 }));
  return path;
}

const run = promisify(execFile);
const rows: Array<{ format: string; size: number; bytes: number } & ChildMeasure> = [];
for (const format of formats) {
  const warm = await fileFor(1, format);
  for (const k of sizesOf(format)) {
    const file = await fileFor(k, format);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--child', warm, '--child', file, ...(opts.root ? ['--root', opts.root] : [])], { maxBuffer: 1 << 24 });
    const m = JSON.parse(stdout) as ChildMeasure;
    m.cpuMs = Object.fromEntries(STAGES.map((s) => [s, m.cpuMs[s] ?? Number.NaN])) as Record<Stage, number>; // a crashed stage has no time
    rows.push({ format, size: k, bytes: readFileSync(file).length, ...m });
    const perForm = m.forms ? round(m.cpuMs.total / m.forms, 1) : null;
    const perPage = m.pages ? round(m.cpuMs.total / m.pages, 1) : null;
    process.stdout.write(
      `${format.padEnd(5)} ×${String(k).padEnd(3)} ${(rows.at(-1)!.bytes / 1024).toFixed(0).padStart(6)} KiB  pages ${String(m.pages ?? '—').padStart(4)}  forms ${String(m.forms).padStart(4)}  ` +
        STAGES.map((s) => `${s} ${m.cpuMs[s].toFixed(0).padStart(6)}`).join('  ') +
        `  ms/form ${String(perForm ?? '—').padStart(6)}  ms/page ${String(perPage ?? '—').padStart(5)}  peak heap ${m.peakHeapMb.toFixed(0).padStart(4)} MB  peak RSS ${m.peakRssMb.toFixed(0).padStart(5)} MB  findings ${m.findings} ${m.status}${m.error ? ` ${m.error}` : ''}\n`,
    );
  }
}

// growth: CPU and heap of each size over ×1's, against the size ratio
const growth = rows.map((r) => {
  const base = rows.find((b) => b.format === r.format && b.size === sizesOf(r.format as 'docx' | 'pdf')[0])!;
  return { format: r.format, size: r.size, sizeRatio: r.size / base.size, cpuRatio: round(r.cpuMs.total / base.cpuMs.total, 2), stageRatio: Object.fromEntries(STAGES.map((s) => [s, round(r.cpuMs[s] / base.cpuMs[s], 2)])) };
});
if (opts.out) {
  writeFileSync(
    opts.out,
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus()[0]?.model, clock: 'process CPU ms (user+system), one measured run per fresh child after one ×1 warm-up', rows, growth }, null, 1)}\n`,
  );
}
