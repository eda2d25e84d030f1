import type { DocumentModel } from '../../schemas/document.js';
import type { Fact } from '../../schemas/fact.js';
import type { Finding } from '../../schemas/finding.js';
import type { Indicator } from '../../schemas/records.js';
import type { Report } from '../../schemas/report.js';
import { Rational } from '../../src/numbers/decimal.js';
import { runPipeline } from '../../src/pipeline.js';

/** Report and document of a file run through the whole pipeline. */
export async function pipeline(bytes: Uint8Array, file: string): Promise<{ report: Report; document: DocumentModel; findings: Finding[] }> {
  const { result, document } = await runPipeline({ bytes, file });
  if (result.status !== 'ok' || !result.report || !document) throw new Error(`${file}: ${result.error?.code} ${result.error?.message}`);
  return { report: result.report, document, findings: result.discrepancies };
}

/** Self-evaluation forms of a report by part label. */
export function forms(report: Report): Map<string, Indicator[]> {
  const out = new Map<string, Indicator[]>();
  if (report.deptSelfEval) out.set(report.deptSelfEval.part, report.deptSelfEval.indicators);
  for (const p of report.projects) out.set(p.part, p.indicators);
  return out;
}

const FIELDS = ['target', 'actual', 'weight', 'score'] as const;

/**
 * Compare the numbers of every indicator row read from a scan with the same rows read from the
 * exact text: each must be equal, or marked uncertain in its location. Returns the rows compared
 * and a description of every number that is wrong without saying so.
 */
export function compareIndicatorNumbers(exact: Indicator[], scanned: Indicator[]): { numbers: number; uncertain: number; silentlyWrong: string[] } {
  let numbers = 0;
  let uncertain = 0;
  const silentlyWrong: string[] = [];
  const n = Math.max(exact.length, scanned.length);
  for (let i = 0; i < n; i++) {
    const e = exact[i];
    const s = scanned[i];
    for (const field of FIELDS) {
      const ef = e?.[field];
      if (!ef?.figure) continue;
      numbers++;
      const sf = s?.[field];
      if (sf?.loc.uncertain) uncertain++;
      if (sf && sameNumber(ef, sf)) continue;
      if (sf?.loc.uncertain) continue;
      silentlyWrong.push(`row ${i} ${e?.level3 ?? '?'} ${field}: ${ef.text} → ${sf ? JSON.stringify(sf.text) : 'missing'}`);
    }
  }
  return { numbers, uncertain, silentlyWrong };
}

function sameNumber(a: Fact, b: Fact): boolean {
  if (!a.figure || !b.figure) return false;
  return Rational.parse(a.figure.value).eq(Rational.parse(b.figure.value)) && a.figure.unit === b.figure.unit;
}

/** Findings matched by rule and values (a multiset): which of `reference` are found in `got`, and what `got` adds. */
export function matchFindings<T extends { rule: string; values: unknown[] }>(reference: readonly T[], got: readonly T[]): { found: T[]; missed: T[]; extra: T[] } {
  const key = (f: T) => `${f.rule} ${JSON.stringify(f.values)}`;
  const pool = new Map<string, T[]>();
  for (const f of got) pool.set(key(f), [...(pool.get(key(f)) ?? []), f]);
  const found: T[] = [];
  const missed: T[] = [];
  for (const f of reference) {
    const same = pool.get(key(f));
    if (same?.length) {
      same.pop();
      found.push(f);
    } else missed.push(f);
  }
  return { found, missed, extra: [...pool.values()].flat() };
}

/** Rules that check that parts add up to a total (a false finding there is what a reviewer must never see). */
export const SUM_RULES = new Set([
  'funding-sources-sum',
  'income-breakdown-sum',
  'spending-breakdown-sum',
  'project-total',
  'three-public-sum',
  'group-weights',
  'weight-totals',
  'total-score',
  'special-fund-rows',
  'basic-spending-split',
  'narrative-total-parts',
]);
