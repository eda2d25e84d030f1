import type { Severity } from '../../schemas/finding.js';
import type { Store } from '../store/index.js';
import { isReviewStatus, SEVERITIES } from './labels.js';
import { HttpError } from './errors.js';

/**
 * The reviewer UI's own queries on the store's tables: the filtered, sorted, keyset-paged report
 * list (indexes in src/store/migrations/070_web_list_indexes.sql) and the report page's data.
 */

export const SORTS = {
  processed: { expr: 'r.processed_at', type: 'timestamptz', dir: 'desc', label: '处理时间（最新在前）' },
  department: { expr: "coalesce(r.department, '')", type: 'text', dir: 'asc', label: '部门' },
  errors: { expr: 'r.findings_error', type: 'integer', dir: 'desc', label: '错误数（多在前）' },
  year: { expr: 'coalesce(r.year, 0)', type: 'integer', dir: 'desc', label: '年度（新在前）' },
  file: { expr: 'r.file_name', type: 'text', dir: 'asc', label: '文件名' },
} as const;
export type SortKey = keyof typeof SORTS;

export function isSortKey(v: unknown): v is SortKey {
  return typeof v === 'string' && Object.hasOwn(SORTS, v);
}

export interface ReportFilter {
  batchId?: string;
  severity?: Severity;
  rule?: string;
  /** Substring of the department name (部门名称包含). */
  department?: string;
  /** Reports having at least one current finding with this review status; "open" = not yet reviewed. */
  review?: 'open' | 'confirmed' | 'dismissed' | 'fixed';
  status?: 'ok' | 'error';
}

export interface ReportListRow {
  sha256: string;
  fileName: string;
  department: string | null;
  year: number | null;
  format: string | null;
  status: 'ok' | 'error';
  errorCode: string | null;
  errorMessage: string | null;
  run: number;
  findings: Record<Severity, number>;
  /** Current findings first seen in the latest run. */
  newFindings: number;
  reviewed: number;
  processedAt: Date;
}

export interface ReportPage {
  rows: ReportListRow[];
  /** Cursor for the next page, null on the last page. */
  next: string | null;
}

/** Opaque keyset cursor: the sort key's text and the sha256 of the last row shown. */
export function encodeCursor(key: string, sha256: string): string {
  return Buffer.from(JSON.stringify([key, sha256]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): [string, string] | null {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string' && /^[0-9a-f]{64}$/.test(v[1]) ? [v[0], v[1]] : null;
  } catch {
    return null;
  }
}

/** The cursor's key must parse as the sort column's type (else PostgreSQL would answer with an error). */
function cursorKeyValid(key: string, type: string): boolean {
  if (type === 'integer') return /^-?\d{1,9}$/.test(key);
  if (type === 'timestamptz') return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2})?)?$/.test(key);
  return key.length <= 1000 && !key.includes('\u0000');
}

export function filterClauses(filter: ReportFilter, params: unknown[]): string[] {
  const where: string[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.batchId) where.push(`EXISTS (SELECT 1 FROM batch_items bi WHERE bi.sha256 = r.sha256 AND bi.batch_id = ${p(filter.batchId)})`);
  if (filter.status) where.push(`r.status = ${p(filter.status)}`);
  if (filter.severity && SEVERITIES.includes(filter.severity)) where.push(`r.findings_${filter.severity} > 0`);
  if (filter.department) where.push(`r.department ILIKE ${p('%' + filter.department.replace(/[\\%_]/g, (c) => '\\' + c) + '%')}`);
  if (filter.rule) {
    where.push(`EXISTS (SELECT 1 FROM findings f WHERE f.report_sha256 = r.sha256 AND f.gone_run IS NULL AND f.rule = ${p(filter.rule)})`);
  }
  if (filter.review === 'open') {
    where.push(`EXISTS (SELECT 1 FROM findings f WHERE f.report_sha256 = r.sha256 AND f.gone_run IS NULL
      AND NOT EXISTS (SELECT 1 FROM reviews v WHERE v.report_sha256 = f.report_sha256 AND v.finding_id = f.id))`);
  } else if (filter.review && isReviewStatus(filter.review)) {
    where.push(`EXISTS (SELECT 1 FROM reviews v JOIN findings f ON f.report_sha256 = v.report_sha256 AND f.id = v.finding_id
      WHERE v.report_sha256 = r.sha256 AND f.gone_run IS NULL AND v.status = ${p(filter.review)})`);
  }
  return where;
}

/** Reports per page of the list. */
export const PAGE_SIZE = 50;

/** One page of the report list; stays an index range scan however deep the page (keyset paging). */
export async function listReportPage(store: Store, filter: ReportFilter, sortKey: SortKey, cursor: string | null, limit = PAGE_SIZE): Promise<ReportPage> {
  const sort = SORTS[sortKey];
  const params: unknown[] = [];
  const where = filterClauses(filter, params);
  const after = cursor !== null ? decodeCursor(cursor) : null;
  if (cursor !== null && (!after || !cursorKeyValid(after[0], sort.type))) throw new HttpError(400, '翻页参数无效，请从第一页重新打开列表 / malformed paging cursor');
  if (after) {
    params.push(after[0], after[1]);
    const op = sort.dir === 'desc' ? '<' : '>';
    where.push(`(${sort.expr}, r.sha256) ${op} ($${params.length - 1}::${sort.type}, $${params.length})`);
  }
  params.push(limit + 1);
  const dir = sort.dir === 'desc' ? 'DESC' : 'ASC';
  const rows = await store.db.query(
    `SELECT r.sha256, r.file_name, r.department, r.year, r.format, r.status, r.error_code, r.error_message, r.run,
            r.findings_error, r.findings_warning, r.findings_info, r.processed_at, (${sort.expr})::text AS sort_key,
            (SELECT count(*) FROM findings f WHERE f.report_sha256 = r.sha256 AND f.gone_run IS NULL AND f.first_seen_run = r.run)::int AS new_findings,
            (SELECT count(*) FROM reviews v JOIN findings f ON f.report_sha256 = v.report_sha256 AND f.id = v.finding_id
               WHERE v.report_sha256 = r.sha256 AND f.gone_run IS NULL)::int AS reviewed
     FROM reports r
     ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
     ORDER BY ${sort.expr} ${dir}, r.sha256 ${dir}
     LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page.map((r) => ({
      sha256: r.sha256 as string,
      fileName: r.file_name as string,
      department: (r.department as string | null) ?? null,
      year: (r.year as number | null) ?? null,
      format: (r.format as string | null) ?? null,
      status: r.status as 'ok' | 'error',
      errorCode: (r.error_code as string | null) ?? null,
      errorMessage: (r.error_message as string | null) ?? null,
      run: r.run as number,
      findings: { error: r.findings_error as number, warning: r.findings_warning as number, info: r.findings_info as number },
      newFindings: r.new_findings as number,
      reviewed: r.reviewed as number,
      processedAt: r.processed_at as Date,
    })),
    next: rows.length > limit && last ? encodeCursor(last.sort_key as string, last.sha256 as string) : null,
  };
}

/** Rule ids with current findings, for the filter list. */
export async function listRules(store: Store): Promise<string[]> {
  const rows = await store.db.query<{ rule: string }>('SELECT DISTINCT rule FROM findings WHERE gone_run IS NULL ORDER BY rule');
  return rows.map((r) => r.rule);
}

export { formatTime } from './time.js';
