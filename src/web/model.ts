import type { DocumentModel } from '../../schemas/document.js';
import type { Result } from '../../schemas/result.js';
import type { Finding } from '../../schemas/finding.js';
import type { ReviewStatus } from './labels.js';

/** A reviewer's decision on one finding, keyed by the finding's stable id (survives re-processing). */
export interface Review {
  findingId: string;
  status: ReviewStatus;
  note: string;
  reviewer: string;
  /** ISO timestamp of the last change. */
  updatedAt: string;
}

/** Everything the report page shows about one stored report. */
export interface ReportView {
  sha256: string;
  file: string;
  result: Result;
  document: DocumentModel | null;
  reviews: Map<string, Review>;
  /** Stable ids of findings that were not in the previous run; null when there was no previous run. */
  newFindingIds: Set<string> | null;
  /** Findings of earlier runs that the latest run no longer reports (已消失), with any decision on them. */
  goneFindings?: Array<{ finding: Finding; review: Review | null }>;
}
