import type { Fact } from '../../schemas/fact.js';
import type { Indicator, Signature } from '../../schemas/records.js';
import { isBlank } from './lib/amounts.js';
import { columnLabel, indicatorName, selfEvalForms, totalBudgetRow } from './lib/forms.js';
import type { FindingDraft, Rule } from './types.js';
import type { Location } from '../../schemas/location.js';

const SIGNATURE_FIELDS: Array<[keyof Omit<Signature, 'loc'>, string, string]> = [
  ['preparer', '填表人', 'preparer'],
  ['date', '填报日期', 'date'],
  ['phone', '联系电话', 'phone'],
  ['head', '单位负责人', 'head of unit'],
];

/**
 * Scored groups (安徽 衔接到户 forms): a row that carries the 分值 and 得分 but no target or actual
 * ("★补助各类粮食作物种植面积 | | | 10 | 10"), followed by detail rows that carry the target and actual
 * but no points ("红薯种植面积 | 5.5亩 | 5.5亩 | | "). Neither half is a blank cell: the group is
 * scored once, on its first row. Returns the indicators exempt from the score / actual checks.
 */
// 萧县 2023: the ★ row carries its own target and actual too; its 其中 rows are its breakdown.
function scoredGroups(indicators: Indicator[]): { noScore: Set<Indicator>; noActual: Set<Indicator> } {
  const noScore = new Set<Indicator>();
  const noActual = new Set<Indicator>();
  for (let i = 0; i < indicators.length; i++) {
    const head = indicators[i];
    if (isBlank(head.weight) || isBlank(head.score)) continue;
    const scoredOnly = isBlank(head.target) && isBlank(head.actual);
    const unscoredDetail = (ind: Indicator) => isBlank(ind.weight) && isBlank(ind.score) && !isBlank(ind.actual);
    let j = i + 1;
    if (scoredOnly) {
      while (j < indicators.length && unscoredDetail(indicators[j])) j++;
    } else {
      // a scored row with its own target ("★补助家畜家禽养殖数量 | 10 | 192只 | 192只 | 10") broken down in
      // 其中 rows ("其中羊养殖数量 | | 180只 | 180只 | "): the breakdown is not scored on its own
      while (j < indicators.length && unscoredDetail(indicators[j]) && /^其中/.test(indicators[j].level3.trim())) j++;
    }
    if (j === i + 1) continue;
    if (scoredOnly) noActual.add(head);
    for (let k = i + 1; k < j; k++) noScore.add(indicators[k]);
    i = j - 1;
  }
  return { noScore, noActual };
}

/**
 * F1 required cells are filled: every 得分, the execution score, 总分 得分, 实际完成值 (error);
 * 填表人 / 日期 / 负责人 (info).
 */
/**
 * Whether the form prints the column (a column it does not print is not a blank cell). At module
 * level, not a closure per form: per-report closures were compiled again after every full GC.
 */
function printsColumn(form: { indicatorColumns: Array<{ field: string }> }, field: string): boolean {
  return form.indicatorColumns.length === 0 || form.indicatorColumns.some((c) => c.field === field);
}

/** A form needs at least this many indicators before "no score anywhere" reads as an unscored form. */
const UNSCORED_FORM_MIN = 3;

/**
 * A form whose every indicator score is blank, its total and execution score too, is a blank form
 * (a published 表样, or an unscored copy): one cause, one finding for the whole form instead of one
 * per indicator (达州 农业农村局 published its 部门整体支出绩效评价得分表 with every 得分 empty).
 */
function unscoredForm(form: ReturnType<typeof selfEvalForms>[number], exempt: Set<Indicator>): FindingDraft | null {
  if (!printsColumn(form, 'score')) return null;
  const scored = form.indicators.filter((i) => !i.notApplicable && !exempt.has(i));
  if (scored.length < UNSCORED_FORM_MIN || !scored.every((i) => isBlank(i.score))) return null;
  const exec = totalBudgetRow(form);
  if ((form.total?.score && !isBlank(form.total.score)) || (exec?.score && !isBlank(exec.score))) return null;
  const label = columnLabel(form, 'score', 'zh', 'indicators');
  const names = scored.slice(0, 3).map((i) => i.level3).join('、');
  return {
    severity: 'warning',
    message: {
      zh: `${form.part}全部${scored.length}个指标的${label}均未填写（疑为空白表样），未逐项列出`,
      en: `${form.part}: none of its ${scored.length} indicators is scored (a blank form?); not listed one by one`,
    },
    values: [],
    evidence: [{ text: `${names}…（${label}均为空）`, value: null, location: scored[0].score.loc, role: 'blank' }],
    expected: '已填写',
    observed: '（全部为空）',
    tolerance: null,
    missing: [label],
    part: form.part,
  };
}

export const rule: Rule = {
  meta: {
    id: 'required-cells',
    version: 1,
    severity: 'error',
    catalogue: 'F1',
    title: { zh: '必填项已填', en: 'Required cells are filled' },
    description: {
      zh: '每个指标的得分与实际完成值、预算执行得分、总分得分必须填写（错误）；填表人、填报日期、联系电话、单位负责人未填作提示。标“不适用”的行不要求。',
      en: 'Every indicator score and actual, the execution score and the total score are filled (error); preparer, date, phone and head of unit (info). Rows marked 不适用 are exempt.',
    },
    formula: '得分、实际完成值、总分得分 ≠ 空（表中印有该列时）',
    tolerance: '不涉及数值比较',
    families: 'all',
    source: '自评表表样（财预〔2020〕10号）及签章栏',
  },
  check(report) {
    const out: FindingDraft[] = [];
    const blank = (part: string, what: { zh: string; en: string }, fact: Fact) => {
      out.push({
        message: { zh: `${part}${what.zh}未填写`, en: `${part}: ${what.en} is blank` },
        values: [],
        evidence: [{ text: fact.text, value: null, location: fact.loc, role: 'blank' }],
        expected: '已填写',
        observed: '（空）',
        tolerance: null,
        missing: [what.zh],
        part,
      });
    };
    for (const form of selfEvalForms(report)) {
      const exec = totalBudgetRow(form);
      if (exec?.score && isBlank(exec.score) && exec.weight && !isBlank(exec.weight)) {
        blank(form.part, { zh: `预算执行${columnLabel(form, 'score')}`, en: 'execution score' }, exec.score);
      }
      // a column the form does not print is not a blank cell (53号 指标表 has no 实际完成值)
      const groups = scoredGroups(form.indicators);
      const unscored = unscoredForm(form, groups.noScore);
      if (unscored) out.push(unscored);
      for (const ind of form.indicators) {
        if (ind.notApplicable) continue;
        if (!unscored && printsColumn(form, 'score') && isBlank(ind.score) && !groups.noScore.has(ind)) blank(form.part, { zh: `指标${indicatorName(ind)}${columnLabel(form, 'score', 'zh', 'indicators')}`, en: `score of ${indicatorName(ind)}` }, ind.score);
        if (printsColumn(form, 'actual') && isBlank(ind.actual) && !groups.noActual.has(ind)) blank(form.part, { zh: `指标${indicatorName(ind)}${columnLabel(form, 'actual')}`, en: `actual of ${indicatorName(ind)}` }, ind.actual);
      }
      if (form.total?.score && isBlank(form.total.score)) blank(form.part, { zh: '总分得分', en: 'total score' }, form.total.score);
    }
    const signed: Array<{ part: string; sig: Signature | null }> = [
      ...(report.basicData ? [{ part: report.basicData.part, sig: report.basicData.signature }] : []),
      ...selfEvalForms(report).map((f) => ({ part: f.part, sig: f.signature })),
    ];
    for (const { part, sig } of signed) {
      if (!sig) continue;
      const empty = SIGNATURE_FIELDS.filter(([k]) => !sig[k] || !String(sig[k]).trim());
      if (empty.length === 0) continue;
      const loc: Location = sig.loc;
      out.push({
        severity: 'info',
        message: {
          zh: `${part}签章栏未填：${empty.map((e) => e[1]).join('、')}`,
          en: `${part}: signature line missing ${empty.map((e) => e[2]).join(', ')}`,
        },
        values: [],
        evidence: [{ text: SIGNATURE_FIELDS.map(([k, zh]) => `${zh}：${sig[k] ?? ''}`).join(' '), value: null, location: loc, role: 'signature' }],
        expected: '填表人、填报日期、联系电话、单位负责人均已填写',
        observed: `未填：${empty.map((e) => e[1]).join('、')}`,
        tolerance: null,
        missing: empty.map((e) => e[1]),
        part,
      });
    }
    return out;
  },
};
