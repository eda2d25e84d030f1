import type { BasicData, DeptSelfEval, ProjectSelfEval } from '../../schemas/records.js';
import type { TemplateFamily } from '../../schemas/report.js';
import { key } from './table-view.js';

/**
 * Which provincial template family the report follows (shared/design/templates.md), told from the
 * header labels that were actually printed. It selects the rule parameters (weight splits,
 * execution scoring); the findings say which family was assumed.
 */
export function detectFamily(basic: BasicData | null, dept: DeptSelfEval | null, projects: ProjectSelfEval[]): TemplateFamily {
  const forms = [dept, ...projects].filter((f): f is DeptSelfEval | ProjectSelfEval => f !== null);
  const budgetLabels = forms.flatMap((f) => f.budget?.columns.map((c) => key(c.label)) ?? []);
  const rowLabels = forms.flatMap((f) => f.budget?.rows.map((r) => key(r.label)) ?? []);
  const indicatorCols = forms.map((f) => f.indicatorColumns.map((c) => ({ field: c.field, label: key(c.label) })));
  const has = (labels: string[], re: RegExp) => labels.some((l) => re.test(l));

  const weightBeforeTarget = indicatorCols.some((cols) => {
    const w = cols.findIndex((c) => c.field === 'weight');
    const t = cols.findIndex((c) => c.field === 'target');
    return w >= 0 && t >= 0 && w < t;
  });
  if (weightBeforeTarget || has(budgetLabels, /执行率\(B\/A\)/) && indicatorCols.some((c) => c.some((x) => /全年实际值/.test(x.label)))) return 'sichuan-linkage';
  if (has(budgetLabels, /调整后预算/) || has(rowLabels, /财政专户|单位资金/) || indicatorCols.some((c) => c.some((x) => x.field === 'nature')) && has(budgetLabels, /权重/)) return 'sichuan';
  if (indicatorCols.some((c) => c.some((x) => x.field === 'nature' || x.field === 'unit'))) return 'yunnan';
  if (forms.some((f) => f.budget?.rows.some((r) => r.weight?.figure?.value === '20'))) return 'exec-20';
  if (basic || dept) return 'hunan-dept';
  if (projects.length) return 'mof-2020';
  return 'unknown';
}
