import type { Fact } from '../../schemas/fact.js';
import { factIndex } from '../facts/index.js';
import { restatementAgrees, restatementTolerance } from '../narrative/compare.js';
import { addIntervals, formatInterval, intersects, intervalOf, Rational, type Interval } from '../numbers/decimal.js';
import { factEvidence } from './finding.js';
import { evidenceOf, phraseOf, placeOf, plainValue } from './lib/cross-part.js';
import { exactFigure, formOfSubject, printedTotalScore, type SelfEvalForm } from './lib/forms.js';
import type { FindingDraft, Rule } from './types.js';

/** "经自评，该项目总得分99.5分", "自评得分为98分", "综合评分": a stated total score. */
export const STATED_SCORE_LABEL = /(?:自评|总|综合|最终|评价|绩效)(?:得分|评分|分数)(?:为|是|:|：|达到?)?$|自评(?:分|结果)(?:为|是)?$/;

/**
 * The printed scores of a form added up (execution row + every indicator), when every one is read; a form whose
 * indicator table was not read (a page cut before it) has no sum: its 预算执行 score is one part.
 */
function printedSum(form: SelfEvalForm): { value: Rational; interval: Interval; scores: Fact[] } | null {
  const scores = [...(form.budget?.rows.filter((r) => r.kind === 'total').map((r) => r.score) ?? []), ...form.indicators.filter((i) => !i.notApplicable).map((i) => i.score)];
  if (!form.indicators.length || !scores.length || !scores.every(exactFigure)) return null;
  const read = scores as Fact[];
  return {
    value: read.reduce((acc, s) => acc.add(Rational.parse(s.figure!.value)), Rational.of(0)),
    interval: addIntervals(read.map((s) => intervalOf(s.figure!.value, s.figure!.decimals))),
    scores: read,
  };
}

/**
 * X5 (issue 19): a total score stated in prose ("该项目总得分99.5分", "自评得分为98分") against the
 * scores printed in the report's own form: the form's 总分 得分 when printed, else the score printed at
 * its head ("自评得分 | 98", v3), else the sum of the
 * printed scores (execution row + every indicator) — a stated total those scores cannot reach. A
 * stated total above the form's 总分 分值 cannot be reached either.
 */
export const rule: Rule = {
  meta: {
    id: 'stated-score-mismatch',
    version: 4,
    severity: 'warning',
    catalogue: 'X5',
    title: { zh: '文中所述自评得分与表中得分不符', en: 'Stated total score differs from the printed scores' },
    description: {
      zh: '叙述报告所述自评总得分与同一主体自评表的总分得分（未填时为表头所填自评得分，再无则为各项得分之和；未读到指标表时不求和）不符，或超过总分分值；所述得分等于各项得分之和时，表中总分或表头得分之误由总分校验（D4）报告，此处不再重复。',
      en: 'The total score stated in the narrative differs from the form’s printed total (else the score printed at its head, else the sum of its printed scores, when its indicator table was read), or exceeds the maximum; a stated total equal to the sum of the printed scores leaves the form’s own total to total-score (D4).',
    },
    formula: '所述总得分 = 自评表总分得分（未填时 = 表头自评得分；再无 = 预算执行得分 + Σ 指标得分）且 ≤ 总分分值',
    tolerance: '同一精度须相同；不同精度按书写精度±½末位区间相交；分项之和按各项书写精度累加',
    families: 'all',
    source: 'issue 19 class 5',
  },
  check(report) {
    const drafts: FindingDraft[] = [];
    const seen = new Set<SelfEvalForm>();
    for (const f of factIndex(report).facts) {
      if (f.source !== 'narrative' || !f.stat || f.statement.unit !== '分' || !f.statement.exact) continue;
      if (!STATED_SCORE_LABEL.test(f.stat.label)) continue;
      const paired = formOfSubject(report, f.subject);
      if (!paired || seen.has(paired.form)) continue;
      const form = paired.form;
      const stated = { value: f.statement.value, decimals: f.statement.decimals, unit: '分' };
      const total = form.total;
      // the form's own total: its 总分 row's 得分, else the score printed at its head (自评得分 | 98)
      const own = printedTotalScore(form);
      const printed = own?.fact ?? null;
      const printedName = own?.name;
      const sum = printedSum(form);
      const sInt = intervalOf(stated.value, stated.decimals);
      let draft: FindingDraft | null = null;
      if (printed) {
        const printedScore = { value: printed.figure!.value, decimals: printed.figure!.decimals, unit: '分' };
        // one cause, one finding: a stated total the printed scores add up to, where the form's own total does not, leaves
        // that total the odd one, which total-score reports (总分 row against its items, or the head against them); a
        // total its items do add up to is no odd one — the sum's interval is wide (each integer score ±0.5), so it alone decides nothing
        const totalIsOdd = !!sum && intersects(sInt, sum.interval) && !intersects(intervalOf(printed.figure!.value, printed.figure!.decimals), sum.interval);
        if (!restatementAgrees(stated, printedScore) && !totalIsOdd) {
          draft = {
            message: {
              zh: `${placeOf(report, f)}称${phraseOf(f)}，而${form.part}${printedName}为${printed.text.trim()}`,
              en: `${f.location.part} states a total score of ${f.statement.figure.text}, but ${form.part} prints ${printed.text.trim()}${printed === total?.score ? '' : ' at its head'}`,
            },
            values: [plainValue(f), Rational.parse(printed.figure!.value).toNumber()],
            evidence: [evidenceOf(f, 'stated'), factEvidence(printed, printed === total?.score ? 'total' : 'head')],
            expected: printed.text.trim(),
            observed: f.statement.figure.text.trim(),
            tolerance: restatementTolerance(stated, printedScore),
          };
        }
      } else if (sum && !intersects(sInt, sum.interval)) {
        draft = {
          message: {
            zh: `${placeOf(report, f)}称${phraseOf(f)}，而${form.part}总分得分未填，所列各项得分之和为${sum.value.toString(4)}分`,
            en: `${f.location.part} states a total score of ${f.statement.figure.text}, but the printed scores of ${form.part} add up to ${sum.value.toString(4)}`,
          },
          values: [plainValue(f), sum.value.toNumber()],
          evidence: [evidenceOf(f, 'stated'), ...sum.scores.map((s) => factEvidence(s, 'score'))],
          expected: `${sum.value.toString(4)}分（区间 ${formatInterval(sum.interval, 4)}）`,
          observed: f.statement.figure.text.trim(),
          tolerance: '各项得分按书写精度±½末位累加，与所述得分区间相交即一致',
        };
      }
      if (!draft && exactFigure(total?.weight) && Rational.parse(stated.value).gt(Rational.parse(total!.weight!.figure!.value))) {
        draft = {
          message: {
            zh: `${placeOf(report, f)}称${phraseOf(f)}，超过${form.part}总分分值${total!.weight!.text.trim()}`,
            en: `${f.location.part} states a total score of ${f.statement.figure.text}, above the maximum ${total!.weight!.text.trim()} of ${form.part}`,
          },
          values: [plainValue(f), Rational.parse(total!.weight!.figure!.value).toNumber()],
          evidence: [evidenceOf(f, 'stated'), factEvidence(total!.weight!, 'weight')],
          expected: `≤ ${total!.weight!.text.trim()}`,
          observed: f.statement.figure.text.trim(),
          tolerance: '所述得分不得超过总分分值',
        };
      }
      if (!draft) continue;
      seen.add(form);
      if (paired.byStructure) {
        draft.severity = 'info';
        draft.message = { zh: `${draft.message.zh}（报告未写明项目，按文档唯一的项目自评表对应，请核对）`, en: `${draft.message.en} (the report names no project; paired with the document's only project form)` };
      }
      drafts.push({ ...draft, params: { subject: form.part, ...(paired.byStructure ? { pairedBy: 'structure' } : {}) }, part: f.location.part });
    }
    return drafts;
  },
};
