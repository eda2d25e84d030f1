import type { Block, ParagraphBlock, TableBlock } from '../../schemas/document.js';
import type { Finding } from '../../schemas/finding.js';
import type { Result } from '../../schemas/result.js';
import { auditForReports, type AuditEntry } from '../store/audit.js';
import { decisionHistory } from '../store/decisions.js';
import { blockIndexOf as indexOfBlock, blockRange, blocksByOrdinal, documentIndex } from '../store/document-blocks.js';
import type { Store } from '../store/index.js';
import type { SourceIndex } from './anchors.js';
import type { ReportView, Review } from './model.js';
import { formatTime } from './time.js';

/**
 * The report page's data, read so that its cost does not grow with the document: the result and
 * findings whole, but of the document (which can hold a million paragraphs) only the blocks a page
 * shows — the cited tables and paragraphs, or one page of the full source — through the document
 * index (src/store/document-blocks.ts).
 */

export interface ReportRow {
  sha256: string;
  fileName: string;
  fileNames: string[];
  format: string | null;
  status: 'ok' | 'error';
  errorCode: string | null;
  errorMessage: string | null;
  result: Result;
}

async function loadReportRow(store: Store, sha256: string): Promise<ReportRow | null> {
  const rows = await store.db.query(
    'SELECT sha256, file_name, file_names, format, status, error_code, error_message, result FROM reports WHERE sha256 = $1',
    [sha256],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    sha256,
    fileName: r.file_name as string,
    fileNames: (r.file_names as string[]) ?? [],
    format: (r.format as string) ?? null,
    status: r.status as 'ok' | 'error',
    errorCode: (r.error_code as string) ?? null,
    errorMessage: (r.error_message as string) ?? null,
    result: r.result as Result,
  };
}

function indexBlocks(blocks: Block[]): SourceIndex {
  const tables = new Map<number, TableBlock>();
  const paragraphs = new Map<number, ParagraphBlock>();
  for (const b of blocks) {
    if (b.kind === 'table') tables.set(b.table, b);
    else paragraphs.set(b.paragraph, b);
  }
  return { tables, paragraphs };
}

/** The tables and paragraphs (by ordinal) the findings' evidence points at. */
export function citedOrdinals(findings: Finding[]): { tables: number[]; paragraphs: number[] } {
  const tables = new Set<number>();
  const paragraphs = new Set<number>();
  for (const f of findings) {
    for (const ev of f.evidence) {
      if (ev.location.table !== null && ev.location.table !== undefined) tables.add(ev.location.table);
      else if (ev.location.paragraph !== null && ev.location.paragraph !== undefined) paragraphs.add(ev.location.paragraph);
    }
  }
  return { tables: [...tables], paragraphs: [...paragraphs] };
}

/** Blocks [from, from + count) of a report's document in reading order. */
export async function loadBlockRange(store: Store, view: ReportView, from: number, count: number): Promise<Block[]> {
  return view.documentIndex ? blockRange(store.db, view.documentIndex, from, count) : [];
}

/** Reading-order index of a table or paragraph, to open the source page that holds it. */
export async function blockIndexOf(store: Store, view: ReportView, kind: 'table' | 'paragraph', ordinal: number): Promise<number | null> {
  return view.documentIndex ? indexOfBlock(store.db, view.documentIndex, kind, ordinal) : null;
}

export interface LoadOptions {
  /** Which blocks of the document to load: the cited ones (report page), or none. */
  blocks: 'cited' | 'none';
  /** Wait for a large document's index to be built (exports), or show the page without the source meanwhile. */
  wait?: boolean;
}

/** Everything the report page needs, or null when the store has no such report. */
export async function loadReportView(store: Store, sha256: string, options: LoadOptions = { blocks: 'cited' }): Promise<ReportView | null> {
  const report = await loadReportRow(store, sha256);
  if (!report) return null;
  const findings = await store.getFindings(sha256, { includeGone: true });
  const audit = await auditForReports(store.db, [sha256]);
  const reviews = new Map<string, Review>();
  const newIds = new Set<string>();
  const gone: NonNullable<ReportView['goneFindings']> = [];
  for (const f of findings) {
    const review: Review | null = f.review
      ? { findingId: f.id, status: f.review.status, note: f.review.note, reviewer: f.review.reviewer, updatedAt: formatTime(f.review.updatedAt) }
      : null;
    if (f.state === 'gone') {
      gone.push({ finding: f.finding, review });
      continue;
    }
    if (f.state === 'new') newIds.add(f.id);
    if (review) reviews.set(f.id, review);
  }
  const found = await documentIndex(store.db, sha256, { wait: options.wait ?? false });
  const index = found === 'building' ? null : found;
  const blocks = options.blocks === 'cited' && index ? await blocksByOrdinal(store.db, index, citedOrdinals(report.result.discrepancies)) : [];
  return {
    sha256,
    file: report.fileName,
    fileNames: report.fileNames,
    result: report.result,
    source: indexBlocks(blocks),
    pageInfo: index?.pageInfo ?? null,
    blockCount: index?.blockCount ?? 0,
    documentIndex: index,
    sourcePending: found === 'building',
    reviews,
    newFindingIds: newIds,
    goneFindings: gone,
    history: decisionHistory(audit),
    audit: audit.filter((e) => e.action !== 'decision'),
  };
}

export { indexBlocks };
export type { AuditEntry };
