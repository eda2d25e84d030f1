import type { Block, PageInfo, ParagraphBlock, TableBlock } from '../../schemas/document.js';
import type { Finding } from '../../schemas/finding.js';
import type { Result } from '../../schemas/result.js';
import { auditForReports, type AuditEntry } from '../store/audit.js';
import { decisionHistory } from '../store/decisions.js';
import type { Store } from '../store/index.js';
import type { SourceIndex } from './anchors.js';
import type { ReportView, Review } from './model.js';
import { formatTime } from './time.js';

/**
 * The report page's data, read so that its cost does not grow with the document: the result and
 * findings whole, but of the document (which can hold a million paragraphs) only the blocks a page
 * shows — the cited tables and paragraphs, or one page of the full source — picked out by the
 * database.
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
  pageInfo: PageInfo[] | null;
  blockCount: number;
}

async function loadReportRow(store: Store, sha256: string): Promise<ReportRow | null> {
  const rows = await store.db.query(
    `SELECT sha256, file_name, file_names, format, status, error_code, error_message, result,
            document->'pageInfo' AS page_info, coalesce(json_array_length(document->'blocks'), 0)::int AS block_count
     FROM reports WHERE sha256 = $1`,
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
    pageInfo: (r.page_info as PageInfo[] | null) ?? null,
    blockCount: r.block_count as number,
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

/** Blocks by table / paragraph ordinal, straight from the stored document. */
export async function loadBlocks(store: Store, sha256: string, want: { tables: number[]; paragraphs: number[] }): Promise<Block[]> {
  if (want.tables.length === 0 && want.paragraphs.length === 0) return [];
  const rows = await store.db.query<{ elem: Block }>(
    `SELECT b.elem FROM reports r, json_array_elements(r.document->'blocks') AS b(elem)
     WHERE r.sha256 = $1 AND (
       (b.elem->>'kind' = 'table' AND (b.elem->>'table')::int = ANY($2::int[])) OR
       (b.elem->>'kind' = 'paragraph' AND (b.elem->>'paragraph')::int = ANY($3::int[])))`,
    [sha256, want.tables, want.paragraphs],
  );
  return rows.map((r) => r.elem);
}

/** Blocks [from, from + count) in reading order (0-based). */
export async function loadBlockRange(store: Store, sha256: string, from: number, count: number): Promise<Block[]> {
  const rows = await store.db.query<{ elem: Block }>(
    `SELECT b.elem FROM reports r, json_array_elements(r.document->'blocks') WITH ORDINALITY AS b(elem, i)
     WHERE r.sha256 = $1 AND b.i > $2::int AND b.i <= $3::int ORDER BY b.i`,
    [sha256, from, from + count],
  );
  return rows.map((r) => r.elem);
}

/** Reading-order index of a table or paragraph, to open the source page that holds it. */
export async function blockIndexOf(store: Store, sha256: string, kind: 'table' | 'paragraph', ordinal: number): Promise<number | null> {
  const rows = await store.db.query<{ i: number }>(
    `SELECT (b.i - 1)::int AS i FROM reports r, json_array_elements(r.document->'blocks') WITH ORDINALITY AS b(elem, i)
     WHERE r.sha256 = $1 AND b.elem->>'kind' = $2 AND (b.elem->>$2)::int = $3::int LIMIT 1`,
    [sha256, kind, ordinal],
  );
  return rows[0]?.i ?? null;
}

export interface LoadOptions {
  /** Which blocks of the document to load: the cited ones (report page), or none. */
  blocks: 'cited' | 'none';
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
  const blocks = options.blocks === 'cited' ? await loadBlocks(store, sha256, citedOrdinals(report.result.discrepancies)) : [];
  return {
    sha256,
    file: report.fileName,
    fileNames: report.fileNames,
    result: report.result,
    source: indexBlocks(blocks),
    pageInfo: report.pageInfo,
    blockCount: report.blockCount,
    reviews,
    newFindingIds: newIds,
    goneFindings: gone,
    history: decisionHistory(audit),
    audit: audit.filter((e) => e.action !== 'decision'),
  };
}

export { indexBlocks };
export type { AuditEntry };
