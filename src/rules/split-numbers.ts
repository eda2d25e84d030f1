import type { Fact } from '../../schemas/fact.js';
import { Rational } from '../numbers/decimal.js';
import { factEvidence, READING_ROLE } from './finding.js';
import { isBlank } from './lib/amounts.js';
import { indicatorName, selfEvalForms } from './lib/forms.js';
import { rowLabel, SPENDING_COLUMNS, spendingColumnLabel } from './lib/spending.js';
import type { FindingDraft, Rule } from './types.js';

/** A rate cell above this (percent) is almost surely two numbers fused ("202010100.00%"). */
const MAX_PLAUSIBLE_RATE = Rational.of(1000);
/** Digits (or a decimal point) separated by a line break or spaces inside one cell. */
const SPLIT = /[\d.][\s\u00a0\u3000]+[\d.]/;

interface NumberCell {
  part: string;
  what: string;
  fact: Fact;
  rate: boolean;
}

/** The number cells of a budget row (预算执行情况) and their names. */
const BUDGET_CELLS = [['initialBudget', '年初预算数'], ['fullYearBudget', '全年预算数'], ['executed', '全年执行数'], ['weight', '分值'], ['rate', '执行率'], ['score', '得分']] as const;

/** A rate cell whose figure is implausibly large: numbers fused by extraction. */
function fusedRate(fact: Fact, rate: boolean): boolean {
  return rate && !!fact.figure && Rational.parse(fact.figure.value).abs().gt(MAX_PLAUSIBLE_RATE);
}

/** A number cell with digits but no one readable figure, or a fused rate (only these are named and listed). */
function suspect(fact: Fact | null | undefined, rate: boolean): fact is Fact {
  if (!fact || isBlank(fact) || !/\d/.test(fact.text)) return false;
  // "95.\n10%": the reader joined the pieces, but whether it is 95.10% or 95 and 10% is a guess.
  return !fact.figure || fusedRate(fact, rate) || SPLIT.test(fact.text.trim());
}

/** The suspect number cells of the report, in reading order, each named for the reviewer. */
function numberCells(report: Parameters<Rule['check']>[0]): NumberCell[] {
  const out: NumberCell[] = [];
  for (const form of selfEvalForms(report)) {
    for (const row of form.budget?.rows ?? []) {
      const label = row.label.replace(/\s+/g, '');
      for (const [k, zh] of BUDGET_CELLS) {
        const f = row[k];
        if (suspect(f, k === 'rate')) out.push({ part: form.part, what: `「${label}」${zh}`, fact: f, rate: k === 'rate' });
      }
    }
    for (const item of [...(form.budget?.byIncome ?? []), ...(form.budget?.bySpending ?? [])]) {
      if (suspect(item.amount, false)) out.push({ part: form.part, what: `「${item.label}」`, fact: item.amount, rate: false });
    }
    for (const ind of form.indicators) {
      if (ind.notApplicable) continue;
      if (suspect(ind.weight, false)) out.push({ part: form.part, what: `指标${indicatorName(ind)}分值`, fact: ind.weight, rate: false });
      if (suspect(ind.score, false)) out.push({ part: form.part, what: `指标${indicatorName(ind)}得分`, fact: ind.score, rate: false });
    }
    if (suspect(form.total?.weight, false)) out.push({ part: form.part, what: '总分分值', fact: form.total.weight, rate: false });
    if (suspect(form.total?.score, false)) out.push({ part: form.part, what: '总分得分', fact: form.total.score, rate: false });
  }
  const bd = report.basicData;
  if (bd) {
    for (const row of bd.spending) {
      for (const col of SPENDING_COLUMNS) {
        const f = row[col];
        if (suspect(f, false)) out.push({ part: bd.part, what: `「${rowLabel(row)}」${spendingColumnLabel(bd, col)}`, fact: f, rate: false });
      }
    }
    const s = bd.staffing;
    if (suspect(s?.controlRate, true)) out.push({ part: bd.part, what: '控制率', fact: s.controlRate, rate: true });
  }
  return out;
}

/** G2 numbers split or fused by extraction ("95.\n10%", "202010100.00%10") — flag, don't guess. */
export const rule: Rule = {
  meta: {
    id: 'split-numbers',
    version: 2,
    severity: 'warning',
    catalogue: 'G2',
    title: { zh: '数值被拆分或粘连', en: 'Numbers split or fused' },
    description: {
      zh: '应为单个数值的单元格（金额、分值、得分、比率）含数字却读不出一个数（如“95.\\n10%”“202010100.00%10”），或比率大得不合理，多为提取时拆分或粘连；不猜测，提示核对原件。OCR 识别存疑的单元格只作提示（info）。',
      en: 'A cell that should hold one number has digits but no single readable figure, or an implausible rate: split or fused by extraction. Flagged, never guessed. A cell OCR read unsurely gives a note (info).',
    },
    formula: '数值单元格 = 单个数值',
    tolerance: `比率超过${MAX_PLAUSIBLE_RATE.toString()}%视为粘连`,
    families: 'all',
    source: 'catalogue G2（提取残留）',
  },
  check(report) {
    const out: FindingDraft[] = [];
    for (const c of numberCells(report)) {
      const fused = fusedRate(c.fact, c.rate);
      out.push({
        message: {
          zh: `${c.part}${c.what}“${c.fact.text.replace(/\n/g, '⏎')}”${fused ? '数值大得不合理，疑为多个数字粘连' : '无法读成一个数值，疑为提取时拆分或粘连'}，未作猜测，请核对原件`,
          en: `${c.part}: ${c.what} "${c.fact.text.replace(/\n/g, '⏎')}" ${fused ? 'is implausibly large (fused numbers?)' : 'is not one readable number (split or fused?)'}; not guessed`,
        },
        values: [],
        evidence: [factEvidence(c.fact, READING_ROLE)],
        expected: '单个数值',
        observed: c.fact.text,
        tolerance: null,
        part: c.part,
      });
    }
    return out;
  },
};
