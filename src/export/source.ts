import type { Result } from '../../schemas/result.js';
import type { Store } from '../store/index.js';
import type { ExportReport } from './rows.js';
import { sortFindings } from '../web/pages/report.js';

export interface ExportSelection {
  /** Only the reports of this batch. */
  batchId?: string;
  /** Only this report. */
  sha256?: string;
}

/**
 * The selected reports with their current findings and reviews, read from the store in pages
 * (keyset on sha256), so an export of thousands of reports never holds them all in memory.
 */
export async function* exportReports(store: Store, selection: ExportSelection, pageSize = 50): AsyncGenerator<ExportReport> {
  let after = '';
  for (;;) {
    const params: unknown[] = [after];
    const where = ['r.sha256 > $1'];
    if (selection.sha256) {
      params.push(selection.sha256);
      where.push(`r.sha256 = $${params.length}`);
    }
    if (selection.batchId) {
      params.push(selection.batchId);
      where.push(`EXISTS (SELECT 1 FROM batch_items bi WHERE bi.sha256 = r.sha256 AND bi.batch_id = $${params.length})`);
    }
    params.push(pageSize);
    const rows = await store.db.query(
      `SELECT r.sha256, r.file_name, r.department, r.year, r.format, r.status, r.error_code, r.error_message, r.result
       FROM reports r WHERE ${where.join(' AND ')} ORDER BY r.sha256 LIMIT $${params.length}`,
      params,
    );
    for (const row of rows) {
      const sha256 = row.sha256 as string;
      const findings = await store.getFindings(sha256);
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
        findings: findings.map((f) => ({
          finding: f.finding,
          isNew: f.state === 'new',
          review: f.review ? { status: f.review.status, note: f.review.note, reviewer: f.review.reviewer, updatedAt: new Date(f.review.updatedAt) } : null,
        })),
      };
    }
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1].sha256 as string;
  }
}
