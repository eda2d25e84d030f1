import type { Store } from '../../src/store/index.js';

export const SYNTHETIC_RULES = ['figure-mismatch', 'group-weights', 'execution-rate', 'required-cells'];

/**
 * Insert `n` synthetic reports straight into the store's tables (no parsing): 40 departments,
 * three years, a deterministic spread of severities, three current findings per report, a review
 * on every 7th report's first finding, and one batch holding every 10th report. For the report
 * list's paging tests and benchmark.
 */
export async function insertSyntheticReports(store: Store, n: number): Promise<{ batchId: string }> {
  const batchId = `synthetic-${n}`;
  await store.db.query(`INSERT INTO batches (id, kind, source, rules_version) VALUES ($1, 'nightly', 'synthetic', 'synthetic')`, [batchId]);
  await store.db.query(
    `INSERT INTO reports (sha256, file_name, file_names, department, year, family, format, status, error_code, error_message,
       rules_version, run, findings_error, findings_warning, findings_info, result, processed_at)
     SELECT sha, 'report-' || i || '.docx', ARRAY['report-' || i || '.docx'],
            CASE WHEN i % 97 = 0 THEN NULL ELSE '第' || (i % 40) || '号部门' END,
            2021 + (i % 3), 'hunan-dept', CASE WHEN i % 5 = 0 THEN 'pdf' ELSE 'docx' END,
            CASE WHEN i % 50 = 0 THEN 'error' ELSE 'ok' END,
            CASE WHEN i % 50 = 0 THEN 'CORRUPT_FILE' END, CASE WHEN i % 50 = 0 THEN '文件损坏' END,
            'synthetic', 1 + (i % 2), i % 4, i % 3, i % 6, '{}'::jsonb,
            timestamptz '2026-01-01' + (i % 500) * interval '1 minute'
     FROM (SELECT i, md5(i::text) || md5('x' || i::text) AS sha FROM generate_series(1, $1::int) AS i) s`,
    [n],
  );
  await store.db.query(
    `INSERT INTO findings (report_sha256, id, rule, severity, message, numbers, finding, first_seen_run, last_seen_run)
     SELECT md5(i::text) || md5('x' || i::text), ($2::text[])[1 + ((i + k) % 4)] || ':' || k,
            ($2::text[])[1 + ((i + k) % 4)], (ARRAY['error', 'warning', 'info'])[1 + (k % 3)],
            '合成发现', '[]'::jsonb, '{}'::jsonb, 1, 1 + (i % 2)
     FROM generate_series(1, $1::int) AS i, generate_series(0, 2) AS k`,
    [n, SYNTHETIC_RULES],
  );
  await store.db.query(
    `INSERT INTO reviews (report_sha256, finding_id, status, reviewer)
     SELECT md5(i::text) || md5('x' || i::text), ($2::text[])[1 + (i % 4)] || ':0', 'dismissed', '合成'
     FROM generate_series(7, $1::int, 7) AS i`,
    [n, SYNTHETIC_RULES],
  );
  await store.db.query(
    `INSERT INTO batch_items (batch_id, item, file_name, sha256, status)
     SELECT $2, i, 'report-' || i || '.docx', md5(i::text) || md5('x' || i::text), 'ok' FROM generate_series(10, $1::int, 10) AS i`,
    [n, batchId],
  );
  await store.db.query('ANALYZE');
  return { batchId };
}
