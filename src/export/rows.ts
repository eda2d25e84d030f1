import type { Fact, TextFact } from '../../schemas/fact.js';
import type { Finding } from '../../schemas/finding.js';
import type { BudgetBlock, DeptSelfEval, ProjectSelfEval } from '../../schemas/records.js';
import type { Result } from '../../schemas/result.js';
import type { AuditEntry } from '../store/audit.js';
import { AUDIT_ACTIONS } from '../store/audit.js';
import { BUDGET_KIND_LABELS, errorLabel, FORMAT_LABELS, labelOf, REVIEW_LABELS, SEVERITY_LABELS, type ReviewStatus } from '../web/labels.js';
import { describeLocation, formatNumber } from '../web/render/location.js';
import { ruleTitle } from '../web/rule-titles.js';

/**
 * The export's sheets as plain rows, shared by the .xlsx and .csv writers. A cell is a number
 * (written as a number, with the decimals it was written with), a moment (a date cell in the
 * workbook, the bureau's local time in CSV), a string, or null (blank).
 */
export interface NumberCell {
  number: number;
  /** Decimals as written in the document ("951.90" → 2), for the cell's number format. */
  decimals: number;
}
export interface DateCell {
  date: Date;
}
export type Cell = string | NumberCell | DateCell | null;

export interface Column {
  key: string;
  header: string;
  width: number;
}

export interface Sheet {
  name: string;
  columns: Column[];
}

/** What the export needs about one stored report. */
export interface ExportReport {
  sha256: string;
  fileName: string;
  department: string | null;
  year: number | null;
  format: string | null;
  status: 'ok' | 'error';
  errorCode: string | null;
  errorMessage: string | null;
  result: Result;
  findings: Array<{
    finding: Finding;
    isNew: boolean;
    review: { status: ReviewStatus; note: string; reviewer: string; updatedAt: Date } | null;
  }>;
  /** The report's audit trail (decisions with their history, downloads, exports), oldest first. */
  audit: AuditEntry[];
}

export type Row = Record<string, Cell>;

const col = (key: string, header: string, width = 14): Column => ({ key, header, width });

const REPORT_COLUMNS = [col('department', '部门', 26), col('year', '年度', 8), col('file', '文件', 30)];

export const SHEETS = {
  findings: {
    name: '发现',
    columns: [
      ...REPORT_COLUMNS,
      col('part', '所属部分', 30),
      col('rule', '规则', 22),
      col('ruleTitle', '规则名称', 20),
      col('severity', '严重程度', 10),
      col('message', '说明', 60),
      col('value1', '数值1', 12),
      col('value2', '数值2', 12),
      col('value3', '数值3', 12),
      col('values', '全部数值', 20),
      col('locations', '位置', 40),
      col('evidence', '原文', 50),
      col('isNew', '本次新增', 9),
      col('review', '审核状态', 14),
      col('note', '审核备注', 30),
      col('reviewer', '审核人', 10),
      col('reviewedAt', '审核时间', 18),
      col('findingId', '发现编号', 30),
      col('sha256', '报告SHA-256', 20),
    ],
  },
  indicators: {
    name: '绩效指标',
    columns: [
      ...REPORT_COLUMNS,
      col('part', '所属部分', 30),
      col('level1', '一级指标', 14),
      col('level2', '二级指标', 14),
      col('level3', '三级指标', 30),
      col('nature', '指标性质', 8),
      col('targetText', '年度指标值', 18),
      col('target', '指标值（数）', 12),
      col('actualText', '实际完成值', 18),
      col('actual', '完成值（数）', 12),
      col('unit', '度量单位', 10),
      col('weight', '分值', 8),
      col('score', '得分', 8),
      col('reason', '偏差原因', 40),
      col('notApplicable', '不适用', 8),
      col('location', '位置', 30),
      col('sha256', '报告SHA-256', 20),
    ],
  },
  budget: {
    name: '预算执行',
    columns: [
      ...REPORT_COLUMNS,
      col('part', '所属部分', 30),
      col('label', '项目', 24),
      col('kind', '类别', 14),
      col('unit', '单位', 8),
      col('statedUnit', '表头所写单位', 12),
      col('initialBudget', '年初预算数', 14),
      col('fullYearBudget', '全年预算数', 14),
      col('executed', '全年执行数', 14),
      col('amount', '金额（分类）', 14),
      col('weight', '分值', 8),
      col('rate', '执行率', 10),
      col('score', '得分', 8),
      col('location', '位置', 30),
      col('sha256', '报告SHA-256', 20),
    ],
  },
  reports: {
    name: '报告',
    columns: [
      ...REPORT_COLUMNS,
      col('format', '格式', 14),
      col('status', '处理状态', 10),
      col('errorCode', '错误代码', 18),
      col('errorMessage', '未能读取的原因', 40),
      col('errors', '错误', 8),
      col('warnings', '警告', 8),
      col('infos', '提示', 8),
      col('newFindings', '本次新增', 9),
      col('reviewed', '已审核', 8),
      col('sha256', '报告SHA-256', 20),
    ],
  },
  audit: {
    name: '审核记录',
    columns: [
      ...REPORT_COLUMNS,
      col('at', '时间', 18),
      col('action', '操作', 12),
      col('actorName', '人员', 12),
      col('actor', '账号', 14),
      col('role', '角色', 8),
      col('findingId', '发现编号', 30),
      col('decision', '审核结论', 14),
      col('note', '审核备注', 30),
      col('previous', '此前结论', 14),
      col('bulk', '批量', 6),
      col('ip', '来源地址', 16),
      col('sha256', '报告SHA-256', 20),
    ],
  },
} satisfies Record<string, Sheet>;
export type SheetKey = keyof typeof SHEETS;

function num(n: number | null | undefined, decimals = 2): Cell {
  return n === null || n === undefined || !Number.isFinite(n) ? null : { number: n, decimals };
}

/** A document value: its figure as a number when it has one, else its text (blank stays blank). */
function factValue(fact: Fact | null | undefined): Cell {
  if (!fact) return null;
  if (fact.figure) return { number: Number(fact.figure.value), decimals: fact.figure.decimals };
  return fact.text === '' ? null : fact.text;
}

function text(fact: TextFact | Fact | null | undefined): Cell {
  return fact && fact.text !== '' ? fact.text : null;
}

function decimalsOf(n: number): number {
  const s = String(n);
  const dot = s.indexOf('.');
  return dot < 0 || s.includes('e') ? 0 : s.length - dot - 1;
}

function reportCells(r: ExportReport): Row {
  return { department: r.department, year: num(r.year, 0), file: r.fileName, sha256: r.sha256 };
}

export function reportRow(r: ExportReport): Row {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of r.findings) counts[f.finding.severity]++;
  return {
    ...reportCells(r),
    format: labelOf(FORMAT_LABELS, r.format),
    status: r.status === 'ok' ? '已处理' : '未能读取',
    errorCode: r.errorCode,
    errorMessage: r.status === 'ok' ? null : `${errorLabel(r.errorCode)}${r.errorMessage ? `：${r.errorMessage}` : ''}`,
    errors: num(counts.error, 0),
    warnings: num(counts.warning, 0),
    infos: num(counts.info, 0),
    newFindings: num(r.findings.filter((f) => f.isNew).length, 0),
    reviewed: num(r.findings.filter((f) => f.review).length, 0),
  };
}

export function findingRows(r: ExportReport): Row[] {
  return r.findings.map(({ finding: f, isNew, review }) => ({
    ...reportCells(r),
    part: f.part,
    rule: f.rule,
    ruleTitle: ruleTitle(f.rule),
    severity: SEVERITY_LABELS[f.severity],
    message: f.message,
    value1: num(f.values[0], decimalsOf(f.values[0] ?? 0)),
    value2: num(f.values[1], decimalsOf(f.values[1] ?? 0)),
    value3: num(f.values[2], decimalsOf(f.values[2] ?? 0)),
    values: f.values.map(formatNumber).join('；'),
    locations: f.evidence.map((e) => describeLocation(e.location)).join('\n'),
    evidence: f.evidence.map((e) => e.text).join('\n'),
    isNew: isNew ? '是' : '否',
    review: REVIEW_LABELS[review?.status ?? 'open'],
    note: review?.note || null,
    reviewer: review?.reviewer || null,
    reviewedAt: review ? { date: review.updatedAt } : null,
    findingId: f.id,
  }));
}

function selfEvalForms(r: ExportReport): Array<DeptSelfEval | ProjectSelfEval> {
  const report = r.result.report;
  if (!report) return [];
  return [...(report.deptSelfEval ? [report.deptSelfEval] : []), ...report.projects];
}

export function indicatorRows(r: ExportReport): Row[] {
  return selfEvalForms(r).flatMap((form) =>
    form.indicators.map((x) => ({
      ...reportCells(r),
      part: form.part,
      level1: x.level1,
      level2: x.level2,
      level3: x.level3,
      nature: text(x.nature),
      targetText: text(x.target),
      target: x.targetMeasure.figure ? { number: Number(x.targetMeasure.figure.value), decimals: x.targetMeasure.figure.decimals } : null,
      actualText: text(x.actual),
      actual: x.actualMeasure.figure ? { number: Number(x.actualMeasure.figure.value), decimals: x.actualMeasure.figure.decimals } : null,
      unit: text(x.unit) ?? x.targetMeasure.figure?.unit ?? x.actualMeasure.figure?.unit ?? null,
      weight: factValue(x.weight),
      score: factValue(x.score),
      reason: text(x.reason),
      notApplicable: x.notApplicable ? '是' : null,
      location: describeLocation(x.loc),
    })),
  );
}

/**
 * The unit the form's head states, where the amounts' size overrode it (a 万元 head over amounts in 元,
 * recognize/budget-block.ts blockUnit): 万元, or 未写单位 for a head without one; empty where the head's unit is the unit.
 */
function statedUnitCell(budget: BudgetBlock): string | null {
  if (budget.statedUnit === undefined) return null;
  return budget.statedUnit ?? '未写单位';
}

function budgetBlockRows(r: ExportReport, part: string, budget: BudgetBlock): Row[] {
  const statedUnit = statedUnitCell(budget);
  const rows: Row[] = budget.rows.map((b) => ({
    ...reportCells(r),
    part,
    label: b.label,
    kind: labelOf(BUDGET_KIND_LABELS, b.kind),
    unit: budget.unit,
    statedUnit,
    initialBudget: factValue(b.initialBudget),
    fullYearBudget: factValue(b.fullYearBudget),
    executed: factValue(b.executed),
    amount: null,
    weight: factValue(b.weight),
    rate: factValue(b.rate),
    score: factValue(b.score),
    location: describeLocation(b.loc),
  }));
  const breakdown = (kind: string, items: BudgetBlock['byIncome']) =>
    items.map((it) => ({
      ...reportCells(r),
      part,
      label: it.label,
      kind,
      unit: budget.unit,
      statedUnit,
      amount: factValue(it.amount),
      location: describeLocation(it.amount.loc),
    }));
  return [...rows, ...breakdown('按收入性质分', budget.byIncome), ...breakdown('按支出性质分', budget.bySpending)];
}

export function budgetRows(r: ExportReport): Row[] {
  return selfEvalForms(r).flatMap((form) => (form.budget ? budgetBlockRows(r, form.part, form.budget) : []));
}

const ROLE_NAMES: Record<string, string> = { viewer: '只读', reviewer: '审核人', admin: '管理员' };

/** The report's audit trail: every decision (with what it replaced), download and export. */
export function auditRows(r: ExportReport): Row[] {
  return r.audit.map((e) => {
    const d = e.detail as { status?: string; note?: string; previous?: { status?: string } | null; bulk?: unknown; format?: string };
    const decision = e.action === 'decision' ? (REVIEW_LABELS[(d.status ?? 'open') as ReviewStatus | 'open'] ?? d.status ?? null) : (d.format ?? null);
    return {
      ...reportCells(r),
      at: { date: new Date(e.at) },
      action: AUDIT_ACTIONS[e.action as keyof typeof AUDIT_ACTIONS] ?? e.action,
      actorName: e.actorName || null,
      actor: e.actor,
      role: labelOf(ROLE_NAMES, e.role),
      findingId: e.findingId,
      decision,
      note: e.action === 'decision' ? d.note || null : null,
      previous: e.action === 'decision' ? (d.previous?.status ? (REVIEW_LABELS[d.previous.status as ReviewStatus] ?? d.previous.status) : '未审核') : null,
      bulk: d.bulk ? '是' : null,
      ip: e.ip,
    };
  });
}

export const ROW_MAKERS: Record<SheetKey, (r: ExportReport) => Row[]> = {
  findings: findingRows,
  indicators: indicatorRows,
  budget: budgetRows,
  reports: (r) => [reportRow(r)],
  audit: auditRows,
};
