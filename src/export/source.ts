import { getCrossFindings } from '../bureau/cross-check.js';
import type { Severity } from '../../schemas/finding.js';
import type { Result } from '../../schemas/result.js';
import type { Store } from '../store/index.js';
import { auditForReports } from '../store/audit.js';
import type { ExportReport } from './rows.js';
import { sortFindings } from '../web/pages/report.js';
import { filterClauses, type ReportFilter } from '../web/queries.js';

export interface ExportSelection {
  /** Only the reports of this batch. */
  batchId?: string;
  /** Only this report. */
  sha256?: string;
  /**
   * The report list's filter: reports matching it; of their findings, those of this severity /
   * rule / review status (the audit sheet keeps the reports' whole trail).
   */
  filter?: Omit<ReportFilter, 'batchId'>;
}

function findingMatches(f: { finding: { severity: Severity; rule: string }; review: { status: string } | null }, filter: ExportSelection['filter']): boolean {
  if (!filter) return true;
  if (filter.severity && f.finding.severity !== filter.severity) return false;
  if (filter.rule && f.finding.rule !== filter.rule) return false;
  if (filter.review === 'open' && f.review) return false;
  if (filter.review && filter.review !== 'open' && f.review?.status !== filter.review) return false;
  return true;
}

/**
 * The selected reports with their current findings, reviews and audit trail, read from the store
 * in pages (keyset on sha256), so an export of thousands of reports never holds them all in memory.
 */
export async function* exportReports(store: Store, selection: ExportSelection, pageSize = 50): AsyncGenerator<ExportReport> {
  let after = '';
  for (;;) {
    const params: unknown[] = [after];
    const where = ['r.sha256 > $1', ...filterClauses({ ...(selection.filter ?? {}), batchId: selection.batchId }, params)];
    if (selection.sha256) {
      params.push(selection.sha256);
      where.push(`r.sha256 = $${params.length}`);
    }
    params.push(pageSize);
    const rows = await store.db.query(
      `SELECT r.sha256, r.file_name, r.department, r.year, r.format, r.status, r.error_code, r.error_message, r.result
       FROM reports r WHERE ${where.join(' AND ')} ORDER BY r.sha256 LIMIT $${params.length}`,
      params,
    );
    const audit = await auditForReports(store.db, rows.map((r) => r.sha256 as string));
    for (const row of rows) {
      const sha256 = row.sha256 as string;
      const findings = await store.getFindings(sha256);
      // Cross-report findings (ledger, last year's report) after the report's own; no decisions on them.
      const cross = await getCrossFindings(store, sha256);
      const result = row.result as Result;
      // The report page's order: errors first, then the rules' own order.
      const order = new Map(sortFindings(result.discrepancies).map((f, i) => [f.id, i]));
      findings.sort((a, b) => (order.get(a.id) ?? 1e9) - (order.get(b.id) ?? 1e9));
      yield {
        sha256,
        fileName: row.file_name as string,
        department: (row.department as string | null) ?? null,
        year: (row.year as number | null) ?? null,
        format: (row.format as string | null) ?? null,
        status: row.status as 'ok' | 'error',
        errorCode: (row.error_code as string | null) ?? null,
        errorMessage: (row.error_message as string | null) ?? null,
        result,
        findings: [
          ...findings.map((f) => ({
            finding: f.finding,
            isNew: f.state === 'new',
            review: f.review ? { status: f.review.status, note: f.review.note, reviewer: f.review.reviewer, updatedAt: new Date(f.review.updatedAt) } : null,
          })),
          ...cross.map((c) => ({ finding: c.finding, isNew: false, review: null })),
        ].filter((f) => findingMatches(f, selection.filter)),
        audit: audit.filter((e) => e.reportSha256 === sha256),
      };
    }
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1].sha256 as string;
  }
}
