import type { Fact } from '../../schemas/fact.js';
import type { Report } from '../../schemas/report.js';
import type { BudgetRow } from '../../schemas/records.js';
import { halfUnit, intervalOf, Rational } from '../numbers/decimal.js';
import { factEvidence } from '../rules/finding.js';
import { totalBudgetRow, type SelfEvalForm } from '../rules/lib/forms.js';
import { crossFinding, type CrossFinding } from './cross-finding.js';
import { matchName } from './name-match.js';
import type { ReferenceRow } from './reference-import.js';

/** A ledger row as stored, with the file it came from. */
export interface LedgerRow extends ReferenceRow {
  fileName: string;
}

const COLUMNS = [
  { field: 'initialBudget', ledger: 'initialBudget', label: '年初预算数' },
  { field: 'fullYearBudget', ledger: 'fullYearBudget', label: '全年预算数' },
  { field: 'executed', ledger: 'executed', label: '全年执行数' },
] as const;

const TEN_THOUSAND = Rational.of(10_000);

/** The report's department name: the dept form's 预算部门名称, else the title's. */
export function reportDepartment(report: Report): string | null {
  return report.deptSelfEval?.department?.text.trim() || report.department?.text.trim() || null;
}

/**
 * R1: each budget block (部门整体 and every project form) against the bureau's ledger rows of the
 * report's year. Department and project names are matched robustly (name-match.ts) and every
 * finding says why; a fuzzy name match lowers an error to a warning (unsure → lower).
 */
export function checkAgainstLedger(report: Report, ledger: readonly LedgerRow[]): CrossFinding[] {
  const department = reportDepartment(report);
  if (!department || report.year === null) return [];
  const ofYear = ledger.filter((r) => r.year === report.year);
  const dept = matchDepartment(department, ofYear);
  if (!dept) return [];
  const rows = ofYear.filter((r) => r.department === dept.name);
  const deptReason = `部门：报告“${department}”↔ 台账“${dept.name}”，${dept.reason}`;
  const out: CrossFinding[] = [];
  const whole = rows.find((r) => r.project === '');
  if (whole && report.deptSelfEval) out.push(...compareBlock(report.deptSelfEval, whole, [deptReason], dept.level === 'sure'));
  const projectRows = rows.filter((r) => r.project !== '');
  const used = new Set<LedgerRow>();
  for (const form of report.projects) {
    const name = form.name?.text.trim();
    if (!name) continue;
    const m = matchName(name, projectRows, (r) => r.project);
    if (!m) continue;
    used.add(m.item);
    const reasons = [deptReason, `项目：报告“${name}”↔ 台账“${m.name}”，${m.reason}`];
    out.push(...compareBlock(form, m.item, reasons, dept.level === 'sure' && m.level === 'sure'));
  }
  if (report.projects.length) {
    for (const r of projectRows) {
      if (used.has(r)) continue;
      out.push(
        crossFinding(
          'ledger',
          {
            severity: 'info',
            message: {
              zh: `参考台账第${r.sourceRow}行列有项目“${r.project}”，报告中没有找到对应的项目支出绩效自评表`,
              en: `The ledger (row ${r.sourceRow}) lists project "${r.project}"; the report has no form for it`,
            },
            values: [],
            evidence: [],
            missing: [`项目支出绩效自评表（${r.project}）`],
            part: '项目支出绩效自评表',
          },
          { kind: 'ledger', title: ledgerTitle(r), match: [deptReason], items: ledgerItems(r) },
        ),
      );
    }
  }
  return out;
}

/** A leading department code in a report's name ("219001-池州市贵池区棠溪镇人民政府"). */
const LEADING_CODE = /^(\d{3,})\s*[-－_—\s]\s*/;

/**
 * The ledger department a report's department name stands for: by the department code when the
 * report writes one and the ledger has it, else by name (name-match.ts), with the reason.
 */
export function matchDepartment(written: string, rows: readonly LedgerRow[]): { name: string; level: 'sure' | 'fuzzy'; reason: string } | null {
  const code = LEADING_CODE.exec(written)?.[1];
  if (code) {
    const byCode = rows.find((r) => r.departmentCode === code);
    if (byCode) return { name: byCode.department, level: 'sure', reason: `部门编码 ${code} 相同` };
  }
  const names = [...new Set(rows.map((r) => r.department))];
  return matchName(written.replace(LEADING_CODE, ''), names, (n) => n);
}

function ledgerTitle(r: LedgerRow): string {
  return `财政局参考台账 ${r.year}年 第${r.sourceRow}行（${r.fileName}）`;
}

function ledgerItems(r: LedgerRow): Array<{ label: string; text: string; where: string }> {
  const items = [
    { label: '部门名称', text: r.department, where: `台账第${r.sourceRow}行` },
    ...(r.project ? [{ label: '项目名称', text: r.project, where: `台账第${r.sourceRow}行` }] : []),
  ];
  for (const c of COLUMNS) {
    const v = r[c.ledger];
    if (v !== null) items.push({ label: c.label, text: `${v} 万元`, where: `台账第${r.sourceRow}行` });
  }
  return items;
}

function usable(fact: Fact | null | undefined): fact is Fact & { figure: NonNullable<Fact['figure']> } {
  return Boolean(fact?.figure && !fact.figure.approximate && fact.figure.comparator === '=');
}

function compareBlock(form: SelfEvalForm, ledger: LedgerRow, reasons: string[], sure: boolean): CrossFinding[] {
  const row: BudgetRow | null = totalBudgetRow(form);
  if (!row) return [];
  const unit = form.budget?.unit?.trim() || '万元';
  const inYuan = unit === '元';
  const out: CrossFinding[] = [];
  for (const c of COLUMNS) {
    const fact = row[c.field];
    const book = ledger[c.ledger];
    if (book === null || !usable(fact)) continue;
    const written = intervalOf(fact.figure.value, fact.figure.decimals);
    const bookInUnit = inYuan ? Rational.parse(book).mul(TEN_THOUSAND) : Rational.parse(book);
    if (bookInUnit.ge(written.lo) && bookInUnit.le(written.hi)) continue;
    const value = Rational.parse(fact.figure.value);
    const diff = value.sub(bookInUnit);
    const diffWan = inYuan ? diff.div(TEN_THOUSAND) : diff;
    out.push(
      crossFinding(
        'ledger',
        {
          severity: sure ? 'error' : 'warning',
          message: {
            zh: `${form.part}${row.label.trim() || '年度资金总额'}的${c.label}为${fact.text.trim()}${unit}，财政局参考台账（第${ledger.sourceRow}行）为${book}万元，相差${diffWan.toString(4)}万元${sure ? '' : '（名称为相近对应，请核对）'}`,
            en: `${form.part}: ${c.label} ${fact.text.trim()} ${unit} but the bureau's ledger (row ${ledger.sourceRow}) says ${book} 万元`,
          },
          values: [value.toNumber(), bookInUnit.toNumber()],
          evidence: [factEvidence(fact, c.field)],
          expected: `${inYuan ? bookInUnit.toString(2) : book}${unit}（台账）`,
          observed: `${fact.text.trim()}${unit}`,
          tolerance: `±${halfUnit(fact.figure.decimals).toString()}${unit}（报告书写精度 ${fact.figure.decimals} 位小数）`,
          params: { ledgerRow: ledger.sourceRow, unit },
          part: form.part,
        },
        { kind: 'ledger', title: ledgerTitle(ledger), match: reasons, items: ledgerItems(ledger) },
      ),
    );
  }
  return out;
}
