import type { Indicator } from '../../schemas/records.js';
import type { Fact } from '../../schemas/fact.js';
import { Rational } from '../numbers/decimal.js';
import { factEvidence } from './finding.js';
import { factNumber, points } from './lib/amounts.js';
import { indicatorName, selfEvalForms, totalBudgetRow } from './lib/forms.js';
import type { FindingDraft, Rule } from './types.js';

/** D1 0 ≤ 得分 ≤ 分值 for every indicator, the execution row and the totals. */
export const rule: Rule = {
  meta: {
    id: 'score-range',
    version: 2,
    severity: 'error',
    catalogue: 'D1',
    title: { zh: '得分不超过分值', en: 'Score within 0 and weight' },
    description: {
      zh: '每个指标、预算执行行和总分行的得分应在0与分值之间；表中列有得分系数(%)时，指标得分应为分值×得分系数。',
      en: 'Every score (indicators, execution row, total) lies between 0 and its weight; where a 得分系数(%) is printed, the score is weight × that share.',
    },
    formula: '0 ≤ 得分 ≤ 分值',
    tolerance: '精确比较（分值、得分是评定的分数，不是四舍五入的测量值）',
    families: 'all',
    source: '自评表表样（财预〔2020〕10号）',
  },
  check(report) {
    const out: FindingDraft[] = [];
    const zero = Rational.of(0);
    const test = (part: string, what: { zh: string; en: string }, weight: Fact | null, score: Fact | null, bonus: string | null = null) => {
      const w = points(weight);
      const s = points(score);
      if (!s || !score) return;
      const above = w && s.gt(w);
      const negative = s.lt(zero);
      if (!above && !negative) return;
      // A scoring standard that grants extra points ("…一个加1分，最多加2分") allows a score above the
      // weight: a note for the reviewer to check the bonus, not an error.
      const byBonus = above && !negative && bonus !== null;
      out.push({
        ...(byBonus ? { severity: 'info' as const } : {}),
        message: {
          zh: negative
            ? `${part}${what.zh}得分${score.text.trim()}为负数`
            : `${part}${what.zh}得分${score.text.trim()}超过分值${weight!.text.trim()}${byBonus ? `（评分标准含加分：“${bonus}”，请核对加分依据）` : ''}`,
          en: negative ? `${part} ${what.en}: negative score ${score.text.trim()}` : `${part} ${what.en}: score ${score.text.trim()} exceeds weight ${weight!.text.trim()}`,
        },
        values: [factNumber(score)!, ...(w ? [w.toNumber()] : [])],
        evidence: [...(weight ? [factEvidence(weight, 'weight')] : []), factEvidence(score, 'score')],
        expected: negative ? '≥ 0' : `≤ ${weight!.text.trim()}`,
        observed: score.text.trim(),
        tolerance: '0（精确）',
        part,
      });
    };
    for (const form of selfEvalForms(report)) {
      const exec = totalBudgetRow(form);
      if (exec) test(form.part, { zh: '预算执行', en: 'execution row' }, exec.weight, exec.score);
      for (const ind of form.indicators) {
        if (ind.notApplicable) continue;
        test(form.part, { zh: `指标${indicatorName(ind)}`, en: `indicator ${indicatorName(ind)}` }, ind.weight, ind.score, bonusClause(ind));
        const off = ratioMismatch(ind);
        if (off) {
          out.push({
            message: {
              zh: `${form.part}指标${indicatorName(ind)}得分系数${ind.scoreRatio!.text.trim()}、分值${ind.weight.text.trim()}，应得${off.expected}分，表中得分${ind.score.text.trim()}`,
              en: `${form.part} indicator ${indicatorName(ind)}: score ratio ${ind.scoreRatio!.text.trim()} of weight ${ind.weight.text.trim()} is ${off.expected}, but the score is ${ind.score.text.trim()}`,
            },
            values: [factNumber(ind.score)!, Number(off.expected)],
            evidence: [factEvidence(ind.weight, 'weight'), factEvidence(ind.scoreRatio!, 'rate'), factEvidence(ind.score, 'score')],
            expected: off.expected,
            observed: ind.score.text.trim(),
            tolerance: '得分所写小数位的半个单位',
            part: form.part,
          });
        }
      }
      if (form.total) test(form.part, { zh: '总分', en: 'total' }, form.total.weight, form.total.score);
    }
    return out;
  },
};

/**
 * A printed 得分系数(%) makes the score 分值 × 系数: the expected score (at the score's written
 * decimals) when the printed one differs by more than half its last digit; null when it agrees or
 * a figure is missing.
 */
function ratioMismatch(ind: Indicator): { expected: string } | null {
  const w = points(ind.weight);
  const s = points(ind.score);
  const ratio = ind.scoreRatio?.figure;
  if (!w || !s || !ratio || ratio.unit !== '%' || ratio.comparator !== '=') return null;
  const expected = w.mul(Rational.parse(ratio.value)).div(Rational.of(100));
  const decimals = ind.score.figure?.decimals ?? 0;
  const half = Rational.of(5).div(Rational.of(10n ** BigInt(decimals + 1)));
  return expected.sub(s).abs().gt(half) ? { expected: expected.toString(2) } : null;
}

/** The clause of an indicator's 指标说明 / 评价标准 that grants extra points (加1分, 加分), if any. */
function bonusClause(ind: Indicator): string | null {
  for (const t of [ind.description?.text, ind.standard?.text]) {
    const m = t ? /[^，,；;。]*加\s*[\d一二三四五两]*\s*分[^，,；;。]*/.exec(t) : null;
    if (m) return m[0].trim();
  }
  return null;
}
