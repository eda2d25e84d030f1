import { Rational } from '../numbers/decimal.js';
import type { Indicator } from '../../schemas/records.js';
import { factEvidence } from './finding.js';
import { isBlank, points } from './lib/amounts.js';
import { level1Key, level1Stem, paramsOf, printsWeights, selfEvalForms } from './lib/forms.js';
import type { FindingDraft, Rule } from './types.js';

/** Consecutive indicator rows under one 一级指标. */
export function level1Groups(indicators: Indicator[]): Array<{ level1: string; rows: Indicator[] }> {
  const groups: Array<{ level1: string; rows: Indicator[] }> = [];
  for (const ind of indicators) {
    const last = groups[groups.length - 1];
    if (last && last.level1 === ind.level1) last.rows.push(ind);
    else groups.push({ level1: ind.level1, rows: [ind] });
  }
  return groups;
}

/** D2 the weights under a 一级指标 add up to its declared points ("效益指标(30分)"); 不适用 rows count 0. */
export const rule: Rule = {
  meta: {
    id: 'group-weights',
    version: 5,
    severity: 'error',
    catalogue: 'D2',
    title: { zh: '一级指标分值合计', en: 'Weights add up to the declared points' },
    description: {
      zh: '同一一级指标下各三级指标的分值之和应等于该一级指标标明的分数（如“效益指标(30分)”），二级指标标明分数（标签内或单列合并单元格）时同样核对，标“不适用”的行按0计；表中未标分数时按模板的权重分配（50/30/10 或 30/30/10/20）核对并降为警告；与模板的差额在各一级指标间相互抵消（总和与模板相同）时为本表自定的分配，降为提示。表格未列至总分行（截断或续表）时，最后一个一级指标的行可能未读全，只报其分值超出的情形；但其已列出的分值恰为模板给该一级指标的分数、且其余一级指标均标明分数并与分值合计、与模板一致时，该组已列全，标明分数与之不符者报警告。',
      en: 'The weights under a first-level indicator (and under a second-level one that prints its points) add up to its declared points; rows marked 不适用 count as 0. Without printed points the template split is used (warning; info when the departures cancel out across the groups: the form has its own split). On a form cut before its 总分 row the last group may be incomplete: only weights past its points are reported there — unless its listed weights are exactly the template\'s points for it and every other group prints points that match both its weights and the template: then the group is complete and printed points off it are a warning.',
    },
    formula: 'Σ 三级指标分值 = 一级指标分数',
    tolerance: '精确比较（分值是分配的分数）',
    families: 'all',
    source: '自评表一级指标标注；财预〔2020〕10号 指标权重；财预〔2021〕101号（成本指标）',
    parameters: ['weightSplits'],
    cutForms: true,
  },
  check(report, ctx) {
    const p = paramsOf(ctx);
    const out: FindingDraft[] = [];
    for (const form of selfEvalForms(report)) {
      if (!printsWeights(form)) continue; // no 分值 column: nothing to add up
      const groups = level1Groups(form.indicators);
      // a form cut before its 总分 row (a truncated or continued table): its last group may lack rows
      // — weights short of the points prove nothing there, weights past them do (a weight is never < 0)
      const cut = form.recognition?.complete === false;
      const keys = groups.map((g) => level1Key(g.level1));
      // the template's split is evidence only when the form otherwise follows it: a form whose every
      // group departs from it (20 points for each of five indicators) has its own split, and only its
      // printed total (D3) can be checked
      const follows = (s: Record<string, number>) => groups.some((g) => weightSum(g.rows).eq(Rational.of(s[level1Key(g.level1)])));
      // a cut form may stop before its last groups (满意度指标): the split of the groups it lists
      const fits = (s: Record<string, number>) => (cut ? Object.keys(s).length >= keys.length : Object.keys(s).length === keys.length);
      const split = p.weightSplits.find((s) => fits(s) && keys.every((k) => k in s) && follows(s));
      // 二级指标 groups with points of their own ("项目产出 | 15"): checked first; a 一级指标 holding one
      // that disagrees is not reported again for the same weights (one cause, one finding)
      const level2Off = new Set<string>();
      const subgroups = level2Groups(form.indicators);
      for (const [si, sg] of subgroups.entries()) {
        const pts = sg.rows[0].level2Points;
        if (!pts) continue;
        const declared = Rational.parse(pts.value);
        const sum = weightSum(sg.rows);
        if (sum.eq(declared)) continue;
        const open = cut && si === subgroups.length - 1;
        if (open && sum.lt(declared)) continue;
        level2Off.add(sg.level1);
        const counted = sg.rows.filter((r) => !r.notApplicable && points(r.weight));
        const na = sg.rows.filter((r) => r.notApplicable).length;
        out.push({
          severity: 'error',
          message: {
            zh: `${form.part}「${level1Stem(sg.level1)}—${level1Stem(sg.level2)}」标明${pts.value}分，其下${sg.rows.length}个三级指标分值合计${sum.toString()}分${na ? `（含${na}个“不适用”行按0计）` : ''}${open ? '（表格未列至总分行，已列出的分值已超过）' : ''}`,
            en: `${form.part} "${level1Stem(sg.level2)}" (under "${level1Stem(sg.level1)}"): declared ${declared.toString()} points, but its ${sg.rows.length} indicators' weights add up to ${sum.toString()}${open ? ' (the table stops before its total row; the rows listed already exceed it)' : ''}`,
          },
          values: [declared.toNumber(), sum.toNumber()],
          evidence: [
            { text: sg.level2, value: declared.toNumber(), location: sg.rows[0].loc, role: 'declared' },
            ...counted.map((r) => factEvidence(r.weight, 'weight')),
          ],
          expected: declared.toString(),
          observed: sum.toString(),
          tolerance: '0（精确）',
          missing: sg.rows.filter((r) => !r.notApplicable && isBlank(r.weight)).map((r) => `${r.level3} 分值`),
          params: null,
          part: form.part,
        });
      }
      // departures from the template that cancel out (产出 40 instead of 50, 满意度 20 instead of 10, the
      // form's total as the template's) are the form's own split, not a wrong sum: info, not a warning
      const ownSplit = split !== undefined && redistributed(groups, split);
      for (const [gi, g] of groups.entries()) {
        if (level2Off.has(g.level1)) continue;
        const printed = g.rows.find((r) => r.level1Points)?.level1Points ?? null;
        let declared: Rational | null = printed ? Rational.parse(printed.value) : null;
        const fromTemplate = !declared && split ? split[level1Key(g.level1)] : undefined;
        if (!declared && fromTemplate !== undefined) declared = Rational.of(fromTemplate);
        if (!declared) continue;
        let sum = Rational.of(0);
        const blank: string[] = [];
        const counted: Indicator[] = [];
        for (const r of g.rows) {
          if (r.notApplicable) continue;
          const w = points(r.weight);
          if (w) {
            sum = sum.add(w);
            counted.push(r);
          } else if (isBlank(r.weight)) blank.push(r.level3);
        }
        if (sum.eq(declared)) continue;
        const open = cut && gi === groups.length - 1;
        // the last group of a cut form may lack rows — unless its listed weights are exactly the template's
        // points for it while every other group prints and adds up to the template's: then the rows are
        // all there and the printed points are the odd figure (效益指标(35分) over 10 + 10 + 10)
        const templateFull = open && printed !== null && sum.lt(declared) && split !== undefined && fullByTemplate(groups, g, split);
        if (open && sum.lt(declared) && !templateFull) continue;
        const stem = level1Stem(g.level1);
        const na = g.rows.filter((r) => r.notApplicable).length;
        out.push({
          severity: templateFull ? 'warning' : printed ? 'error' : ownSplit ? 'info' : 'warning',
          message: {
            zh: `${form.part}「${stem}」${printed ? `标明${printed.value}分` : `按模板应为${declared.toString()}分`}，其下${g.rows.length}个三级指标分值合计${sum.toString()}分${na ? `（含${na}个“不适用”行按0计）` : ''}${templateFull ? `（表格未列至总分行；已列出的分值恰为模板该一级指标的${sum.toString()}分，其余一级指标的标明分数与分值合计均与模板一致，标明的分数疑有误）` : open ? '（表格未列至总分行，已列出的分值已超过）' : ''}${!printed && ownSplit ? '；各一级指标分值总和与模板相同，疑为本表自定的权重分配' : ''}`,
            en: `${form.part} "${stem}": ${printed ? 'declared' : 'template'} ${declared.toString()} points, but its ${g.rows.length} indicators' weights add up to ${sum.toString()}${templateFull ? ` (the table stops before its total row; the rows listed give exactly the template's ${sum.toString()} for this group and every other group prints and adds up to the template's points: the printed points are likely wrong)` : open ? ' (the table stops before its total row; the rows listed already exceed it)' : ''}${!printed && ownSplit ? '; the groups together match the template\'s total, so the form likely uses its own split' : ''}`,
          },
          values: [declared.toNumber(), sum.toNumber()],
          evidence: [
            ...(printed ? [{ text: g.level1, value: declared.toNumber(), location: g.rows[0].loc, role: 'declared' }] : []),
            ...counted.map((r) => factEvidence(r.weight, 'weight')),
          ],
          expected: declared.toString(),
          observed: sum.toString(),
          tolerance: '0（精确）',
          missing: blank.map((n) => `${n} 分值`),
          params: printed ? null : { family: p.family, weightSplit: split },
          part: form.part,
        });
      }
    }
    return out;
  },
};

/**
 * A cut form's last group whose listed weights are the template's points for it, on a form whose every
 * other group prints its points and adds up to them, each the template's: the group is complete.
 */
function fullByTemplate(groups: Array<{ level1: string; rows: Indicator[] }>, last: { level1: string; rows: Indicator[] }, split: Record<string, number>): boolean {
  const planned = split[level1Key(last.level1)];
  if (planned === undefined || !weightSum(last.rows).eq(Rational.of(planned))) return false;
  const others = groups.filter((g) => g !== last);
  return (
    others.length > 0 &&
    others.every((g) => {
      const pts = g.rows.find((r) => r.level1Points)?.level1Points;
      const want = split[level1Key(g.level1)];
      return pts != null && want !== undefined && Rational.parse(pts.value).eq(Rational.of(want)) && weightSum(g.rows).eq(Rational.of(want));
    })
  );
}

/**
 * The form departs from the template's split only by moving points between its 一级指标 groups: every
 * group's points are unprinted, at least two differ, and together they add up to the template's total.
 */
function redistributed(groups: Array<{ level1: string; rows: Indicator[] }>, split: Record<string, number>): boolean {
  if (groups.some((g) => g.rows.some((r) => r.level1Points))) return false;
  let sum = Rational.of(0);
  let template = Rational.of(0);
  let departures = 0;
  for (const g of groups) {
    const own = weightSum(g.rows);
    const planned = Rational.of(split[level1Key(g.level1)]);
    if (!own.eq(planned)) departures++;
    sum = sum.add(own);
    template = template.add(planned);
  }
  return departures >= 2 && sum.eq(template);
}

/** Consecutive indicator rows under one 二级指标 of one 一级指标. */
function level2Groups(indicators: Indicator[]): Array<{ level1: string; level2: string; rows: Indicator[] }> {
  const groups: Array<{ level1: string; level2: string; rows: Indicator[] }> = [];
  for (const ind of indicators) {
    const last = groups[groups.length - 1];
    if (last && last.level1 === ind.level1 && last.level2 === ind.level2) last.rows.push(ind);
    else groups.push({ level1: ind.level1, level2: ind.level2, rows: [ind] });
  }
  return groups;
}

/** Σ of the weights of a group's rows (不适用 rows and blank weights count 0). */
function weightSum(rows: Indicator[]): Rational {
  let sum = Rational.of(0);
  for (const r of rows) {
    const w = r.notApplicable ? null : points(r.weight);
    if (w) sum = sum.add(w);
  }
  return sum;
}
