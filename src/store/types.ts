import type { DocumentModel } from '../../schemas/document.js';
import type { Finding, Severity } from '../../schemas/finding.js';
import type { Result } from '../../schemas/result.js';

export type BatchKind = 'enqueue' | 'nightly' | 'reprocess' | 'extract';
export type ItemStatus = 'queued' | 'ok' | 'error';
export type ReviewStatus = 'confirmed' | 'dismissed' | 'fixed';
/** A finding relative to its report's latest run: first seen in it, seen before too, or no longer seen. */
export type FindingState = 'new' | 'unchanged' | 'gone';

export interface StoredFile {
  sha256: string;
  /** True when these bytes were not in the store before. */
  isNew: boolean;
}

/** One row of the report list (without the big JSON columns). */
export interface ReportSummary {
  sha256: string;
  fileName: string;
  fileNames: string[];
  department: string | null;
  year: number | null;
  family: string | null;
  format: string | null;
  status: 'ok' | 'error';
  errorCode: string | null;
  errorMessage: string | null;
  rulesVersion: string;
  run: number;
  timings: Record<string, number>;
  findings: Record<Severity, number>;
  firstProcessedAt: Date;
  processedAt: Date;
}

export interface StoredReport extends ReportSummary {
  result: Result;
  document: DocumentModel | null;
}

export interface StoredFinding {
  reportSha256: string;
  id: string;
  rule: string;
  severity: Severity;
  message: string;
  messageEn: string | null;
  part: string | null;
  finding: Finding;
  firstSeenRun: number;
  lastSeenRun: number;
  goneRun: number | null;
  state: FindingState;
  review: Review | null;
}

export interface Review {
  reportSha256: string;
  findingId: string;
  status: ReviewStatus;
  note: string;
  reviewer: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * What storing a report reads of its Result besides the JSON text: a Result is one. A queue worker
 * gets this head from its pipeline thread with the Result's JSON text and never parses the text.
 */
export type ResultHead = Pick<Result, 'file' | 'sha256' | 'format' | 'status' | 'error' | 'rulesVersion' | 'timings' | 'discrepancies'> & {
  report: { year: number | null; family: string | null; department: { text: string } | null } | null;
};

export interface SaveOptions {
  /**
   * Idempotency key of this processing (the queue job id). Saving twice with the same key stores
   * once: the second call changes nothing and reports `stored: false`. Default: a fresh key.
   */
  runKey?: string;
  batchId?: string | null;
  /**
   * The Result and DocumentModel as JSON text when the caller already has it (a pipeline thread
   * sends them as text or UTF-8 bytes): stored as it is instead of serialising the objects again.
   */
  json?: { result: JsonText; document: JsonText | null };
}

/** JSON text, or the same as UTF-8 bytes (sent to PostgreSQL as they are, never decoded). */
export type JsonText = string | Uint8Array;

export interface SaveOutcome {
  /** False when this runKey had already been stored (a job picked up again). */
  stored: boolean;
  run: number;
  findingsNew: number;
  findingsUnchanged: number;
  findingsGone: number;
}

export interface BatchItemInput {
  fileName: string;
  /** Null when the file could not be read (the item is then an error with `errorCode`). */
  sha256: string | null;
  errorCode?: string | null;
}

export interface BatchCounts {
  id: string;
  kind: BatchKind;
  source: string | null;
  rulesVersion: string;
  createdAt: Date;
  finishedAt: Date | null;
  /** True when no item is still queued. */
  complete: boolean;
  /** Files received (a duplicate file counts here). */
  received: number;
  /** Distinct contents (by sha256) among the readable files. */
  unique: number;
  /** Files whose bytes already appeared earlier in the same batch. */
  duplicates: number;
  /** Distinct reports still waiting / processed ok / failed. */
  queued: number;
  ok: number;
  failed: number;
  failedByCode: Record<string, number>;
  /** Current findings of the batch's reports, by severity. */
  findings: Record<Severity, number>;
  /** Findings first seen in this batch's processing runs (new since the previous run, e.g. last night). */
  newFindings: number;
}

export interface ListReportsOptions {
  status?: 'ok' | 'error';
  batchId?: string;
  department?: string;
  limit?: number;
  /** Keyset paging: the last sha256 of the previous page (ordered by sha256). */
  after?: string;
}
