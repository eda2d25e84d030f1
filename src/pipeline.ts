import { createHash } from 'node:crypto';
import type { DocumentModel } from '../schemas/document.js';
import type { Finding } from '../schemas/finding.js';
import type { Report } from '../schemas/report.js';
import type { Result } from '../schemas/result.js';
import { contractFormat, parseDocument, sniffFormat, type ParseOptions } from '../parsers/index.js';
import { InputError, TransientError } from './errors.js';
import { recognizeReport } from './recognize/index.js';
import { analyzeNarrative, withNarrativeOutput } from './narrative/index.js';
import { runRules, RULES_VERSION } from './rules/index.js';

export interface PipelineOptions {
  /** Language of finding messages: Chinese by default. */
  lang?: 'zh' | 'en';
  parse?: ParseOptions;
  /** Throw TransientError (converter timeout…) instead of storing it as an error result: queue workers retry it. */
  throwTransient?: boolean;
  /** Clock of `timings` in ms (default wall time, performance.now); the benchmark passes a CPU-time clock. */
  clock?: () => number;
}

export interface PipelineInput {
  bytes: Uint8Array;
  /** File name as given by the user (kept verbatim in the result). */
  file: string;
  options?: PipelineOptions;
}

/** Everything the pipeline computed, for callers that want more than the contract's Result. */
export interface PipelineOutput {
  result: Result;
  document: DocumentModel | null;
}

/**
 * The one pure pipeline: bytes → DocumentModel → Report → findings → Result.
 * The CLI calls it in-process; the queue worker's processor calls the same function.
 * Bad input never throws: it becomes `status: "error"` with a code and a message naming the file.
 */
export async function runPipeline(input: PipelineInput): Promise<PipelineOutput> {
  const timings: Record<string, number> = {};
  const now = input.options?.clock ?? (() => performance.now());
  const started = now();
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const sniffed = sniffFormat(input.bytes);
  const format = contractFormat(sniffed);
  const lang = input.options?.lang ?? 'zh';
  let document: DocumentModel | null = null;
  try {
    let t = now();
    document = await parseDocument(input.bytes, input.options?.parse);
    timings.parse = now() - t;

    t = now();
    const recognized = recognizeReport(document);
    timings.recognize = now() - t;

    t = now();
    const narrative = analyzeNarrative(document, recognized);
    const report: Report = withNarrativeOutput(recognized, narrative);
    timings.narrative = now() - t;

    t = now();
    const discrepancies: Finding[] = runRules(report, { document, lang });
    timings.rules = now() - t;
    timings.total = now() - started;
    return {
      document,
      result: {
        file: input.file,
        sha256,
        format: document.format,
        status: 'ok',
        error: null,
        report,
        discrepancies,
        rulesVersion: RULES_VERSION,
        timings,
      },
    };
  } catch (e) {
    if (e instanceof TransientError && input.options?.throwTransient) throw e;
    timings.total = now() - started;
    const code = e instanceof InputError || e instanceof TransientError ? e.code : 'INTERNAL_ERROR';
    const reason = e instanceof Error ? e.message : String(e);
    return {
      document,
      result: {
        file: input.file,
        sha256,
        format,
        status: 'error',
        error: { code, message: `${input.file}：${reason}` },
        report: null,
        discrepancies: [],
        rulesVersion: RULES_VERSION,
        timings,
      },
    };
  }
}
