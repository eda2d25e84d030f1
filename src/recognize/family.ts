import type { BasicData, DeptSelfEval, ProjectSelfEval } from '../../schemas/records.js';
import type { TemplateFamily } from '../../schemas/report.js';
import { key } from './table-view.js';

/** Module level, not a closure per report (V8 compiled per-report closures again after every full GC). */
function anyLabel(labels: string[], re: RegExp): boolean {
  return labels.some((l) => re.test(l));
}

/**
 * Which provincial template family the report follows (shared/design/templates.md), told from the
 * header labels that were actually printed. It selects the rule parameters (weight splits,
 * execution scoring); the findings say which family was assumed.
 */
export function detectFamily(basic: BasicData | null, dept: DeptSelfEval | null, projects: ProjectSelfEval[]): TemplateFamily {
  const forms = [dept, ...projects].filter((f): f is DeptSelfEval | ProjectSelfEval => f !== null);
  const distinct = distinctFamily(forms);
  if (distinct) return distinct;
  const budgetLabels = forms.flatMap((f) => f.budget?.columns.map((c) => key(c.label)) ?? []);
  const rowLabels = forms.flatMap((f) => f.budget?.rows.map((r) => key(r.label)) ?? []);
  const indicatorCols = forms.map((f) => f.indicatorColumns.map((c) => ({ field: c.field, label: key(c.label) })));

  const weightBeforeTarget = indicatorCols.some((cols) => {
    const w = cols.findIndex((c) => c.field === 'weight');
    const t = cols.findIndex((c) => c.field === 'target');
    return w >= 0 && t >= 0 && w < t;
  });
  if (weightBeforeTarget || anyLabel(budgetLabels, /执行率\(B\/A\)/) && indicatorCols.some((c) => c.some((x) => /全年实际值/.test(x.label)))) return 'sichuan-linkage';
  if (anyLabel(budgetLabels, /调整后预算/) || anyLabel(rowLabels, /财政专户|单位资金/) || indicatorCols.some((c) => c.some((x) => x.field === 'nature')) && anyLabel(budgetLabels, /权重/)) return 'sichuan';
  if (indicatorCols.some((c) => c.some((x) => x.field === 'nature' || x.field === 'unit'))) return 'yunnan';
  if (forms.some((f) => f.budget?.rows.some((r) => r.weight?.figure?.value === '20'))) return 'exec-20';
  // a form that prints no weights at all matches no family's signature
  if (forms.length && !forms.some(hasWeights)) return basic ? 'hunan-dept' : 'unknown';
  // scoring sheets only (评分表 / 得分表: levels and points, no 指标值 / 完成值, no budget block) follow
  // no family's layout either
  if (forms.length && !forms.some((f) => f.budget || f.indicatorColumns.some((c) => c.field === 'target' || c.field === 'actual'))) return basic ? 'hunan-dept' : 'unknown';
  if (basic || dept) return 'hunan-dept';
  if (projects.length) return 'mof-2020';
  return 'unknown';
}

type Form = DeptSelfEval | ProjectSelfEval;

function hasWeights(f: Form): boolean {
  return f.indicatorColumns.some((c) => c.field === 'weight' || c.field === 'score') || !!f.budget?.columns.some((c) => c.field === 'weight');
}

/**
 * Families told by what is printed, whatever else the report holds (shared/design/templates.md,
 * second table): 53号 指标表 (评价标准/指标说明, 投入/过程/产出/效果), 宁夏 (项目决策/项目管理 …, 参考分值),
 * 四川 转移支付 (到位资金, 扣除统筹整合资金 …, lettered formula columns).
 */
function distinctFamily(forms: Form[]): TemplateFamily | null {
  for (const f of forms) {
    const cols = f.indicatorColumns;
    if (cols.some((c) => c.field === 'description' || c.field === 'standard') && !cols.some((c) => c.field === 'target')) return 'eval-53';
    const level1 = new Set(f.indicators.map((i) => key(i.level1)));
    if ([...level1].some((l) => /^项目(决策|管理)/.test(l)) || cols.some((c) => c.field === 'weight' && /参考分值/.test(key(c.label)))) return 'ningxia';
    if (f.budget?.columns.some((c) => c.field === 'netBudget' || c.field === 'arrived' || c.field === 'arrivalRate')) return 'sichuan-transfer';
  }
  return null;
}

const CLASSIC = new Set<TemplateFamily>(['hunan-dept', 'mof-2020', 'sichuan', 'sichuan-linkage', 'yunnan', 'exec-20']);

/**
 * The family whose parameters apply to one form: its own when it is one of the distinct families
 * or matches none (unknown); else the report's (the classic families share one layout and are told
 * apart on the report as a whole).
 */
export function formFamily(form: Form, reportFamily: TemplateFamily): TemplateFamily {
  const own = form.kind === 'dept-self-eval' ? detectFamily(null, form, []) : detectFamily(null, null, [form]);
  if (CLASSIC.has(own) && CLASSIC.has(reportFamily)) return reportFamily;
  return own;
}
