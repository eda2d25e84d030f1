import type { DocumentModel } from '../../schemas/document.js';
import type { Result } from '../../schemas/result.js';
import type { Store } from '../store/index.js';
import type { CrossFinding } from './cross-finding.js';
import { checkAgainstLastYear, type PreviousReport } from './last-year.js';
import { checkAgainstLedger, reportDepartment } from './ledger-check.js';
import { loadLedger } from './ledger-store.js';
import { saveScoreRow } from './overview.js';
import { reportScores, type ReportScores } from './scores.js';
import type { Report } from '../../schemas/report.js';
import { explainMatch, matchName } from './name-match.js';

/**
 * Run the cross-report checks (ledger R1, last year R2–R4) for some reports and replace their
 * stored cross findings. Called by `import-reference` (the reports of the imported years), after a
 * report is stored (it and next year's report of its department) and by the overview's tests.
 */
export async function runCrossChecks(store: Store, shas: Iterable<string>, justSaved?: JustSaved): Promise<{ reports: number; findings: number }> {
  let reports = 0;
  let findings = 0;
  const ledgerByYear = new Map<number, Awaited<ReturnType<typeof loadLedger>>>();
  for (const sha of new Set(shas)) {
    const current = justSaved?.sha256 === sha ? justSaved : await loadStored(store, sha);
    if (!current) continue;
    await saveScoreRow(store.db, sha, current.run, current.scores ?? reportScores(current.report()));
    const out: CrossFinding[] = [];
    if (current.year !== null) {
      if (!ledgerByYear.has(current.year)) ledgerByYear.set(current.year, await loadLedger(store.db, [current.year]));
      // The report is read (parsed, for a queue worker) only when there is something to check it against.
      const ledger = ledgerByYear.get(current.year)!;
      if (ledger.length > 0) out.push(...checkAgainstLedger(current.report(), ledger));
      const previous = await previousReport(store, sha, current.year, current.department);
      if (previous) out.push(...checkAgainstLastYear({ report: current.report(), document: current.document() }, previous));
    }
    await saveCrossFindings(store, sha, out);
    reports++;
    findings += out.length;
  }
  return { reports, findings };
}

/** A report as its caller just stored it (no need to read it back from the store). */
export interface JustSaved {
  sha256: string;
  /** The report (status ok); read only when a check needs it. */
  report: () => Report;
  /** report.year */
  year: number | null;
  /** reportDepartment(report) */
  department: string | null;
  /** report.department.text, as the store keeps it in reports.department. */
  storedDepartment: string | null;
  /** reportScores(report), when the caller has them already. */
  scores?: ReportScores;
  /** Read only when a check needs it (the last-year checks, when there is a last year). */
  document: () => DocumentModel | null;
  fileName: string;
  run: number;
}

/** A just-stored Result (its report not null) as the cross checks take it. */
export function justSaved(result: Result, document: () => DocumentModel | null, fileName: string, run: number): JustSaved | null {
  const report = result.report;
  if (!report) return null;
  return { sha256: result.sha256, report: () => report, year: report.year, department: reportDepartment(report), storedDepartment: report.department?.text ?? null, document, fileName, run };
}

async function loadStored(store: Store, sha: string): Promise<JustSaved | null> {
  const rows = await store.db.query<{ result: Result | string; document: DocumentModel | string | null; file_name: string; run: number }>(
    "SELECT result, document, file_name, run FROM reports WHERE sha256 = $1 AND status = 'ok'",
    [sha],
  );
  if (!rows.length) return null;
  const parse = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
  const result = parse(rows[0].result);
  const document = rows[0].document ? parse(rows[0].document) : null;
  return justSaved(result, () => document, rows[0].file_name, rows[0].run);
}

/** Last year's report of the same department (names matched robustly), the latest processed. */
async function previousReport(store: Store, sha: string, year: number, department: string | null): Promise<PreviousReport | null> {
  if (!department) return null;
  const candidates = await store.db.query<{ sha256: string; department: string | null }>(
    "SELECT sha256, department FROM reports WHERE year = $1 AND status = 'ok' AND sha256 <> $2 ORDER BY processed_at DESC, sha256",
    [year - 1, sha],
  );
  // One department only: two different departments equally close (水利局 ↔ 平江县水利局, 湘阴县水利局) → none.
  const m = matchName(department, candidates.filter((c) => c.department), (c) => c.department!);
  if (!m) return null;
  const best = { sha256: m.item.sha256, reason: `部门：本年“${department}”↔ 上年“${m.name}”，${m.reason}` };
  const stored = await loadStored(store, best.sha256);
  if (!stored) return null;
  return { sha256: best.sha256, file: stored.fileName, year: year - 1, report: stored.report(), document: stored.document(), match: best.reason };
}

async function saveCrossFindings(store: Store, sha: string, findings: CrossFinding[]): Promise<void> {
  const unique = new Map(findings.map((f) => [f.finding.id, f]));
  if (unique.size === 0) {
    // Nothing to insert (the common case): one statement, no transaction around it.
    await store.db.query('DELETE FROM cross_findings WHERE report_sha256 = $1', [sha]);
    return;
  }
  await store.db.transaction(async (tx) => {
    await tx.query('DELETE FROM cross_findings WHERE report_sha256 = $1', [sha]);
    for (const f of unique.values()) {
      await tx.query('INSERT INTO cross_findings (report_sha256, id, rule, severity, message, finding, counterpart) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        sha,
        f.finding.id,
        f.finding.rule,
        f.finding.severity,
        f.finding.message,
        JSON.stringify(f.finding),
        JSON.stringify(f.counterpart),
      ]);
    }
  });
}

export async function getCrossFindings(store: Pick<Store, 'db'>, sha: string): Promise<CrossFinding[]> {
  const rows = await store.db.query<{ finding: CrossFinding['finding']; counterpart: CrossFinding['counterpart'] }>(
    "SELECT finding, counterpart FROM cross_findings WHERE report_sha256 = $1 ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, rule, id",
    [sha],
  );
  return rows.map((r) => ({ finding: r.finding, counterpart: r.counterpart }));
}

/** Reports whose checks depend on the ledger of these years. */
export async function reportsOfYears(store: Store, years: number[]): Promise<string[]> {
  const rows = await store.db.query<{ sha256: string }>("SELECT sha256 FROM reports WHERE status = 'ok' AND year = ANY($1::int[]) ORDER BY sha256", [years]);
  return rows.map((r) => r.sha256);
}

/**
 * After a report is stored: its own checks, and those of next year's reports of its department
 * (they compare against it). Never fails the caller: a cross check is an addition to the report.
 */
export async function recheckAfterSave(store: Store, sha: string, justSaved?: JustSaved): Promise<void> {
  // The report's year and its reports.department column: from the caller when it just stored them.
  const [row] =
    justSaved?.sha256 === sha
      ? [{ year: justSaved.year, department: justSaved.storedDepartment }]
      : await store.db.query<{ year: number | null; department: string | null }>('SELECT year, department FROM reports WHERE sha256 = $1', [sha]);
  const targets = [sha];
  if (row?.year && row.department) {
    const next = await store.db.query<{ sha256: string; department: string | null }>("SELECT sha256, department FROM reports WHERE year = $1 AND status = 'ok'", [row.year + 1]);
    for (const n of next) if (n.department && explainMatch(row.department, n.department)) targets.push(n.sha256);
  }
  await runCrossChecks(store, targets, justSaved);
}
