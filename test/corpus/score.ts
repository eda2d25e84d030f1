import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, extname, basename } from 'node:path';
import type { Finding } from '../../schemas/finding.js';
import type { Report } from '../../schemas/report.js';
import type { Fact } from '../../schemas/fact.js';
import type { Result } from '../../schemas/result.js';
import { Rational } from '../../src/numbers/decimal.js';
import { compactKey } from '../../src/text/normalize.js';
import { TruthSchema, type Truth, type TruthFact, type Inconsistency, type MustNotFlag } from './truth-schema.js';

/**
 * Scores one pipeline Result against a document's truth.json. Every match is explainable: a missed
 * fact, an unfound inconsistency, a flagged must-not-flag item and each extra finding come back with
 * a sentence saying what was looked for and what was there instead.
 */

export interface DocScore {
  id: string;
  file: string;
  producer: 'docx' | 'pdf';
  status: Result['status'];
  recognized: boolean;
  parts: string[];
  facts: { total: number; found: number; missed: string[] };
  inconsistencies: { total: number; found: number; missed: string[]; plausibleFound: number; plausibleTotal: number };
  mustNotFlag: { total: number; flagged: string[] };
  extraFindings: { count: number; list: string[] };
  findings: { error: number; warning: number; info: number };
}

export interface CorpusDocument {
  id: string;
  dir: string;
  truth: Truth;
  files: string[];
}

/** Every document folder of a corpus root: truth.json plus its .docx/.pdf files. */
export function listCorpus(root: string): CorpusDocument[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((d) => statSync(join(root, d)).isDirectory() && existsSync(join(root, d, 'truth.json')))
    .sort()
    .map((id) => {
      const dir = join(root, id);
      const truth = loadTruth(join(dir, 'truth.json'));
      const files = readdirSync(dir)
        .filter((f) => ['.docx', '.pdf'].includes(extname(f)))
        .sort()
        .map((f) => join(dir, f));
      return { id, dir, truth, files };
    });
}

export function loadTruth(path: string): Truth {
  const parsed = TruthSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

const key = (s: string) => compactKey(s).toLowerCase();
const hasWords = (text: string, words: string[]) => {
  const k = key(text);
  return words.every((w) => k.includes(key(w)));
};

function sameDecimal(a: string | null | undefined, b: string): boolean {
  if (a == null) return false;
  try {
    return Rational.parse(a).sub(Rational.parse(b)).n === 0n;
  } catch {
    return false;
  }
}

/** 元 amounts may come back as written or converted to 万元. */
function factEquals(f: Fact | null | undefined, value: string, unit?: string): boolean {
  const v = f?.figure?.value;
  if (!v) return false;
  if (sameDecimal(v, value)) return true;
  if (unit === '元') {
    try {
      return Rational.parse(v).sub(Rational.parse(value).div(Rational.of(10000))).n === 0n;
    } catch {
      return false;
    }
  }
  return false;
}

function textEquals(f: Fact | null | undefined, text: string): boolean {
  return !!f && key(f.text) === key(text);
}

interface FormView {
  ident: string;
  record: NonNullable<Report['deptSelfEval']> | Report['projects'][number];
}

function forms(report: Report): FormView[] {
  const out: FormView[] = [];
  if (report.deptSelfEval) out.push({ ident: [report.deptSelfEval.part, report.deptSelfEval.title?.text ?? '', report.deptSelfEval.department?.text ?? '', '部门整体'].join(' '), record: report.deptSelfEval });
  for (const p of report.projects) out.push({ ident: [p.part, p.title?.text ?? '', p.name?.text ?? ''].join(' '), record: p });
  return out;
}

/** Does the report state this fact where it belongs? Returns null when found, else why not. */
export function matchFact(report: Report, fact: TruthFact): string | null {
  const fs = forms(report).filter((f) => hasWords(f.ident, 'form' in fact ? fact.form : []));
  switch (fact.kind) {
    case 'budget': {
      if (!fs.length) return `no form named ${JSON.stringify(fact.form)}`;
      const rows = fs.flatMap((f) => f.record.budget?.rows ?? []).filter((r) => hasWords(r.label, fact.row));
      if (!rows.length) return `no budget row ${JSON.stringify(fact.row)} in ${JSON.stringify(fact.form)}`;
      if (rows.some((r) => factEquals(r[fact.field], fact.value, fact.unit))) return null;
      return `budget ${fact.row.join('')}.${fact.field} = ${fact.value}: read ${rows.map((r) => JSON.stringify(r[fact.field]?.text ?? null)).join(', ')}`;
    }
    case 'breakdown': {
      if (!fs.length) return `no form named ${JSON.stringify(fact.form)}`;
      const items = fs.flatMap((f) => (fact.side === 'income' ? f.record.budget?.byIncome : f.record.budget?.bySpending) ?? []).filter((i) => hasWords(i.label, fact.label));
      if (!items.length) return `no ${fact.side} breakdown line ${JSON.stringify(fact.label)}`;
      return items.some((i) => factEquals(i.amount, fact.value)) ? null : `breakdown ${fact.label.join('')} = ${fact.value}: read ${items.map((i) => i.amount.text).join(', ')}`;
    }
    case 'indicator': {
      if (!fs.length) return `no form named ${JSON.stringify(fact.form)}`;
      const inds = fs.flatMap((f) => f.record.indicators).filter((i) => hasWords(`${i.level3} ${i.level2}`, fact.name));
      if (!inds.length) return `no indicator ${JSON.stringify(fact.name)} in ${JSON.stringify(fact.form)}`;
      const ok = inds.some(
        (i) =>
          (fact.target === undefined || textEquals(i.target, fact.target)) &&
          (fact.actual === undefined || textEquals(i.actual, fact.actual)) &&
          (fact.weight === undefined || factEquals(i.weight, fact.weight)) &&
          (fact.score === undefined || factEquals(i.score, fact.score)),
      );
      if (ok) return null;
      const i = inds[0];
      return `indicator ${fact.name.join('')}: want target=${fact.target ?? '-'} actual=${fact.actual ?? '-'} weight=${fact.weight ?? '-'} score=${fact.score ?? '-'}; read target=${i.target.text} actual=${i.actual.text} weight=${i.weight.text} score=${i.score.text}`;
    }
    case 'total': {
      if (!fs.length) return `no form named ${JSON.stringify(fact.form)}`;
      // the form's total score: its 总分 row's, or the one its head states (自评总分: 95) when it prints no 总分 row
      const score = (f: FormView) => f.record.total?.score ?? f.record.headScore;
      const ok = fs.some((f) => (fact.weight === undefined || factEquals(f.record.total?.weight, fact.weight)) && (fact.score === undefined || factEquals(score(f), fact.score)));
      return ok ? null : `total row: want weight=${fact.weight ?? '-'} score=${fact.score ?? '-'}; read ${fs.map((f) => `${f.record.total?.weight?.text ?? '∅'}/${f.record.total?.score?.text ?? '∅'}`).join(', ')}`;
    }
    case 'basic': {
      const b = report.basicData;
      if (!b) return 'no 基础数据表';
      if (fact.field === 'authorized' || fact.field === 'actual' || fact.field === 'controlRate') {
        return factEquals(b.staffing?.[fact.field], fact.value) ? null : `staffing.${fact.field} = ${fact.value}: read ${b.staffing?.[fact.field]?.text ?? '∅'}`;
      }
      const rows = b.spending.filter((r) => hasWords(r.label, fact.row));
      if (!rows.length) return `no 基础数据表 row ${JSON.stringify(fact.row)}`;
      const field = fact.field;
      return rows.some((r) => factEquals(r[field], fact.value)) ? null : `basic ${fact.row.join('')}.${field} = ${fact.value}: read ${rows.map((r) => r[field]?.text ?? '∅').join(', ')}`;
    }
    case 'stat': {
      const same = report.statistics.filter((s) => sameDecimal(s.figure.value, fact.value) && (fact.unit === null ? !s.figure.unit : key(s.figure.unit ?? '') === key(fact.unit) || key(s.normalizedUnit ?? '') === key(fact.unit)));
      if (same.some((s) => hasWords(`${s.label} ${s.sentence}`, fact.words))) return null;
      if (same.length) return `statistic ${fact.value}${fact.unit ?? ''} read, but not with ${JSON.stringify(fact.words)} (label ${JSON.stringify(same[0].label)})`;
      return `statistic ${fact.value}${fact.unit ?? ''} (${fact.words.join('')}) not read`;
    }
    case 'grade': {
      const same = (report.grades ?? []).filter((g) => g.grade === fact.grade && (fact.score === null ? !g.score : !!g.score && sameDecimal(g.score.value, fact.score)));
      if (same.some((g) => (fact.subject === undefined || g.subject === fact.subject) && (fact.evaluator === undefined || g.evaluator === fact.evaluator))) return null;
      if (same.length) return `grade ${fact.grade} read, but as ${same.map((g) => `${g.subject}/${g.evaluator}`).join(', ')}`;
      return `grade ${fact.grade}${fact.score ? ` (${fact.score}分)` : ''} not read (read: ${(report.grades ?? []).map((g) => g.grade).join('、') || 'none'})`;
    }
    case 'part': {
      const candidates: string[] =
        fact.part === 'narrative'
          ? report.narratives.map((n) => `${n.title} ${n.part}`)
          : fact.part === 'project-self-eval'
            ? report.projects.map((p) => `${p.part} ${p.title?.text ?? ''} ${p.name?.text ?? ''}`)
            : fact.part === 'dept-self-eval'
              ? report.deptSelfEval
                ? [`${report.deptSelfEval.part} ${report.deptSelfEval.title?.text ?? ''}`]
                : []
              : report.basicData
                ? [`${report.basicData.part} ${report.basicData.title?.text ?? ''}`]
                : [];
      if (candidates.some((c) => hasWords(c, fact.name))) return null;
      return `no ${fact.part} part ${JSON.stringify(fact.name)} (have ${candidates.length ? candidates.map((c) => JSON.stringify(c.slice(0, 40))).join(', ') : 'none'})`;
    }
  }
}

/**
 * A figure as truth writes it, read as a number: "16954", "95%", "1,234.56", "39.2696万元", "12个" → its
 * decimal; words ("合计", "100字以内", "20个左右", "***%") → null. A unit of up to two characters is allowed.
 */
export function figureDecimal(figure: string): Rational | null {
  const m = /^(-?\d[\d,，]*(?:\.\d+)?)\s*(%|‰|[^\d\s.,，*]{1,2})?$/.exec(figure.trim());
  if (!m) return null;
  try {
    return Rational.parse(m[1].replace(/[,，]/g, ''));
  } catch {
    return null;
  }
}

/** A finding's number (a float by contract) as the decimal it was written as: 16988, 95.5, 0.1+0.2 → 0.3. */
function numberDecimal(n: number): Rational | null {
  if (!Number.isFinite(n)) return null;
  const s = String(Number(n.toPrecision(15)));
  try {
    return Rational.parse(/e/i.test(s) ? n.toFixed(20) : s);
  } catch {
    return null;
  }
}

/**
 * The values a finding itself compares: its `values`, its evidence's `value`s (each a participating
 * figure) and the decimals of its `expected` and `observed` (output contract). Evidence texts are not
 * among them: a sentence quoted as evidence names every figure in it, not only those the finding is
 * about — a count of a list in that sentence does not state that its 其中 parts miss its total.
 */
export function comparedValues(f: Finding): Rational[] {
  const out: Rational[] = [];
  for (const v of [...f.values, ...f.evidence.map((e) => e.value)]) {
    const r = v == null ? null : numberDecimal(v);
    if (r) out.push(r);
  }
  for (const s of [f.expected, f.observed]) {
    out.push(...numbersIn(s ?? ''));
  }
  return out;
}

/**
 * Does the finding state this figure? A number: when it is one of the finding's compared values, or —
 * for a finding that compares none (a blank cell, a missing reason) — when its message names it. Words
 * (a label left in a template, 合计, 100字以内): when the message or an evidence text names them — for a
 * must-not-flag item (`cellsOnly`) a short one, a cell rather than a whole sentence quoted.
 */
export function states(f: Finding, figure: string, compared = comparedValues(f), cellsOnly = false): boolean {
  const d = figureDecimal(figure);
  if (d && compared.length) return compared.some((v) => v.eq(d));
  const k = key(figure);
  if (d) return numbersIn(f.message).some((v) => v.eq(d));
  return !!k && (key(f.message).includes(k) || f.evidence.some((e) => (!cellsOnly || e.text.length <= 40) && key(e.text).includes(k)));
}

/** The decimals a text names (thousands separators dropped). */
function numbersIn(text: string): Rational[] {
  return [...text.replace(/(\d)[,，](?=\d{3})/g, '$1').matchAll(/\d+(?:\.\d+)?/g)].map((m) => Rational.parse(m[0]));
}

/** The figures a finding states, by their index in `figures`. */
function statedFigures(f: Finding, figures: string[], cellsOnly = false): number[] {
  const compared = comparedValues(f);
  return figures.flatMap((fig, i) => (states(f, fig, compared, cellsOnly) ? [i] : []));
}

/** Findings that state this inconsistency: of its rules (when truth names them), stating one of its figures. */
export function statingInconsistency(findings: Finding[], inc: Inconsistency): Finding[] {
  return findings.filter((f) => (inc.rules.length === 0 || inc.rules.includes(f.rule)) && statedFigures(f, inc.figures).length > 0);
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

/**
 * The findings credited to an inconsistency. One cause, one finding: they come from one rule and a
 * finding of another rule stating the same figures is an extra, unless truth says the rules overlap.
 * Truth may list several instances of the cause as one item (every indicator left without a reason), so
 * every finding of that rule stating it is credited. The rule is that of the finding most about it: the
 * one stating fewest other inconsistencies of the document (a form's total quotes every score on it),
 * then the loudest.
 */
export function creditedFindings(findings: Finding[], inc: Inconsistency, others: Inconsistency[] = []): Finding[] {
  const stating = statingInconsistency(findings, inc);
  if (inc.overlap || stating.length <= 1) return stating;
  const elsewhere = (f: Finding) => others.filter((o) => o !== inc && statingInconsistency([f], o).length).length;
  const rule = [...stating].sort((a, b) => elsewhere(a) - elsewhere(b) || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])[0].rule;
  return stating.filter((f) => f.rule === rule);
}

export function findsInconsistency(findings: Finding[], inc: Inconsistency): Finding | null {
  return creditedFindings(findings, inc)[0] ?? null;
}

export function flagsMustNot(findings: Finding[], item: MustNotFlag): Finding | null {
  // The coverage rule reports counts of paragraphs and tables, never a relation between figures.
  return findings.find((f) => f.severity !== 'info' && f.rule !== 'coverage' && (!item.rules || item.rules.includes(f.rule)) && statedFigures(f, item.figures, true).length >= Math.min(2, item.figures.length)) ?? null;
}

export const NOTHING_RECOGNIZED = /未识别出任何/;

export function scoreResult(id: string, file: string, result: Result, truth: Truth): DocScore {
  const producer = extname(file) === '.pdf' ? 'pdf' : 'docx';
  const report = result.report;
  const findings = result.discrepancies;
  const parts: string[] = [];
  if (report) {
    if (report.basicData) parts.push('basic-data');
    if (report.deptSelfEval) parts.push('dept-self-eval');
    report.projects.forEach(() => parts.push('project-self-eval'));
    report.narratives.forEach(() => parts.push('narrative'));
  }
  const blind = findings.some((f) => f.rule === 'coverage' && f.severity === 'error' && NOTHING_RECOGNIZED.test(f.message));
  const recognized = result.status === 'ok' && !blind && parts.length > 0;

  const missed: string[] = [];
  let found = 0;
  for (const fact of truth.facts) {
    const why = report ? matchFact(report, fact) : `pipeline ${result.status}: ${result.error?.message ?? ''}`;
    if (why === null) found++;
    else missed.push(why);
  }

  const matchedFindings = new Set<Finding>();
  const incMissed: string[] = [];
  let incFound = 0;
  let plausibleFound = 0;
  const verified = truth.inconsistencies.filter((i) => i.certainty === 'verified');
  for (const inc of truth.inconsistencies) {
    const credited = creditedFindings(findings, inc, truth.inconsistencies);
    if (credited.length) {
      for (const f of credited) matchedFindings.add(f);
      if (inc.certainty === 'verified') incFound++;
      else plausibleFound++;
    } else if (inc.certainty === 'verified') incMissed.push(`${inc.id} (${inc.class}, ${inc.rules.join('/') || 'any rule'}): ${inc.description}`);
  }

  const flagged: string[] = [];
  for (const item of truth.mustNotFlag) {
    const hit = flagsMustNot(findings, item);
    if (hit) flagged.push(`${item.id}: ${item.description} — flagged by ${hit.rule} (${hit.severity}): ${hit.message.slice(0, 120)}`);
  }

  const extra = findings.filter((f) => f.severity !== 'info' && !matchedFindings.has(f));
  return {
    id,
    file: basename(file),
    producer,
    status: result.status,
    recognized,
    parts,
    facts: { total: truth.facts.length, found, missed },
    inconsistencies: { total: verified.length, found: incFound, missed: incMissed, plausibleFound, plausibleTotal: truth.inconsistencies.length - verified.length },
    mustNotFlag: { total: truth.mustNotFlag.length, flagged },
    extraFindings: { count: extra.length, list: extra.map((f) => `${f.rule} (${f.severity}): ${f.message.slice(0, 140)}`) },
    findings: {
      error: findings.filter((f) => f.severity === 'error').length,
      warning: findings.filter((f) => f.severity === 'warning').length,
      info: findings.filter((f) => f.severity === 'info').length,
    },
  };
}

/** The issue's thresholds (issue 12, "Done when"), per document. */
export const THRESHOLDS = { factShare: 0.9, inconsistencyShare: 0.8, mustNotFlag: 0, extraFindings: 5 } as const;

export function thresholdFailures(s: DocScore): string[] {
  const out: string[] = [];
  if (!s.recognized) out.push('not recognized');
  if (s.facts.total && s.facts.found / s.facts.total < THRESHOLDS.factShare) out.push(`facts ${s.facts.found}/${s.facts.total} < 90%`);
  if (s.inconsistencies.total && s.inconsistencies.found / s.inconsistencies.total < THRESHOLDS.inconsistencyShare) out.push(`inconsistencies ${s.inconsistencies.found}/${s.inconsistencies.total} < 80%`);
  if (s.mustNotFlag.flagged.length > THRESHOLDS.mustNotFlag) out.push(`${s.mustNotFlag.flagged.length} must-not-flag item(s) flagged`);
  if (s.extraFindings.count > THRESHOLDS.extraFindings) out.push(`${s.extraFindings.count} extra error/warning findings > 5`);
  return out;
}
