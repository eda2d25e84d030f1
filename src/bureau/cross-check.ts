import type { DocumentModel } from '../../schemas/document.js';
import type { Result } from '../../schemas/result.js';
import type { Store } from '../store/index.js';
import type { CrossFinding } from './cross-finding.js';
import { checkAgainstLastYear, type PreviousReport } from './last-year.js';
import { checkAgainstLedger, reportDepartment } from './ledger-check.js';
import { toLedgerRow, type LedgerDbRow } from './ledger-store.js';
import { scoreParams } from './overview.js';
import type { LedgerRow } from './ledger-check.js';
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
  const ledgerByYear = new Map<number, LedgerRow[]>();
  for (const sha of new Set(shas)) {
    const current = justSaved?.sha256 === sha ? justSaved : await loadStored(store, sha);
    if (!current) continue;
    findings += (await checkOne(store, current, ledgerByYear, false)).findings;
    reports++;
  }
  return { reports, findings };
}

/** What bureau_cross_context (migrations/218) returns. */
interface CrossContext {
  ledger: LedgerDbRow[] | null;
  previous: Array<{ sha256: string; department: string | null }> | null;
  next: Array<{ sha256: string; department: string | null }> | null;
  cleared: boolean;
}

/**
 * One report's checks: its scores row, the ledger of its year (unless `ledgerByYear` has it), last
 * year's reports and — `withNext` — next year's, all in one round trip (bureau_cross_context); then
 * last year's matching report when there is one, and the findings when there are any.
 */
async function checkOne(store: Store, current: JustSaved, ledgerByYear: Map<number, LedgerRow[]>, withNext: boolean): Promise<{ findings: number; next: NonNullable<CrossContext['next']> }> {
  const year = current.year;
  const scores = current.scores ?? reportScores(current.report());
  const [{ ctx }] = await store.db.query<{ ctx: CrossContext }>('SELECT bureau_cross_context($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) AS ctx', [
    current.sha256,
    year,
    year !== null && !ledgerByYear.has(year),
    current.department !== null,
    withNext && current.storedDepartment !== null,
    ...scoreParams(current.sha256, current.run, scores).slice(1),
  ]);
  const out: CrossFinding[] = [];
  if (year !== null) {
    if (ctx.ledger) ledgerByYear.set(year, ctx.ledger.map(toLedgerRow));
    // The report is read (parsed, for a queue worker) only when there is something to check it against.
    const ledger = ledgerByYear.get(year) ?? [];
    if (ledger.length > 0) out.push(...checkAgainstLedger(current.report(), ledger));
    const previous = current.department && ctx.previous ? await previousReport(store, year, current.department, ctx.previous) : null;
    if (previous) out.push(...checkAgainstLastYear({ report: current.report(), document: current.document() }, previous));
  }
  // Nothing to check against: bureau_cross_context deleted its cross findings already.
  if (!ctx.cleared || out.length > 0) await saveCrossFindings(store, current.sha256, out);
  return { findings: out.length, next: ctx.next ?? [] };
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

/** Last year's report of the same department (names matched robustly) among `candidates` (latest processed first). */
async function previousReport(store: Store, year: number, department: string, candidates: NonNullable<CrossContext['previous']>): Promise<PreviousReport | null> {
  // One department only: two different departments equally close (水利局 ↔ 平江县水利局, 湘阴县水利局) → none.
  const m = matchName(department, candidates.filter((c) => c.department), (c) => c.department!);
  if (!m) return null;
  const best = { sha256: m.item.sha256, reason: `部门：本年“${department}”↔ 上年“${m.name}”，${m.reason}` };
  const stored = await loadStored(store, best.sha256);
  if (!stored) return null;
  return { sha256: best.sha256, file: stored.fileName, year: year - 1, report: stored.report(), document: stored.document(), match: best.reason };
}

/** Replace a report's cross findings whole, in one statement (bureau_replace_cross_findings, migrations/218). */
async function saveCrossFindings(store: Store, sha: string, findings: CrossFinding[]): Promise<void> {
  const unique = new Map(findings.map((f) => [f.finding.id, f]));
  await store.db.query('SELECT bureau_replace_cross_findings($1, $2::jsonb)', [sha, JSON.stringify([...unique.values()].map((f) => ({ finding: f.finding, counterpart: f.counterpart })))]);
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
 * With the report just stored in hand and nothing to check it against, one round trip.
 */
export async function recheckAfterSave(store: Store, sha: string, justSaved?: JustSaved): Promise<void> {
  const current = justSaved?.sha256 === sha ? justSaved : await loadStored(store, sha);
  if (!current) return;
  const { next } = await checkOne(store, current, new Map(), current.year !== null && current.storedDepartment !== null);
  const department = current.storedDepartment;
  const targets = department ? next.filter((n) => n.department && explainMatch(department, n.department)).map((n) => n.sha256) : [];
  if (targets.length > 0) await runCrossChecks(store, targets);
}
