import { intersects, intervalOf, Rational } from '../numbers/decimal.js';
import { factEvidence, textEvidence } from './finding.js';
import { amountInterval, factNumber, isBlank } from './lib/amounts.js';
import { columnLabel, paramsOf, selfEvalForms, totalBudgetRow, type SelfEvalForm } from './lib/forms.js';
import type { TextFact } from '../../schemas/fact.js';
import type { FindingDraft, Rule } from './types.js';

/**
 * Words of a budget-change / low-execution explanation (追加预算, 调整, 结转 …). Money a higher level paid
 * straight to the people it is for (v2: "滋慧计划由中央直接拨付到个人银行账户", a school's student-aid form, 执行率 25)
 * never passed through the unit's books: that says why the unit executed less.
 */
const BUDGET_REASON = /追加|调整|调增|调减|追减|结转|结余|执行完毕|据实|增加预算|减少预算|预算变动|未执行|未支付|未付|未拨付|尾款|质保金|未结算|未到位|未完成支出|直接(?:拨付|发放|支付)/;

/** Reason cells on the form that explain the budget (the budget block has no reason column in MOF forms). */
function budgetReasons(form: SelfEvalForm): TextFact[] {
  const cells = form.indicators.map((i) => i.reason);
  // the form-level 偏差大或目标未完成原因分析 row speaks for the whole form, the budget included
  if (form.deviationNote) cells.push(form.deviationNote);
  // the 转移支付 form's 资金管理情况 says how the money was executed (执行准确性)
  if (form.executionNote) cells.push(form.executionNote);
  return cells.filter((r) => BUDGET_REASON.test(r.text));
}

/** A3 a low execution rate (< 90%) or a budget changed during the year (年初 ≠ 全年) needs a stated reason. */
export const rule: Rule = {
  meta: {
    id: 'budget-change-reason',
    version: 2,
    severity: 'warning',
    catalogue: 'A3',
    title: { zh: '预算调整或执行率偏低须说明原因', en: 'Budget change or low execution needs a reason' },
    description: {
      zh: '执行率低于阈值（默认90%），或年初预算数与全年预算数（调整后预算数）不一致时，表中应说明原因；若原因只出现在某个指标的偏差原因栏（含资金由上级“直接拨付/发放”到个人的说明），降为提示并附上该说明。',
      en: 'An execution rate below the threshold (90%) or an initial budget differing from the full-year budget needs a stated reason; a reason found only in an indicator\'s deviation cell (money a higher level paid directly to the people it is for included) makes it a note that quotes it.',
    },
    formula: '执行率 < 90% 或 年初预算数 ≠ 全年预算数 ⇒ 须有原因说明',
    tolerance: '金额按两位小数±½末位比较（区间不相交才算不一致）',
    families: 'all',
    source: '财预〔2020〕10号；各省自评表填报说明',
    parameters: ['reasonThresholdPercent', 'moneyDecimals'],
  },
  check(report, ctx) {
    const p = paramsOf(ctx);
    const out: FindingDraft[] = [];
    for (const form of selfEvalForms(report)) {
      const row = totalBudgetRow(form);
      if (!row) continue;
      const reasons = budgetReasons(form);
      const reasonNote = reasons.length
        ? { zh: `；表中“${reasons[0].text.trim()}”或为其说明，请核对`, en: `; "${reasons[0].text.trim()}" on the form may explain it` }
        : { zh: '，表中未见原因说明', en: ', no reason stated on the form' };
      const severity = reasons.length ? 'info' : 'warning';
      const ini = row.initialBudget;
      const full = row.fullYearBudget;
      if (ini && full && !isBlank(ini) && !isBlank(full)) {
        const a = amountInterval(ini, p.moneyDecimals);
        const b = amountInterval(full, p.moneyDecimals);
        if (a && b && !intersects(a, b)) {
          const il = columnLabel(form, 'initialBudget');
          const fl = columnLabel(form, 'fullYearBudget');
          out.push({
            severity,
            message: {
              zh: `${form.part}${il}${ini.text.trim()}万元与${fl}${full.text.trim()}万元不一致（预算有调整）${reasonNote.zh}`,
              en: `${form.part}: initial budget ${ini.text.trim()} differs from full-year budget ${full.text.trim()}${reasonNote.en}`,
            },
            values: [factNumber(ini)!, factNumber(full)!],
            evidence: [factEvidence(ini, 'initial-budget'), factEvidence(full, 'budget'), ...reasons.map((r) => textEvidence(r, 'reason'))],
            expected: `${il} = ${fl}，或说明调整原因`,
            observed: `${ini.text.trim()} ≠ ${full.text.trim()}`,
            tolerance: `±${p.moneyDecimals}位小数的½末位`,
            params: { family: p.family, moneyDecimals: p.moneyDecimals },
            part: form.part,
          });
        }
      }
      const rate = row.rate?.figure;
      // a row with nothing budgeted ("年度资金总额: | 0 | 0 | 0 | 10 | 0 | 0" while 本年财政拨款 holds the money)
      // has no low execution to explain: its zero total is reported by the funding-rows checks
      const nothingBudgeted = row.fullYearBudget?.figure && Rational.parse(row.fullYearBudget.figure.value).n === 0n;
      if (row.rate && rate && rate.comparator === '=' && !rate.approximate && !nothingBudgeted) {
        const threshold = Rational.of(p.reasonThresholdPercent);
        if (intervalOf(rate.value, rate.decimals).hi.lt(threshold)) {
          out.push({
            severity,
            message: {
              zh: `${form.part}执行率${row.rate.text.trim()}低于${p.reasonThresholdPercent}%${reasonNote.zh}`,
              en: `${form.part}: execution rate ${row.rate.text.trim()} is below ${p.reasonThresholdPercent}%${reasonNote.en}`,
            },
            values: [factNumber(row.rate)!, p.reasonThresholdPercent],
            evidence: [factEvidence(row.rate, 'rate'), ...reasons.map((r) => textEvidence(r, 'reason'))],
            expected: `执行率 ≥ ${p.reasonThresholdPercent}% 或说明原因`,
            observed: row.rate.text.trim(),
            tolerance: null,
            params: { family: p.family, reasonThresholdPercent: p.reasonThresholdPercent },
            part: form.part,
          });
        }
      }
    }
    return out;
  },
};
