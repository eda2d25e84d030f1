import type { FindingDraft, Rule } from './types.js';
import { factEvidence } from './finding.js';
import { checkRate, factNumber, isBlank } from './lib/amounts.js';
import { columnLabel, formName, paramsOf, selfEvalForms, totalBudgetRow, type SelfEvalForm } from './lib/forms.js';
import type { BudgetRow } from '../../schemas/records.js';

/**
 * Rows whose printed rate is checked: the total row, and a source row (其他资金 1.8 of 1.8 printed 0) when
 * it states both amounts and a budget above zero — a sub-row with nothing budgeted or spent is left to
 * the template (0.0% on empty rows).
 */
function ratedRows(form: SelfEvalForm): BudgetRow[] {
  const total = totalBudgetRow(form);
  const sources = (form.budget?.rows ?? []).filter((r) => r !== total && r.kind !== 'unknown' && positive(r.fullYearBudget) && positive(r.executed));
  return total ? [total, ...sources] : sources;
}

function positive(f: BudgetRow['executed']): boolean {
  const n = f && !isBlank(f) ? factNumber(f) : null;
  return n !== null && n > 0;
}

/** A1 执行率 = 全年执行数 ÷ 全年预算数 (Sichuan: 预算执行数 ÷ 调整后预算数), against the printed rate. */
export const rule: Rule = {
  meta: {
    id: 'execution-rate',
    version: 2,
    severity: 'error',
    catalogue: 'A1',
    title: { zh: '预算执行率计算', en: 'Budget execution rate' },
    description: {
      zh: '年度资金总额行的执行率应等于全年执行数除以全年预算数（四川模板：预算执行数÷调整后预算数）；资金来源行填有预算数、执行数和执行率时同样核对。',
      en: 'The printed execution rate of the total funds row equals executed ÷ full-year budget; so does a source row\'s when it states both amounts and a rate.',
    },
    formula: '执行率 = 全年执行数 ÷ 全年预算数 × 100%',
    tolerance: '金额按书写精度±½末位（万元金额至少两位小数），执行率按书写精度±½末位（“100%”为±0.5个百分点）；区间相交即一致',
    families: 'all',
    source: '项目支出绩效自评表、部门整体支出绩效自评表表样；财预〔2020〕10号',
    parameters: ['moneyDecimals'],
  },
  check(report, ctx) {
    const out: FindingDraft[] = [];
    const p = paramsOf(ctx);
    const dp = p.moneyDecimals;
    for (const form of selfEvalForms(report)) {
      for (const row of ratedRows(form)) {
        if (!row.rate || isBlank(row.rate) || !row.executed || !row.fullYearBudget) continue;
        if (isBlank(row.executed) || isBlank(row.fullYearBudget)) continue;
        // An approximate or one-sided rate ("约95%") cannot be checked by arithmetic: checkRate gives null.
        const c = checkRate(row.executed, row.fullYearBudget, row.rate, dp);
        if (!c || c.consistent) continue;
        const name = formName(form);
        const exe = columnLabel(form, 'executed');
        const bud = columnLabel(form, 'fullYearBudget');
        const rate = columnLabel(form, 'rate');
        out.push({
          message: {
            zh: `${form.part}「${row.label}」${rate}印为${row.rate.text.trim()}，但${exe}${row.executed.text.trim()}÷${bud}${row.fullYearBudget.text.trim()}=${c.computedValue}%`,
            en: `${name}: printed execution rate ${row.rate.text.trim()} but executed ${row.executed.text.trim()} ÷ budget ${row.fullYearBudget.text.trim()} = ${c.computedValue}%`,
          },
          values: [factNumber(row.rate)!, Number(c.computedValue)],
          evidence: [
            factEvidence(row.executed, 'executed'),
            factEvidence(row.fullYearBudget, 'budget'),
            factEvidence(row.rate, 'rate'),
          ],
          expected: `${c.computedValue}%`,
          observed: row.rate.text.trim(),
          tolerance: c.tolerance,
          params: { family: p.family, moneyDecimals: dp },
          part: form.part,
        });
      }
    }
    return out;
  },
};
