import type { Severity } from '../../schemas/finding.js';
import type { Store } from '../store/index.js';
import type { DecisionTarget } from '../store/decisions.js';
import type { ReviewStatus } from './labels.js';

/**
 * The batch page's queries: every file received (duplicates and unreadable files included), the
 * findings of the batch by rule, and a filtered selection of findings across its reports (the
 * target of bulk decisions).
 */

export interface BatchFile {
  item: number;
  fileName: string;
  sha256: string | null;
  status: 'queued' | 'ok' | 'error';
  errorCode: string | null;
  errorMessage: string | null;
  /** The earlier file of the same batch with the same content. */
  duplicateOf: { item: number; fileName: string } | null;
  /** Same content received in an earlier batch (under this name, in that batch). */
  receivedBefore: { fileName: string; batchId: string } | null;
  department: string | null;
  findings: Record<Severity, number> | null;
  reviewed: number;
}

export const FILES_PER_PAGE = 200;

export async function batchFiles(store: Store, batchId: string, afterItem: number, limit = FILES_PER_PAGE): Promise<{ files: BatchFile[]; next: number | null }> {
  const rows = await store.db.query(
    `SELECT i.item, i.file_name, i.sha256, i.status, coalesce(i.error_code, r.error_code) AS error_code, r.error_message,
            d.item AS dup_item, d.file_name AS dup_name,
            CASE WHEN d.item IS NULL THEN e.file_name END AS received_before, e.batch_id AS received_batch,
            r.department, r.status AS report_status, r.findings_error, r.findings_warning, r.findings_info,
            (SELECT count(*) FROM reviews v JOIN findings f ON f.report_sha256 = v.report_sha256 AND f.id = v.finding_id
              WHERE v.report_sha256 = i.sha256 AND f.gone_run IS NULL)::int AS reviewed
     FROM batch_items i JOIN batches b ON b.id = i.batch_id
     LEFT JOIN LATERAL (SELECT j.item, j.file_name FROM batch_items j
                        WHERE j.batch_id = i.batch_id AND j.sha256 = i.sha256 AND j.item < i.item ORDER BY j.item LIMIT 1) d ON true
     LEFT JOIN LATERAL (SELECT j.file_name, j.batch_id FROM batch_items j JOIN batches b2 ON b2.id = j.batch_id
                        WHERE j.sha256 = i.sha256 AND j.batch_id <> i.batch_id AND b2.created_at < b.created_at
                        ORDER BY b2.created_at, j.item LIMIT 1) e ON true
     LEFT JOIN reports r ON r.sha256 = i.sha256
     WHERE i.batch_id = $1 AND i.item > $2
     ORDER BY i.item LIMIT $3`,
    [batchId, afterItem, limit + 1],
  );
  const files = rows.slice(0, limit).map((r) => ({
    item: r.item as number,
    fileName: r.file_name as string,
    sha256: (r.sha256 as string) ?? null,
    status: r.status as BatchFile['status'],
    errorCode: (r.error_code as string) ?? null,
    errorMessage: r.status === 'error' ? ((r.error_message as string) ?? null) : null,
    duplicateOf: r.dup_item != null ? { item: r.dup_item as number, fileName: r.dup_name as string } : null,
    receivedBefore: r.received_before != null ? { fileName: r.received_before as string, batchId: r.received_batch as string } : null,
    department: (r.department as string) ?? null,
    findings: r.report_status === 'ok' ? { error: r.findings_error as number, warning: r.findings_warning as number, info: r.findings_info as number } : null,
    reviewed: r.reviewed as number,
  }));
  return { files, next: rows.length > limit ? files[files.length - 1].item : null };
}

export interface RuleCount {
  rule: string;
  severity: Severity;
  count: number;
  open: number;
}

/** Current findings of the batch's reports per rule and severity (how many still undecided). */
export async function batchRuleCounts(store: Store, batchId: string): Promise<RuleCount[]> {
  const rows = await store.db.query(
    `SELECT f.rule, f.severity, count(*)::int AS n, count(*) FILTER (WHERE v.finding_id IS NULL)::int AS open
     FROM findings f LEFT JOIN reviews v ON v.report_sha256 = f.report_sha256 AND v.finding_id = f.id
     WHERE f.gone_run IS NULL AND f.report_sha256 IN (SELECT sha256 FROM batch_items WHERE batch_id = $1 AND sha256 IS NOT NULL)
     GROUP BY f.rule, f.severity
     ORDER BY CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, n DESC, f.rule`,
    [batchId],
  );
  return rows.map((r) => ({ rule: r.rule as string, severity: r.severity as Severity, count: r.n as number, open: r.open as number }));
}

export interface FindingSelection {
  batchId?: string;
  reportSha256?: string;
  rule?: string;
  severity?: Severity;
  review?: 'open' | ReviewStatus;
}

export interface SelectedFinding extends DecisionTarget {
  rule: string;
  severity: Severity;
  message: string;
  department: string | null;
  fileName: string;
  review: ReviewStatus | null;
}

function selectionWhere(s: FindingSelection, params: unknown[]): string {
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = ['f.gone_run IS NULL'];
  if (s.batchId) where.push(`f.report_sha256 IN (SELECT sha256 FROM batch_items WHERE batch_id = ${p(s.batchId)} AND sha256 IS NOT NULL)`);
  if (s.reportSha256) where.push(`f.report_sha256 = ${p(s.reportSha256)}`);
  if (s.rule) where.push(`f.rule = ${p(s.rule)}`);
  if (s.severity) where.push(`f.severity = ${p(s.severity)}`);
  if (s.review === 'open') where.push('v.finding_id IS NULL');
  else if (s.review) where.push(`v.status = ${p(s.review)}`);
  return where.join(' AND ');
}

/** Findings matching a selection, keyset-paged by (report, finding id); `limit` null = all. */
export async function selectFindings(
  store: Store,
  s: FindingSelection,
  page: { after?: [string, string] | null; limit: number | null } = { limit: null },
): Promise<{ findings: SelectedFinding[]; next: [string, string] | null }> {
  const params: unknown[] = [];
  let where = selectionWhere(s, params);
  if (page.after) {
    params.push(page.after[0], page.after[1]);
    where += ` AND (f.report_sha256, f.id) > ($${params.length - 1}, $${params.length})`;
  }
  let limit = '';
  if (page.limit !== null) {
    params.push(page.limit + 1);
    limit = `LIMIT $${params.length}`;
  }
  const rows = await store.db.query(
    `SELECT f.report_sha256, f.id, f.rule, f.severity, f.message, r.department, r.file_name, v.status AS review
     FROM findings f JOIN reports r ON r.sha256 = f.report_sha256
     LEFT JOIN reviews v ON v.report_sha256 = f.report_sha256 AND v.finding_id = f.id
     WHERE ${where} ORDER BY f.report_sha256, f.id ${limit}`,
    params,
  );
  const list = (page.limit !== null ? rows.slice(0, page.limit) : rows).map((r) => ({
    reportSha256: r.report_sha256 as string,
    findingId: r.id as string,
    rule: r.rule as string,
    severity: r.severity as Severity,
    message: r.message as string,
    department: (r.department as string) ?? null,
    fileName: r.file_name as string,
    review: (r.review as ReviewStatus) ?? null,
  }));
  const last = list[list.length - 1];
  return { findings: list, next: page.limit !== null && rows.length > page.limit && last ? [last.reportSha256, last.findingId] : null };
}

export async function countFindings(store: Store, s: FindingSelection): Promise<number> {
  const params: unknown[] = [];
  const where = selectionWhere(s, params);
  const rows = await store.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM findings f LEFT JOIN reviews v ON v.report_sha256 = f.report_sha256 AND v.finding_id = f.id WHERE ${where}`,
    params,
  );
  return rows[0]?.n ?? 0;
}

/** Reports of a batch in the order their files arrived (for 上一份 / 下一份 on the report page). */
export async function batchReportOrder(store: Store, batchId: string): Promise<string[]> {
  const rows = await store.db.query<{ sha256: string }>(
    `SELECT i.sha256 FROM batch_items i JOIN reports r ON r.sha256 = i.sha256
     WHERE i.batch_id = $1 GROUP BY i.sha256 ORDER BY min(i.item)`,
    [batchId],
  );
  return rows.map((r) => r.sha256);
}
