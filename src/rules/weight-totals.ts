import { Rational } from '../numbers/decimal.js';
import { factEvidence } from './finding.js';
import { points } from './lib/amounts.js';
import { paramsOf, printsWeights, selfEvalForms, totalBudgetRow } from './lib/forms.js';
import type { FindingDraft, Rule } from './types.js';

/** D3 indicator weights total 90 (100 − execution weight), and 100 with the execution weight. */
export const rule: Rule = {
  meta: {
    id: 'weight-totals',
    version: 1,
    severity: 'error',
    catalogue: 'D3',
    title: { zh: '分值总计', en: 'Weights total 100' },
    description: {
      zh: '预算执行分值加全部指标分值应等于总分行的分值（表中印有时为错误）；指标分值合计应为模板规定的数（默认90 = 100 − 执行率分值10），表中未印总分时为警告。',
      en: 'Execution weight plus all indicator weights equals the printed total weight (error); indicator weights total the template figure (default 90), a warning when the form prints no total.',
    },
    formula: '总分分值 = 执行率分值 + Σ 指标分值；Σ 指标分值 = 100 − 执行率分值',
    tolerance: '精确比较',
    families: 'all',
    source: '财预〔2020〕10号（执行率10分、指标90分）；20分制变体',
    parameters: ['executionWeight', 'indicatorTotal'],
  },
  check(report, ctx) {
    const p = paramsOf(ctx);
    const out: FindingDraft[] = [];
    for (const form of selfEvalForms(report)) {
      if (!printsWeights(form)) continue; // no 分值 column: nothing to add up
      const live = form.indicators.filter((i) => !i.notApplicable);
      if (live.length === 0) continue;
      let sum = Rational.of(0);
      for (const i of live) {
        const w = points(i.weight);
        if (w) sum = sum.add(w);
      }
      const exec = totalBudgetRow(form);
      const execWeight = points(exec?.weight) ?? null;
      const totalWeight = points(form.total?.weight);
      // a form with no execution row at all (宁晋 绩效评价指标表: indicators and 总分 only) adds no
      // execution weight: its indicator weights alone make the total
      if (totalWeight && !exec && sum.eq(totalWeight)) continue;
      if (totalWeight && form.total?.weight) {
        const ew = execWeight ?? Rational.of(p.executionWeight);
        const expected = ew.add(sum);
        if (!expected.eq(totalWeight)) {
          out.push({
            message: {
              zh: `${form.part}总分分值为${form.total.weight.text.trim()}，但预算执行分值${ew.toString()}加各指标分值${sum.toString()}为${expected.toString()}`,
              en: `${form.part}: total weight ${form.total.weight.text.trim()} but execution ${ew.toString()} + indicators ${sum.toString()} = ${expected.toString()}`,
            },
            values: [totalWeight.toNumber(), expected.toNumber()],
            evidence: [factEvidence(form.total.weight, 'total'), ...(exec?.weight ? [factEvidence(exec.weight, 'execution-weight')] : [])],
            expected: expected.toString(),
            observed: form.total.weight.text.trim(),
            tolerance: '0（精确）',
            params: execWeight ? null : { family: p.family, executionWeight: p.executionWeight },
            part: form.part,
          });
          continue;
        }
      }
      const target = Rational.of(p.indicatorTotal);
      if (!sum.eq(target) && !(execWeight && totalWeight && execWeight.add(sum).eq(totalWeight))) {
        out.push({
          severity: 'warning',
          message: {
            zh: `${form.part}各指标分值合计${sum.toString()}分，模板（${p.family}）规定为${p.indicatorTotal}分`,
            en: `${form.part}: indicator weights total ${sum.toString()}, the template (${p.family}) expects ${p.indicatorTotal}`,
          },
          values: [sum.toNumber(), p.indicatorTotal],
          evidence: live.filter((i) => i.weight.figure).map((i) => factEvidence(i.weight, 'weight')),
          expected: String(p.indicatorTotal),
          observed: sum.toString(),
          tolerance: '0（精确）',
          params: { family: p.family, indicatorTotal: p.indicatorTotal, executionWeight: p.executionWeight },
          part: form.part,
        });
      }
    }
    return out;
  },
};
