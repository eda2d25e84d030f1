import { factEvidence, textEvidence } from './finding.js';
import { amountInterval, factNumber, isBlank } from './lib/amounts.js';
import { columnLabel, paramsOf, selfEvalForms } from './lib/forms.js';
import type { FindingDraft, Rule } from './types.js';

const OVERSPEND_REASON = /超支|超预算|追加|调整|垫付|结转/;

/** A9 执行数 above 预算数 needs a reason. */
export const rule: Rule = {
  meta: {
    id: 'overspend-reason',
    version: 2,
    severity: 'warning',
    catalogue: 'A9',
    title: { zh: '执行数超预算须说明', en: 'Spending above budget needs a reason' },
    description: {
      zh: '任一资金行的全年执行数大于全年预算数时，应说明原因；表中印有到位资金时，执行（实际使用）数大于到位资金同样须说明。',
      en: 'Executed above the full-year budget in any funding row needs a stated reason; so does executed above the funds arrived where the form prints them.',
    },
    formula: '全年执行数 > 全年预算数（或 > 到位资金）⇒ 须有原因说明',
    tolerance: '两数区间（±½末位，万元两位小数）不相交且执行数更大才算超出',
    families: 'all',
    source: '财预〔2020〕10号；预算法（无预算不得支出）',
    parameters: ['moneyDecimals'],
  },
  check(report, ctx) {
    const p = paramsOf(ctx);
    const out: FindingDraft[] = [];
    for (const form of selfEvalForms(report)) {
      const reasons = form.indicators.map((i) => i.reason).filter((r) => OVERSPEND_REASON.test(r.text));
      // a 其中 row that restates the total's figures (当年财政拨款 = 年度资金总额) is the same overspend: one finding
      const reported = new Set<string>();
      for (const row of form.budget?.rows ?? []) {
        if (!row.executed || isBlank(row.executed)) continue;
        const e = amountInterval(row.executed, p.moneyDecimals);
        // the bound passed: the budget, else the funds that arrived (实际使用 above 实际到位资金)
        const bound = [row.fullYearBudget, row.arrived].find((f) => {
          if (!f || isBlank(f)) return false;
          const b = amountInterval(f, p.moneyDecimals);
          return e && b && e.lo.gt(b.hi);
        });
        if (!e || !bound) continue;
        const pair = `${row.executed.text.trim()}|${bound.text.trim()}`;
        if (reported.has(pair)) continue;
        reported.add(pair);
        const field = bound === row.fullYearBudget ? 'fullYearBudget' : 'arrived';
        const label = row.label.replace(/^其中[:：]?/, '').replace(/\s+/g, '');
        out.push({
          severity: reasons.length ? 'info' : 'warning',
          message: {
            zh: `${form.part}「${label}」${columnLabel(form, 'executed')}${row.executed.text.trim()}超过${columnLabel(form, field)}${bound.text.trim()}${reasons.length ? `；“${reasons[0].text.trim()}”或为其说明` : '，未见原因说明'}`,
            en: `${form.part} "${label}": executed ${row.executed.text.trim()} exceeds ${field === 'arrived' ? 'funds arrived' : 'budget'} ${bound.text.trim()}${reasons.length ? '' : ', no reason stated'}`,
          },
          values: [factNumber(row.executed)!, factNumber(bound)!],
          evidence: [factEvidence(row.executed, 'executed'), factEvidence(bound, field === 'arrived' ? 'arrived' : 'budget'), ...reasons.map((r) => textEvidence(r, 'reason'))],
          expected: `≤ ${bound.text.trim()}，或说明原因`,
          observed: row.executed.text.trim(),
          tolerance: `金额±½末位（至少${p.moneyDecimals}位小数）`,
          params: { family: p.family, moneyDecimals: p.moneyDecimals },
          part: form.part,
        });
      }
    }
    return out;
  },
};
