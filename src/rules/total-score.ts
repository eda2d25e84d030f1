import { halfUnit, Rational } from '../numbers/decimal.js';
import { factEvidence } from './finding.js';
import { isBlank, points } from './lib/amounts.js';
import { indicatorName, selfEvalForms, totalBudgetRow } from './lib/forms.js';
import type { FindingDraft, Rule } from './types.js';

/** D4 总分 得分 = execution score + Σ indicator scores. */
export const rule: Rule = {
  meta: {
    id: 'total-score',
    version: 1,
    severity: 'error',
    catalogue: 'D4',
    title: { zh: '总分等于各项得分之和', en: 'Total score is the sum of scores' },
    description: {
      zh: '总分行的得分应等于预算执行得分与各指标得分之和（“不适用”行不计）。',
      en: 'The total score equals the execution score plus every indicator score (不适用 rows excluded).',
    },
    formula: '总分得分 = 预算执行得分 + Σ 指标得分',
    tolerance: '精确（分数是评定值）；仅当分项写到两位以上小数时，总分按两位小数±0.005',
    families: 'all',
    source: '自评表表样（财预〔2020〕10号）',
  },
  check(report) {
    const out: FindingDraft[] = [];
    for (const form of selfEvalForms(report)) {
      const total = form.total?.score;
      const t = points(total);
      if (!total || !t) continue;
      const exec = totalBudgetRow(form);
      const parts = [
        ...(exec?.score ? [{ name: '预算执行', fact: exec.score }] : []),
        ...form.indicators.filter((i) => !i.notApplicable).map((i) => ({ name: indicatorName(i), fact: i.score })),
      ];
      let sum = Rational.of(0);
      let maxDp = 0;
      const missing: string[] = [];
      for (const p of parts) {
        const v = points(p.fact);
        if (v) {
          sum = sum.add(v);
          maxDp = Math.max(maxDp, p.fact.figure!.decimals);
        } else if (isBlank(p.fact)) missing.push(`${p.name} 得分`);
      }
      if (parts.length === 0) continue;
      // Scores are assigned points, so the total is exact; only parts finer than two decimals
      // ("1.333") may be rounded in the total.
      const dp = Math.max(total.figure!.decimals, 2);
      const tol = maxDp > dp ? halfUnit(dp) : Rational.of(0);
      if (sum.sub(t).abs().le(tol)) continue;
      out.push({
        message: {
          zh: `${form.part}总分得分为${total.text.trim()}，但预算执行得分与${parts.length - (exec?.score ? 1 : 0)}个指标得分之和为${sum.toString()}${missing.length ? `（未填${missing.length}项）` : ''}`,
          en: `${form.part}: total score ${total.text.trim()} but the execution score and indicator scores add up to ${sum.toString()}`,
        },
        values: [t.toNumber(), sum.toNumber()],
        evidence: [factEvidence(total, 'total'), ...parts.filter((p) => p.fact.figure).map((p) => factEvidence(p.fact, 'score'))],
        expected: sum.toString(),
        observed: total.text.trim(),
        tolerance: tol.isZero() ? '0（精确）' : `±${tol.toString()}（总分书写精度）`,
        missing,
        part: form.part,
      });
    }
    return out;
  },
};
