import { runPipeline } from '../src/pipeline.js';
import type { BenchInput, Format } from './corpus.js';
import { DOCX_TOKENIZERS, docxFloor, mammothHtml, pdfFloor, pdfPageCount, pdfTextOnly, pdftotextLayout, pdfiumText, preparePdfium, prepareSaxWasm, type DocxTokenizer } from './floors.js';
import { median, round, processCpuMs, timeInterleaved, type Repeat } from './stats.js';

/** Stages of selfeval end to end, as the pipeline reports them (result.timings, here on a CPU clock) plus serialization. */
export const STAGES = ['parse', 'recognize', 'narrative', 'rules', 'serialize'] as const;
export type Stage = (typeof STAGES)[number];

/** CPU time (this thread) and wall time of one method, medians in ms. */
export interface Timing {
  cpuMs: number;
  wallMs: number;
}

export interface PerFileRow {
  name: string;
  format: Format | 'doc';
  bytes: number;
  /** PDF pages (null for .docx). */
  pages: number | null;
  projects: number | null;
  /** Outcome of selfeval on the file ("ok", or the error code). */
  status: string;
  findings: number;
  /** The floor: the fastest way to do the unavoidable part (floors.ts); `how` names it. */
  floor: Timing & { how: string };
  /** .docx: every tokenizer measured for the floor (inflate + tokenize), the fastest is the floor. */
  tokenizers: Record<string, Timing> | null;
  /** selfeval end to end: runPipeline + JSON.stringify(result). */
  selfeval: Timing;
  /** selfeval ÷ floor: by CPU time (the headline: steady on a loaded machine) and by wall time. */
  ratio: { cpu: number; wall: number };
  /** Median CPU ms per stage (medians need not add up to the total exactly). */
  stagesCpuMs: Record<Stage, number>;
  /** References, null when not applicable or the tool is missing. */
  reference: {
    mammoth: Timing | null;
    /** pdf.js text layer only (no operator lists). */
    pdfjsTextOnly: Timing | null;
    /** PDFium (WebAssembly build) text of every page. */
    pdfium: Timing | null;
    /** poppler pdftotext -layout: a process per file, wall time only (its CPU is another process's). */
    pdftotextWallMs: number | null;
  };
  /** PDF pages per CPU second through selfeval in one thread (null for .docx). */
  pagesPerCpuSecond: number | null;
  runs: number;
}

export async function measureFile(input: BenchInput, repeat: Repeat, tools: { pdftotext: boolean }): Promise<PerFileRow> {
  const { bytes, format } = input;
  const stageRuns: Array<Record<string, number>> = [];
  let status = 'ok';
  let findings = 0;
  const selfeval = async () => {
    const { result } = await runPipeline({ bytes, file: input.name, options: { clock: processCpuMs } });
    const t = processCpuMs();
    JSON.stringify(result);
    stageRuns.push({ ...result.timings, serialize: processCpuMs() - t });
    status = result.status === 'ok' ? 'ok' : (result.error?.code ?? 'error');
    findings = result.discrepancies.length;
  };
  const methods: Record<string, () => Promise<unknown>> = { selfeval };
  if (format === 'docx') {
    await prepareSaxWasm();
    for (const name of Object.keys(DOCX_TOKENIZERS) as DocxTokenizer[]) methods[`tok:${name}`] = async () => docxFloor(bytes, name);
    methods.mammoth = () => mammothHtml(bytes);
  } else {
    methods.floor = () => pdfFloor(bytes);
    methods.pdfjsText = () => pdfTextOnly(bytes);
    if (await preparePdfium()) methods.pdfium = async () => pdfiumText(bytes);
    if (tools.pdftotext) methods.pdftotext = () => pdftotextLayout(input.path);
  }
  const samples = await timeInterleaved(methods, repeat);
  const timing = (k: string): Timing | null => (samples[k] ? { cpuMs: round(median(samples[k].cpu), 2), wallMs: round(median(samples[k].wall), 2) } : null);

  let floor: Timing & { how: string };
  let tokenizers: Record<string, Timing> | null = null;
  if (format === 'docx') {
    tokenizers = Object.fromEntries(Object.keys(DOCX_TOKENIZERS).map((n) => [n, timing(`tok:${n}`)!]));
    const [fastest, t] = Object.entries(tokenizers).sort((a, b) => a[1].cpuMs - b[1].cpuMs)[0];
    floor = { ...t, how: `node:zlib inflate of word/document.xml + ${fastest}` };
  } else {
    floor = { ...timing('floor')!, how: 'pdf.js getTextContent + getOperatorList of every page' };
  }
  const timed = stageRuns.slice(-repeat.runs);
  const stagesCpuMs = Object.fromEntries(STAGES.map((s) => [s, round(median(timed.map((r) => r[s] ?? 0)), 2)])) as Record<Stage, number>;
  const self = timing('selfeval')!;
  const pages = format === 'pdf' ? await pdfPageCount(bytes) : null;
  return {
    name: input.name,
    format,
    bytes: bytes.length,
    pages,
    projects: input.projects,
    status,
    findings,
    floor,
    tokenizers,
    selfeval: self,
    ratio: { cpu: round(self.cpuMs / floor.cpuMs, 2), wall: round(self.wallMs / floor.wallMs, 2) },
    stagesCpuMs,
    reference: {
      mammoth: timing('mammoth'),
      pdfjsTextOnly: timing('pdfjsText'),
      pdfium: timing('pdfium'),
      pdftotextWallMs: samples.pdftotext ? round(median(samples.pdftotext.wall)) : null,
    },
    pagesPerCpuSecond: pages !== null ? round(pages / (self.cpuMs / 1000)) : null,
    runs: repeat.runs,
  };
}
