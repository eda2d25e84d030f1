import type { ErrorCode, Result } from '../../schemas/result.js';
import type { Limits } from '../limits.js';
import type { ReportScores } from '../bureau/scores.js';
import type { ResultHead } from '../store/types.js';

/**
 * What a queue worker's main thread needs of a Result, made on the pipeline thread so the Result's
 * JSON text (≈ 0.4 MB on the seed report) is stored without being parsed: the store's head, the
 * department name the cross-report checks match on, and the report's scores.
 */
export interface ResultSummary {
  head: ResultHead;
  /** reportDepartment(report) (src/bureau/ledger-check.ts), null without a report. */
  department: string | null;
  /** reportScores(report) (src/bureau/scores.ts). */
  scores: ReportScores;
}

/** Messages between the isolated runner (main thread) and its pipeline worker thread. */
export interface WorkerData {
  /** Module URL of the worker entry, for the source-mode bootstrap (tsx). */
  entry: string;
  limits: Limits;
}

export interface JobMessage {
  type: 'job';
  id: number;
  file: string;
  bytes: Uint8Array;
  lang: 'zh' | 'en';
  /** Send the DocumentModel back too (the store keeps it). */
  withDocument: boolean;
  /** Send a ResultSummary too (a queue worker stores the text without parsing it). */
  withSummary: boolean;
  /** Throw transient faults back (queue workers retry them) instead of making them error results. */
  transient: boolean;
  /** Send the Result's (and DocumentModel's) JSON as UTF-8 bytes, moved (resultUtf8, documentUtf8), instead of as text. */
  utf8: boolean;
}

export type WorkerMessage =
  /** The thread has loaded the pipeline; it names the rule set it runs (the main thread does not load the rules). */
  | { type: 'ready'; rulesVersion: string }
  /**
   * The Result and DocumentModel as JSON text: one copy across the boundary, no structured clone of
   * the object graph. When the job asked for `utf8`, the Result comes as UTF-8 bytes instead
   * (resultUtf8, its buffer moved, resultJson null): no copy at all, and `extract --json` writes them;
   * the DocumentModel likewise (documentUtf8), which a queue worker stores as it is.
   */
  | { type: 'result'; id: number; status: Result['status']; resultJson: string | null; resultUtf8: Uint8Array | null; documentJson: string | null; documentUtf8: Uint8Array | null; summary: ResultSummary | null; peakHeapBytes: number }
  | { type: 'transient'; id: number; code: ErrorCode; message: string }
  /** While a job runs: the memory this thread holds (V8 heap + external memory, ArrayBuffers included), in bytes. */
  | { type: 'memory'; id: number; bytes: number }
  /** A page with an unusable text layer is being read by OCR: the file's deadline moves by `ms`. */
  | { type: 'extend'; id: number; ms: number }
  /** A .doc (or RTF, ODT: `filter` names LibreOffice's import filter) to convert by the process's LibreOffice pool (which lives on the runner's thread). */
  | { type: 'convert'; id: number; bytes: Uint8Array; timeoutMs: number; filter?: string };

/**
 * A Result's UTF-8 bytes the main thread has written, moved back to a pipeline thread to be dropped
 * there: moving them frees them on the main thread at once. Left to the main thread, whose heap
 * barely grows, they waited for V8's external-memory trigger (≈ 64 MB of dead results) to be collected.
 */
export interface ReleaseMessage {
  type: 'release';
  bytes: Uint8Array;
}

/** The runner's answer to a `convert` request. */
export type ConvertReply =
  | { type: 'converted'; id: number; bytes: Uint8Array }
  | { type: 'convertFailed'; id: number; kind: 'input' | 'transient' | 'other'; code: ErrorCode | null; message: string };
