import type { Result } from '../../schemas/result.js';
import { Rational } from '../numbers/decimal.js';
import type { Queryable, Store } from '../store/index.js';
import { reportScores, SCORES_VERSION, type ReportScores } from './scores.js';

/**
 * The bureau's overview (部门总览): one row per stored report with its scores, execution rate,
 * findings by severity (its own and the cross-report ones) and review progress; the filters and
 * sort orders of the page and the `overview` sheet; the figures behind the charts.
 */
export interface OverviewFilter {
  year?: number;
  batchId?: string;
  /** Part of the department name. */
  department?: string;
  /** Only reports with a current finding of this rule (own or cross-report). */
  rule?: string;
  /** Only reports with at least one error. */
  errorsOnly?: boolean;
}

export const OVERVIEW_SORTS = ['department', 'year', 'self', 'recomputed', 'gap', 'rate', 'errors', 'warnings', 'infos', 'cross', 'reviewed'] as const;
export type OverviewSort = (typeof OVERVIEW_SORTS)[number];

export interface OverviewRow {
  sha256: string;
  fileName: string;
  department: string | null;
  year: number | null;
  status: 'ok' | 'error';
  selfScore: string | null;
  recomputedScore: string | null;
  recomputedItems: number;
  scoredItems: number;
  /** 自评 − 重算, decimal. */
  gap: string | null;
  executionRate: string | null;
  /** Own + cross-report findings. */
  errors: number;
  warnings: number;
  infos: number;
  /** Of which cross-report (ledger, last year). */
  cross: number;
  /** Own findings with a reviewer's decision, of all own findings. */
  reviewed: number;
  findings: number;
}

/** Store the overview's figures of one report (called with the result already in hand). */
export async function saveScores(db: Queryable, sha256: string, run: number, result: Pick<Result, 'report'>): Promise<void> {
  await saveScoreRow(db, sha256, run, reportScores(result.report ?? null));
}

/** Store scores computed already (a queue worker's pipeline thread computes them with the report). */
export async function saveScoreRow(db: Queryable, sha256: string, run: number, s: ReportScores): Promise<void> {
  await db.query('SELECT bureau_save_scores($1, $2, $3, $4, $5, $6, $7, $8, $9)', scoreParams(sha256, run, s));
}

/** The parameters of bureau_save_scores (migrations/218), also the tail of bureau_cross_context's. */
export function scoreParams(sha256: string, run: number, s: ReportScores): unknown[] {
  return [sha256, run, s.selfScore, s.recomputedScore, s.recomputedItems, s.scoredItems, s.executionRate, s.form, SCORES_VERSION];
}

/**
 * Compute the scores of reports stored before the cross-report checks computed them (or under an
 * older formula), 20 results per read, within a time budget so a page request never waits long.
 * Returns how many are still missing.
 */
export async function ensureScores(store: Store, budgetMs = 5_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    const stale = await store.db.query<{ sha256: string; run: number; result: Result | string }>(
      `SELECT r.sha256, r.run, r.result FROM reports r WHERE r.sha256 IN (
         SELECT r2.sha256 FROM reports r2 LEFT JOIN report_scores s ON s.sha256 = r2.sha256
         WHERE r2.status = 'ok' AND (s.sha256 IS NULL OR s.run <> r2.run OR s.version <> $1) ORDER BY r2.sha256 LIMIT 20)`,
      [SCORES_VERSION],
    );
    if (!stale.length) return 0;
    for (const row of stale) await saveScores(store.db, row.sha256, row.run, typeof row.result === 'string' ? JSON.parse(row.result) : row.result);
    if (Date.now() - started > budgetMs) {
      const [{ n }] = await store.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM reports r LEFT JOIN report_scores s ON s.sha256 = r.sha256
         WHERE r.status = 'ok' AND (s.sha256 IS NULL OR s.run <> r.run OR s.version <> $1)`,
        [SCORES_VERSION],
      );
      return n;
    }
  }
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

interface DbRow {
  sha256: string;
  file_name: string;
  department: string | null;
  year: number | null;
  status: 'ok' | 'error';
  findings_error: number;
  findings_warning: number;
  findings_info: number;
  self_score: string | null;
  recomputed_score: string | null;
  recomputed_items: number | null;
  scored_items: number | null;
  execution_rate: string | null;
  xe: number;
  xw: number;
  xi: number;
  reviewed: number;
}

/** The rows, and how many reports' scores are still being computed (shown as blank meanwhile). */
export async function overviewRows(store: Store, filter: OverviewFilter, budgetMs?: number): Promise<OverviewRow[] & { scoresPending?: number }> {
  const pending = await ensureScores(store, budgetMs);
  const params: unknown[] = [];
  const where: string[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (filter.year !== undefined) where.push(`r.year = ${p(filter.year)}`);
  if (filter.batchId) where.push(`r.sha256 IN (SELECT sha256 FROM batch_items WHERE batch_id = ${p(filter.batchId)})`);
  if (filter.department) where.push(`r.department LIKE ${p(likePattern(filter.department))}`);
  if (filter.rule) {
    const rule = p(filter.rule);
    where.push(`(EXISTS (SELECT 1 FROM findings f WHERE f.report_sha256 = r.sha256 AND f.gone_run IS NULL AND f.rule = ${rule})
      OR EXISTS (SELECT 1 FROM cross_findings c WHERE c.report_sha256 = r.sha256 AND c.rule = ${rule}))`);
  }
  if (filter.errorsOnly) where.push(`(r.findings_error > 0 OR EXISTS (SELECT 1 FROM cross_findings c WHERE c.report_sha256 = r.sha256 AND c.severity = 'error'))`);
  const rows = await store.db.query<DbRow>(
    `SELECT r.sha256, r.file_name, r.department, r.year, r.status, r.findings_error, r.findings_warning, r.findings_info,
            s.self_score, s.recomputed_score, s.recomputed_items, s.scored_items, s.execution_rate,
            coalesce(x.e, 0)::int AS xe, coalesce(x.w, 0)::int AS xw, coalesce(x.i, 0)::int AS xi, coalesce(v.n, 0)::int AS reviewed
     FROM reports r
     LEFT JOIN report_scores s ON s.sha256 = r.sha256
     LEFT JOIN (SELECT report_sha256, count(*) FILTER (WHERE severity = 'error') AS e, count(*) FILTER (WHERE severity = 'warning') AS w,
                       count(*) FILTER (WHERE severity = 'info') AS i FROM cross_findings GROUP BY report_sha256) x ON x.report_sha256 = r.sha256
     LEFT JOIN (SELECT f.report_sha256, count(*) AS n FROM findings f JOIN reviews rv ON rv.report_sha256 = f.report_sha256 AND rv.finding_id = f.id
                WHERE f.gone_run IS NULL GROUP BY f.report_sha256) v ON v.report_sha256 = r.sha256
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY coalesce(r.department, ''), r.year, r.sha256`,
    params,
  );
  const out: OverviewRow[] & { scoresPending?: number } = rows.map((r) => {
    const gap = r.self_score !== null && r.recomputed_score !== null ? Rational.parse(r.self_score).sub(Rational.parse(r.recomputed_score)).toFixed(2) : null;
    const own = r.findings_error + r.findings_warning + r.findings_info;
    return {
      sha256: r.sha256,
      fileName: r.file_name,
      department: r.department,
      year: r.year,
      status: r.status,
      selfScore: r.self_score,
      recomputedScore: r.recomputed_score,
      recomputedItems: r.recomputed_items ?? 0,
      scoredItems: r.scored_items ?? 0,
      gap,
      executionRate: r.execution_rate,
      errors: r.findings_error + r.xe,
      warnings: r.findings_warning + r.xw,
      infos: r.findings_info + r.xi,
      cross: r.xe + r.xw + r.xi,
      reviewed: r.reviewed,
      findings: own,
    };
  });
  out.scoresPending = pending;
  return out;
}

function decimalKey(v: string | null): Rational | null {
  return v === null ? null : Rational.parse(v);
}

/** Sort in place; blanks last in either direction. */
export function sortOverview(rows: OverviewRow[], sort: OverviewSort, dir: 'asc' | 'desc'): OverviewRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  const key = (r: OverviewRow): string | number | Rational | null => {
    switch (sort) {
      case 'department':
        return r.department ?? null;
      case 'year':
        return r.year;
      case 'self':
        return decimalKey(r.selfScore);
      case 'recomputed':
        return decimalKey(r.recomputedScore);
      case 'gap':
        return decimalKey(r.gap);
      case 'rate':
        return decimalKey(r.executionRate);
      case 'errors':
        return r.errors;
      case 'warnings':
        return r.warnings;
      case 'infos':
        return r.infos;
      case 'cross':
        return r.cross;
      case 'reviewed':
        return r.findings ? r.reviewed / r.findings : null;
    }
  };
  const cmp = (a: ReturnType<typeof key>, b: ReturnType<typeof key>): number => {
    if (a instanceof Rational && b instanceof Rational) return a.cmp(b);
    if (typeof a === 'string' && typeof b === 'string') return a.localeCompare(b, 'zh-CN');
    return (a as number) - (b as number);
  };
  return rows.sort((x, y) => {
    const a = key(x);
    const b = key(y);
    if (a === null || b === null) return a === null && b === null ? x.sha256.localeCompare(y.sha256) : a === null ? 1 : -1;
    return sign * cmp(a, b) || x.sha256.localeCompare(y.sha256);
  });
}

/** Findings per rule (own current + cross-report) over some reports, most first. */
export async function findingsPerRule(store: Store, shas: string[]): Promise<Array<{ rule: string; count: number }>> {
  if (!shas.length) return [];
  const rows = await store.db.query<{ rule: string; n: number }>(
    `SELECT rule, count(*)::int AS n FROM (
       SELECT rule FROM findings WHERE gone_run IS NULL AND report_sha256 = ANY($1::text[])
       UNION ALL SELECT rule FROM cross_findings WHERE report_sha256 = ANY($1::text[])) t
     GROUP BY rule ORDER BY n DESC, rule`,
    [shas],
  );
  return rows.map((r) => ({ rule: r.rule, count: r.n }));
}

/** Distinct years and rules, for the filter form. */
export async function overviewChoices(store: Store): Promise<{ years: number[]; rules: string[] }> {
  const years = await store.db.query<{ year: number }>('SELECT DISTINCT year FROM reports WHERE year IS NOT NULL ORDER BY year DESC');
  const rules = await store.db.query<{ rule: string }>('SELECT DISTINCT rule FROM findings WHERE gone_run IS NULL UNION SELECT DISTINCT rule FROM cross_findings ORDER BY rule');
  return { years: years.map((y) => y.year), rules: rules.map((r) => r.rule) };
}
