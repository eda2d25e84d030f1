import { halfUnit, Rational } from '../numbers/decimal.js';
import { factEvidence } from './finding.js';
import { isBlank, points } from './lib/amounts.js';
import { indicatorName, selfEvalForms, totalBudgetRow, type SelfEvalForm } from './lib/forms.js';
import type { FindingDraft, Rule } from './types.js';

/** D4 总分 得分 = execution score + Σ indicator scores. */
export const rule: Rule = {
  meta: {
    id: 'total-score',
    version: 2,
    severity: 'error',
    catalogue: 'D4',
    title: { zh: '总分等于各项得分之和', en: 'Total score is the sum of scores' },
    description: {
      zh: '总分行的得分应等于预算执行得分与各指标得分之和（“不适用”行不计）；表头所填自评得分（自评得分、自评总分）应等于总分得分，未填总分时不得超过表中各项得分所能达到之数。',
      en: 'The total score equals the execution score plus every indicator score (不适用 rows excluded); a score stated in the form head equals the total, or, without one, is within what the scores below can reach.',
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
    for (const form of selfEvalForms(report)) {
      const draft = headScoreCheck(form);
      if (draft) out.push(draft);
    }
    return out;
  },
};

/**
 * The total a form states in its head ("自评得分 | 98", 宁夏; "自评总分(分) | 97.6", 重庆) against the
 * scores below: the 总分 得分 when printed (that row is checked above), else the scores themselves —
 * their sum when every one is read and the table is whole; otherwise the most they can reach: the
 * scores read, plus the weight of each score left unread ("IO"), plus, where the table is cut, the
 * points its first-level groups declare ("项目效益(35分)") beyond the weights listed under them — when the groups
 * seen and the execution row make up the full score (v2: a group cut off entirely leaves no bound).
 */
function headScoreCheck(form: SelfEvalForm): FindingDraft | null {
  const head = form.headScore;
  const h = points(head);
  if (!head || !h) return null;
  const printed = form.total?.score;
  const t = points(printed);
  if (t) {
    if (t.eq(h)) return null;
    return {
      message: {
        zh: `${form.part}表头自评得分为${head.text.trim()}，但总分行得分为${printed!.text.trim()}`,
        en: `${form.part}: the head states a score of ${head.text.trim()} but the total row prints ${printed!.text.trim()}`,
      },
      values: [h.toNumber(), t.toNumber()],
      evidence: [factEvidence(head, 'stated'), factEvidence(printed!, 'total')],
      expected: printed!.text.trim(),
      observed: head.text.trim(),
      tolerance: '0（精确）',
      part: form.part,
    };
  }
  const exec = totalBudgetRow(form);
  // every printed score counts toward what the head can state (a row marked "-" may still be scored)
  const rows = [...(exec?.score && !isBlank(exec.score) ? [{ score: exec.score, weight: exec.weight, none: false }] : []), ...form.indicators.map((i) => ({ score: i.score, weight: i.weight, none: i.notApplicable }))];
  if (!rows.length) return null;
  let read = Rational.of(0);
  let unread = Rational.of(0);
  for (const r of rows) {
    const v = points(r.score);
    if (v) read = read.add(v);
    else if (!r.none) {
      const w = points(r.weight);
      if (!w) return null;
      unread = unread.add(w);
    }
  }
  let missing = Rational.of(0);
  if (form.recognition?.complete === false) {
    // a cut table: what its groups declare beyond the weights listed — unknown without every group's points
    if (form.indicators.some((i) => !i.level1Points || !points(i.weight))) return null;
    const declared = new Map<string, Rational>();
    for (const i of form.indicators) declared.set(i.level1, Rational.parse(i.level1Points!.value));
    const listed = form.indicators.reduce((acc, i) => acc.add(points(i.weight)!), Rational.of(0));
    const groups = [...declared.values()].reduce((acc, v) => acc.add(v), Rational.of(0));
    // a group the cut left out entirely (a flattened 宁夏 form whose rows after 产出指标(40分) were not rebuilt) has points
    // unknown: the bound holds only when the groups seen and the execution row make up the form's full score
    const full = points(form.total?.weight) ?? Rational.of(100);
    if (groups.add((exec && points(exec.weight)) || Rational.of(0)).lt(full)) return null;
    if (groups.gt(listed)) missing = groups.sub(listed);
  }
  const reach = read.add(unread).add(missing);
  const exact = unread.isZero() && missing.isZero() && form.recognition?.complete !== false;
  if (exact ? reach.eq(h) : !h.gt(reach)) return null;
  const how = exact ? '' : `（已读得分${read.toString()}${unread.isZero() ? '' : `，未能读出的得分按分值计${unread.toString()}`}${missing.isZero() ? '' : `，表格中断处所缺指标按一级指标分值计${missing.toString()}`}）`;
  return {
    message: {
      zh: `${form.part}表头自评得分为${head.text.trim()}，但表中各项得分${exact ? '之和为' : '最多只能达到'}${reach.toString()}${how}`,
      en: `${form.part}: the head states a score of ${head.text.trim()} but the scores below ${exact ? 'add up to' : 'can reach at most'} ${reach.toString()}`,
    },
    values: [h.toNumber(), reach.toNumber()],
    evidence: [factEvidence(head, 'stated'), ...rows.filter((r) => r.score?.figure).map((r) => factEvidence(r.score!, 'score'))],
    expected: exact ? reach.toString() : `≤ ${reach.toString()}`,
    observed: head.text.trim(),
    tolerance: '0（精确）',
    part: form.part,
  };
}
