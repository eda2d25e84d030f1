import type { BudgetRow, DeptSelfEval, Indicator, ProjectSelfEval } from '../../../schemas/records.js';
import { paramsFor, type TemplateParams } from '../../config/template-params.js';
import type { Report } from '../../../schemas/report.js';
import type { Fact } from '../../../schemas/fact.js';

/** A 部门整体支出绩效自评表 or a 项目支出绩效自评表: both share budget block, indicators, 总分. */
export type SelfEvalForm = DeptSelfEval | ProjectSelfEval;

/**
 * The form of a statement's subject (部门整体 → the department form, a project → its form); `byStructure` when a project
 * report tells no project and the document's only project form (no department form beside it) is taken as its own — a
 * pairing by structure, so a mismatch is only info.
 */
export function formOfSubject(report: Report, subject: { kind: 'dept' | 'project'; project: number | null }): { form: SelfEvalForm; byStructure: boolean } | null {
  if (subject.kind === 'dept') return report.deptSelfEval ? { form: report.deptSelfEval, byStructure: false } : null;
  if (subject.project !== null) return report.projects[subject.project] ? { form: report.projects[subject.project], byStructure: false } : null;
  return report.projects.length === 1 && !report.deptSelfEval ? { form: report.projects[0], byStructure: true } : null;
}

/** The form's own total score: its 总分 row's 得分, else the score printed at its head (自评得分 | 98); exact figures only. */
export function printedTotalScore(form: SelfEvalForm): { fact: Fact; name: '总分得分' | '表头自评得分' } | null {
  if (exactFigure(form.total?.score)) return { fact: form.total!.score!, name: '总分得分' };
  if (exactFigure(form.headScore)) return { fact: form.headScore, name: '表头自评得分' };
  return null;
}

/** A fact with an exact figure (=, not approximate). */
export const exactFigure = (x: Fact | null | undefined): x is Fact => !!x?.figure && x.figure.comparator === '=' && !x.figure.approximate;

/** Every self-evaluation form of the report, department form first. */
export function selfEvalForms(report: Report): SelfEvalForm[] {
  return [...(report.deptSelfEval ? [report.deptSelfEval] : []), ...report.projects];
}

/**
 * The precision a form writes its scores with (catalogue, rounding): the most decimals of any score
 * it prints (indicators, budget rows, total). An integer among one-decimal scores ("1" beside "0.5")
 * has one decimal with the zero omitted. Never less than the score's own written decimals.
 */
export function writtenScoreDecimals(form: SelfEvalForm, own: number): number {
  let dp = own;
  for (const ind of form.indicators) dp = moreDecimals(dp, ind.score);
  for (const row of form.budget?.rows ?? []) dp = moreDecimals(dp, row.score);
  return moreDecimals(dp, form.total?.score);
}

/** Module level, not a closure per call (V8 compiled per-report closures again after every full GC). */
function moreDecimals(dp: number, f: { figure: { decimals: number } | null } | null | undefined): number {
  return f?.figure && f.figure.decimals > dp ? f.figure.decimals : dp;
}

/** What a reason cell holds when it gives none. */
const NO_REASON = /^(无|暂无|没有|\/|—+|-+|——)?$/;

/**
 * Where a form asks for the deviation reason (偏差原因分析及改进措施 / 未完成原因分析): in each indicator row
 * ('row'), answered once for the whole form by a reason row that says something ('form'), or nowhere — no
 * reason column (53号 指标表: 'none').
 */
export function reasonPlace(form: SelfEvalForm): 'row' | 'form' | 'none' {
  if (form.indicatorColumns.length && !form.indicatorColumns.some((c) => c.field === 'reason')) return 'none';
  if (form.deviationNote && !NO_REASON.test(form.deviationNote.text.replace(/\s+/g, ''))) return 'form';
  return 'row';
}

/**
 * Whether the form prints indicator weights at all (a 分值/权重 column with at least one readable
 * value). Forms without one (保山's 预算执行情况(20分) sheets, scoring sheets that give only 得分)
 * have no weights to add up: their absence is not a sum of 0.
 */
export function printsWeights(form: SelfEvalForm): boolean {
  return form.indicators.some((i) => i.weight?.figure != null);
}

/** The 年度资金总额 row of a budget block (the row of kind total, else the first row). */
export function totalBudgetRow(form: SelfEvalForm): BudgetRow | null {
  const rows = form.budget?.rows ?? [];
  return rows.find((r) => r.kind === 'total') ?? null;
}

/** Name of a project form for messages: 项目支出名称, else the part label. */
export function formName(form: SelfEvalForm): string {
  if (form.kind === 'project-self-eval' && form.name?.text.trim()) return form.name.text.trim();
  return form.part;
}

/** Default printed names of the fields, used in messages when the form's own header is unknown. */
const FIELD_LABELS: Record<string, { zh: string; en: string }> = {
  initialBudget: { zh: '年初预算数', en: 'initial budget' },
  fullYearBudget: { zh: '全年预算数', en: 'full-year budget' },
  executed: { zh: '全年执行数', en: 'executed' },
  arrived: { zh: '到位资金', en: 'funds arrived' },
  weight: { zh: '分值', en: 'weight' },
  rate: { zh: '执行率', en: 'execution rate' },
  score: { zh: '得分', en: 'score' },
  target: { zh: '年度指标值', en: 'target' },
  actual: { zh: '实际完成值', en: 'actual' },
  reason: { zh: '偏差原因分析及改进措施', en: 'deviation reason' },
};

/** The column's label as printed on this form ("调整后预算数" on Sichuan forms), else the default. */
export function columnLabel(form: SelfEvalForm, field: string, lang: 'zh' | 'en' = 'zh', scope: 'form' | 'indicators' = 'form'): string {
  if (lang === 'zh') {
    // 分值 / 得分 head both the budget block and the indicator table ("执行率得分(分)" vs "指标得分(分)")
    const columns = scope === 'indicators' ? form.indicatorColumns : [...(form.budget?.columns ?? []), ...form.indicatorColumns];
    const printed = columns.find((c) => c.field === field);
    if (printed) return printed.label.replace(/\s+/g, '');
  }
  return FIELD_LABELS[field]?.[lang] ?? field;
}

/** "「办理项目竣工验收率」" — the indicator's name as a reviewer finds it on the form. */
export function indicatorName(ind: Indicator): string {
  let name = indicatorNames.get(ind);
  if (name === undefined) {
    name = `「${(ind.level3 || ind.level2 || ind.level1).replace(/\s+/g, '')}」`;
    indicatorNames.set(ind, name);
  }
  return name;
}

/** indicatorName per indicator: most rules name the same indicators (a report does not change while the rules run). */
const indicatorNames = new WeakMap<Indicator, string>();

/** 一级指标 stem without the declared points: "产出指标(30分)" → "产出指标". */
export function level1Stem(level1: string): string {
  return level1.replace(/[（(]\s*\d+(?:\.\d+)?\s*分\s*[）)]/g, '').replace(/\s+/g, '');
}

/** Key of a 一级指标 for weight splits: 产出 / 效益 / 满意度 / 成本 / the stem itself ("效果指标", as some provinces print 效益指标, is 效益). */
export function level1Key(level1: string): string {
  const stem = level1Stem(level1);
  for (const k of ['产出', '效益', '满意度', '成本']) if (stem.includes(k)) return k;
  if (stem.includes('效果')) return '效益';
  return stem;
}

/** The context's template parameters (runRules always fills them; defaults otherwise). */
export function paramsOf(ctx: { params?: TemplateParams }): TemplateParams {
  return ctx.params ?? paramsFor('unknown');
}
