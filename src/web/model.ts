import type { PageInfo } from '../../schemas/document.js';
import type { Result } from '../../schemas/result.js';
import type { Finding } from '../../schemas/finding.js';
import type { AuditEntry } from '../store/audit.js';
import type { DecisionHistoryEntry } from '../store/decisions.js';
import type { DocumentIndex } from '../store/document-blocks.js';
import type { SourceIndex } from './anchors.js';
import type { ReviewStatus } from './labels.js';

/** A reviewer's decision on one finding, keyed by the finding's stable id (survives re-processing). */
export interface Review {
  findingId: string;
  status: ReviewStatus;
  note: string;
  reviewer: string;
  /** Formatted time of the last change (bureau time zone). */
  updatedAt: string;
}

/** Everything the report page shows about one stored report. */
export interface ReportView {
  sha256: string;
  file: string;
  /** Every name these bytes arrived under. */
  fileNames: string[];
  result: Result;
  /** The document's blocks this page shows (the cited ones), by table and paragraph ordinal. */
  source: SourceIndex;
  /** Per-page size and text source (PDF), for the page view. */
  pageInfo: PageInfo[] | null;
  /** Blocks in the whole document. */
  blockCount: number;
  /** How to read more of the document (null when none is stored). */
  documentIndex: DocumentIndex | null;
  /** The document is large and its index is still being built: the source is shown a little later. */
  sourcePending?: boolean;
  reviews: Map<string, Review>;
  /** Stable ids of findings that were not in the previous run; null when there was no previous run. */
  newFindingIds: Set<string> | null;
  /** Findings of earlier runs that the latest run no longer reports (已消失), with any decision on them. */
  goneFindings?: Array<{ finding: Finding; review: Review | null }>;
  /** Decision history per finding id, oldest first. */
  history: Map<string, DecisionHistoryEntry[]>;
  /** Other audit entries about this report (downloads, exports), oldest first. */
  audit: AuditEntry[];
}
