import type { Evidence } from '../../schemas/finding.js';
import type { BudgetRow } from '../../schemas/records.js';
import { Rational } from '../numbers/decimal.js';
import { factEvidence } from './finding.js';
import { exactValue, isBlank } from './lib/amounts.js';
import { columnLabel, selfEvalForms, totalBudgetRow, type SelfEvalForm } from './lib/forms.js';
import type { FindingDraft, Rule } from './types.js';

const COLUMNS = ['initialBudget', 'fullYearBudget', 'executed'] as const;
type Column = (typeof COLUMNS)[number];

/** Blank, or written as zero (0, 0.00, 0%). */
function zeroOrBlank(fact: BudgetRow[Column] | BudgetRow['rate'] | BudgetRow['score']): 'blank' | 'zero' | null {
  if (!fact || isBlank(fact)) return 'blank';
  const v = exactValue(fact);
  return v !== null && v.isZero() ? 'zero' : null;
}

function positive(fact: BudgetRow[Column] | null | undefined): boolean {
  const v = exactValue(fact);
  return v !== null && v.gt(Rational.of(0));
}

/**
 * X6 (issue 19): zero or blank where the rest of the form says otherwise.
 * - 年度资金总额 blank in a column while its funding rows (当年财政拨款, 上年结转 …) hold amounts: the
 *   total was not carried (a zero total is funding-sources-sum's business: it does not add up).
 * - 全年预算数 blank or 0 while 全年执行数 is not: money was spent against no budget (or the budget
 *   was not written); the 执行率 cannot be computed, so execution-rate is silent.
 * - the execution 得分 0 while money was executed and no 执行率 is printed to explain it.
 */
export const rule: Rule = {
  meta: {
    id: 'zero-total-nonzero-parts',
    version: 2,
    severity: 'warning',
    catalogue: 'X6',
    title: { zh: '合计为零或空而分项、执行数不为零', en: 'Zero or blank total while its parts or execution are not' },
    description: {
      zh: '年度资金总额某列未填而其资金来源行有数；全年预算数为空或0而全年执行数不为0；执行数不为0、未印执行率而预算执行得分为0；全年执行数未填而执行率或预算执行得分印有非零数。',
      en: 'A funds total left blank while its funding rows hold amounts; a zero or blank budget with a non-zero execution; a zero execution score with money executed and no rate printed; a blank execution while its rate or execution score is printed (non-zero).',
    },
    formula: '年度资金总额 ≠ 空（资金来源有数时）；全年执行数 > 0 ⇒ 全年预算数 > 0；全年执行数 > 0 且未印执行率 ⇒ 执行得分 > 0；执行率或执行得分非零 ⇒ 全年执行数已填',
    tolerance: '按书写值：0 与 0.00 均为零；空格为未填（不视为零）',
    families: 'all',
    source: 'issue 19 class 6；项目支出绩效自评表表样（财预〔2020〕10号）',
  },
  check(report) {
    const out: FindingDraft[] = [];
    for (const form of selfEvalForms(report)) {
      const total = totalBudgetRow(form);
      if (!total) continue;
      const sources = (form.budget?.rows ?? []).filter((r) => r !== total && r.kind !== 'total');
      const label = total.label.replace(/\s+/g, '');
      // the total's columns the first case reported blank (their own findings: not said again below)
      const reported = new Set<Column>();
      for (const col of COLUMNS) {
        if (zeroOrBlank(total[col]) !== 'blank' || !total[col]) continue;
        const filled = sources.filter((r) => positive(r[col]));
        if (!filled.length) continue;
        reported.add(col);
        out.push(draft(form, `「${label}」${columnLabel(form, col)}未填，而资金来源${filled.map((r) => `${r.label.replace(/^其中[:：]?/, '').replace(/\s+/g, '')}${r[col]!.text.trim()}`).join('、')}有数`, `the total (${col}) is blank while its funding rows hold amounts`, [factEvidence(total[col]!, 'total'), ...filled.map((r) => factEvidence(r[col]!, 'part'))], filled.map((r) => exactValue(r[col])!.toNumber())));
      }
      const budget = zeroOrBlank(total.fullYearBudget);
      const sourcesAddUp = sources.some((r) => positive(r.fullYearBudget)); // a zero total with filled sources: funding-sources-sum
      if (!reported.has('fullYearBudget') && budget && total.fullYearBudget && positive(total.executed) && !(budget === 'zero' && sourcesAddUp)) {
        const rate = total.rate && !isBlank(total.rate) ? total.rate : null;
        out.push(draft(form, `「${label}」${columnLabel(form, 'fullYearBudget')}${budget === 'blank' ? '未填' : `为${total.fullYearBudget.text.trim()}`}，而${columnLabel(form, 'executed')}为${total.executed!.text.trim()}${rate ? `，${columnLabel(form, 'rate')}印为${rate.text.trim()}` : ''}`, `budget ${budget} while executed is ${total.executed!.text.trim()}`, [factEvidence(total.fullYearBudget, 'budget'), factEvidence(total.executed!, 'executed'), ...(rate ? [factEvidence(rate, 'rate')] : [])], [0, exactValue(total.executed)!.toNumber()]));
      }
      // 全年执行数 blank while its rate or execution score is printed (not zero): the figures they were worked out
      // from are missing (funding rows holding the execution are the first case's)
      const printedRate = total.rate && zeroOrBlank(total.rate) === null ? total.rate : null;
      const printedScore = total.score && zeroOrBlank(total.score) === null ? total.score : null;
      if (!reported.has('executed') && total.executed && isBlank(total.executed) && positive(total.fullYearBudget) && (printedRate || printedScore)) {
        const shown = [printedRate && `${columnLabel(form, 'rate')}印为${printedRate.text.trim()}`, printedScore && `预算执行${columnLabel(form, 'score')}为${printedScore.text.trim()}`].filter(Boolean).join('、');
        out.push(draft(form, `「${label}」${columnLabel(form, 'executed')}未填，而${columnLabel(form, 'fullYearBudget')}为${total.fullYearBudget!.text.trim()}、${shown}`, `executed is blank while the ${printedRate ? 'rate' : 'execution score'} is printed`, [factEvidence(total.executed, 'executed'), factEvidence(total.fullYearBudget!, 'budget'), ...(printedRate ? [factEvidence(printedRate, 'rate')] : []), ...(printedScore ? [factEvidence(printedScore, 'score')] : [])], [exactValue(total.fullYearBudget)!.toNumber()]));
      }
      if (positive(total.executed) && zeroOrBlank(total.rate) === 'blank' && zeroOrBlank(total.score) === 'zero' && positive(total.weight)) {
        out.push(draft(form, `「${label}」${columnLabel(form, 'executed')}为${total.executed!.text.trim()}、未印${columnLabel(form, 'rate')}，预算执行${columnLabel(form, 'score')}却为${total.score!.text.trim()}`, `execution score 0 while ${total.executed!.text.trim()} was executed and no rate is printed`, [factEvidence(total.executed!, 'executed'), factEvidence(total.score!, 'score')], [0, exactValue(total.executed)!.toNumber()]));
      }
    }
    return out;
  },
};

function draft(form: SelfEvalForm, zh: string, en: string, evidence: Evidence[], values: number[]): FindingDraft {
  return {
    message: { zh: `${form.part}${zh}`, en: `${form.part}: ${en}` },
    values,
    evidence,
    expected: '非零或已填',
    observed: zh,
    tolerance: '按书写值：0 与 0.00 均为零，空格为未填',
    part: form.part,
  };
}
