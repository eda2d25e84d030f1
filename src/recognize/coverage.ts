import type { Fact } from '../../schemas/fact.js';
import type { BasicData, DeptSelfEval, ProjectSelfEval } from '../../schemas/records.js';
import type { Coverage } from '../../schemas/report.js';

type NotUnderstood = Coverage['notUnderstood'];

const where = (f: Fact, what: string) =>
  `${f.loc.part ?? ''} 表${(f.loc.table ?? 0) + 1} 第${(f.loc.row ?? 0) + 1}行 第${(f.loc.col ?? 0) + 1}列（${what}）`;

/** A cell in a numeric column that holds text we could not read as a number ("95.\n10%"). */
function unreadable(f: Fact | null | undefined, what: string, out: NotUnderstood): void {
  if (f && f.text.trim() && !f.figure && !/^(不适用|无|\/|—|-|——)$/.test(f.text.trim())) out.push({ text: f.text, where: where(f, what) });
}

/**
 * What a recognized form should have had but did not, and numeric cells we could not read —
 * so a report never looks clean just because nothing was understood.
 */
export function formGaps(form: DeptSelfEval | ProjectSelfEval, out: NotUnderstood): void {
  if (!form.budget) out.push({ text: '', where: `${form.part}：未找到预算执行情况（年初预算数/全年预算数/全年执行数）` });
  if (!form.indicators.length) out.push({ text: '', where: `${form.part}：未找到绩效指标表（一级/二级/三级指标）` });
  for (const row of form.budget?.rows ?? []) {
    for (const [f, what] of [
      [row.initialBudget, '年初预算数'],
      [row.fullYearBudget, '全年预算数'],
      [row.executed, '全年执行数'],
      [row.weight, '分值'],
      [row.rate, '执行率'],
      [row.score, '得分'],
    ] as const) unreadable(f, what, out);
  }
  for (const ind of form.indicators) {
    if (ind.notApplicable) continue;
    unreadable(ind.weight, `${ind.level3} 分值`, out);
    unreadable(ind.score, `${ind.level3} 得分`, out);
  }
  unreadable(form.total?.weight, '总分 分值', out);
  unreadable(form.total?.score, '总分 得分', out);
}

export function basicDataGaps(data: BasicData, out: NotUnderstood): void {
  if (!data.staffing && !data.spending.length) out.push({ text: '', where: `${data.part}：未找到人员或经费控制情况` });
  for (const row of data.spending) {
    unreadable(row.previousFinal, `${row.label} 上年决算`, out);
    unreadable(row.budget, `${row.label} 本年预算`, out);
    unreadable(row.final, `${row.label} 本年决算`, out);
  }
  if (data.staffing) {
    unreadable(data.staffing.authorized, '编制数', out);
    unreadable(data.staffing.actual, '实际在职人数', out);
    unreadable(data.staffing.controlRate, '控制率', out);
  }
}
