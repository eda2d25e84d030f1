import type { Fact } from '../../schemas/fact.js';
import { sumFinding } from './lib/sum-finding.js';
import { formName, paramsOf, totalBudgetRow } from './lib/forms.js';
import type { Rule } from './types.js';

/** A8 the project tables' executed amounts add up to the department's 项目支出. */
export const rule: Rule = {
  meta: {
    id: 'project-total',
    version: 1,
    severity: 'error',
    catalogue: 'A8',
    title: { zh: '项目支出与各项目表合计', en: 'Project tables add up to project spending' },
    description: {
      zh: '各项目支出绩效自评表的全年执行数之和应等于部门整体支出绩效自评表“按支出性质分”中的项目支出。',
      en: "The project tables' executed amounts add up to the department's project spending.",
    },
    formula: '项目支出 = Σ 各项目表年度资金总额全年执行数',
    tolerance: '每个金额按书写精度±½末位（万元整数视为两位小数），区间相交即一致',
    families: 'all',
    source: '湖南部门整体支出绩效自评报告附件（每个一级项目支出一张表）',
    parameters: ['moneyDecimals'],
  },
  check(report, ctx) {
    const p = paramsOf(ctx);
    const dept = report.deptSelfEval;
    const projectSpending = dept?.budget?.bySpending.find((i) => i.key === 'project')?.amount;
    if (!dept || !projectSpending || report.projects.length === 0) return [];
    const parts: Array<{ name: string; fact: Fact | null }> = report.projects.map((f) => ({
      name: formName(f),
      fact: totalBudgetRow(f)?.executed ?? null,
    }));
    const d = sumFinding({
      part: dept.part,
      totalName: { zh: '按支出性质分的项目支出（与各项目表全年执行数之和比较）', en: 'project spending vs the project tables' },
      total: projectSpending,
      parts,
      minDecimals: p.moneyDecimals,
      params: { family: p.family, moneyDecimals: p.moneyDecimals },
    });
    return d ? [d] : [];
  },
};
