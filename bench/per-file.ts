import { runPipeline } from '../src/pipeline.js';
import type { BenchInput, Format } from './corpus.js';
import { docxFloor, mammothHtml, pdfFloor, pdfPageCount, pdfTextOnly, pdftotextLayout } from './floors.js';
import { median, round, timeInterleaved, type Repeat } from './stats.js';

/** Stages of selfeval end to end, as the pipeline reports them (result.timings) plus serialization. */
export const STAGES = ['parse', 'recognize', 'narrative', 'rules', 'serialize'] as const;
export type Stage = (typeof STAGES)[number];

export interface PerFileRow {
  name: string;
  format: Format;
  bytes: number;
  /** PDF pages (null for .docx). */
  pages: number | null;
  projects: number | null;
  /** Outcome of selfeval on the file ("ok", or the error code). */
  status: string;
  findings: number;
  /** The floor: .docx unzip + saxes of word/document.xml; .pdf pdf.js text + operator lists of every page. */
  floorMs: number;
  /** selfeval end to end: runPipeline + JSON.stringify(result). */
  selfevalMs: number;
  /** selfevalMs ÷ floorMs (wall clock): the headline figure. */
  ratio: number;
  /** The same on main-thread CPU time: steadier than wall time on a loaded machine. */
  cpu: { floorMs: number; selfevalMs: number; ratio: number };
  /** Median per stage, wall ms (medians need not add up to the total exactly). */
  stages: Record<Stage, number>;
  /** References (wall ms), null when not applicable or the tool is missing. */
  reference: { mammothMs: number | null; pdftotextMs: number | null; pdfjsTextOnlyMs: number | null };
  /** PDF pages per second through selfeval in one process (null for .docx). */
  pagesPerSecond: number | null;
  runs: number;
}

export async function measureFile(input: BenchInput, repeat: Repeat, tools: { pdftotext: boolean }): Promise<PerFileRow> {
  const { bytes, format } = input;
  const stageRuns: Array<Record<string, number>> = [];
  let status = 'ok';
  let findings = 0;
  const selfeval = async () => {
    const { result } = await runPipeline({ bytes, file: input.name });
    const t = performance.now();
    JSON.stringify(result);
    stageRuns.push({ ...result.timings, serialize: performance.now() - t });
    status = result.status === 'ok' ? 'ok' : (result.error?.code ?? 'error');
    findings = result.discrepancies.length;
  };
  const methods: Record<string, () => Promise<unknown>> =
    format === 'docx'
      ? { floor: () => docxFloor(bytes), selfeval, mammoth: () => mammothHtml(bytes) }
      : { floor: () => pdfFloor(bytes), selfeval, pdfjsText: () => pdfTextOnly(bytes), ...(tools.pdftotext ? { pdftotext: () => pdftotextLayout(input.path) } : {}) };
  const samples = await timeInterleaved(methods, repeat);

  const timed = stageRuns.slice(-repeat.runs);
  const stages = Object.fromEntries(STAGES.map((s) => [s, round(median(timed.map((r) => r[s] ?? 0)), 2)])) as Record<Stage, number>;
  const wall = (k: string) => (samples[k] ? round(median(samples[k].wall)) : null);
  const pages = format === 'pdf' ? await pdfPageCount(bytes) : null;
  const floorMs = median(samples.floor.wall);
  const selfevalMs = median(samples.selfeval.wall);
  const cpuFloor = median(samples.floor.cpu);
  const cpuSelfeval = median(samples.selfeval.cpu);
  return {
    name: input.name,
    format,
    bytes: bytes.length,
    pages,
    projects: input.projects,
    status,
    findings,
    floorMs: round(floorMs),
    selfevalMs: round(selfevalMs),
    ratio: round(selfevalMs / floorMs, 2),
    cpu: { floorMs: round(cpuFloor), selfevalMs: round(cpuSelfeval), ratio: round(cpuSelfeval / cpuFloor, 2) },
    stages,
    reference: { mammothMs: wall('mammoth'), pdftotextMs: wall('pdftotext'), pdfjsTextOnlyMs: wall('pdfjsText') },
    pagesPerSecond: pages !== null ? round(pages / (selfevalMs / 1000)) : null,
    runs: repeat.runs,
  };
}
