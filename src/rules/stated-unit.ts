import type { Fact } from '../../schemas/fact.js';
import { Rational } from '../numbers/decimal.js';
import { IMPLAUSIBLE_WAN } from '../recognize/budget-block.js';
import { factEvidence, textEvidence } from './finding.js';
import { columnLabel, selfEvalForms } from './lib/forms.js';
import type { FindingDraft, Rule } from './types.js';

const AMOUNTS = ['initialBudget', 'fullYearBudget', 'executed'] as const;

/**
 * A form whose head says 万元 over amounts the size of 元 (项目资金(万元) over 145000000.00: 1.45万亿元 in 万元, a town's
 * 1.45亿元 in 元). Recognition reads such a block in 元 and keeps the head's word as `budget.statedUnit`
 * (src/recognize/budget-block.ts blockUnit); this says so once per form, naming the head cell and the largest amount.
 */
export const rule: Rule = {
  meta: {
    id: 'stated-unit',
    version: 1,
    severity: 'info',
    catalogue: 'A (单位)',
    title: { zh: '表头单位与金额量级不符', en: 'Stated unit contradicted by the amounts’ size' },
    description: {
      zh: `表头（或金额标签）写作万元，而最大金额达${IMPLAUSIBLE_WAN.toString()}以上（按万元计超过1000亿元，超出一个项目或部门一年的规模），金额按量级应为元；已按元读取并核对，提示核对表头单位。正文照写“××万元”复述该金额时以万元为准，不提示。`,
      en: `A form's head (or amount label) says 万元 while its largest amount is ${IMPLAUSIBLE_WAN.toString()} or more (over 100 billion yuan in 万元): the amounts are in 元 and were read so; the head's unit is noted. Not raised when the prose restates such an amount as written with 万元.`,
    },
    formula: `表头单位 = 万元 且 最大金额 ≥ ${IMPLAUSIBLE_WAN.toString()} ⇒ 金额按元读取`,
    tolerance: `最大金额 ≥ ${IMPLAUSIBLE_WAN.toString()}（10^7 万元 = 1000亿元）`,
    families: 'all',
    source: '表样金额单位；金额量级（src/recognize/budget-block.ts IMPLAUSIBLE_WAN）',
  },
  check(report) {
    const out: FindingDraft[] = [];
    for (const form of selfEvalForms(report)) {
      const budget = form.budget;
      if (!budget || budget.statedUnit !== '万元' || budget.unit !== '元') continue;
      let largest: { fact: Fact; field: (typeof AMOUNTS)[number]; label: string; value: Rational } | null = null;
      for (const row of budget.rows) {
        for (const field of AMOUNTS) {
          const fact = row[field];
          if (!fact?.figure || fact.figure.unit !== null) continue;
          const value = Rational.parse(fact.figure.value).abs();
          if (!largest || value.gt(largest.value)) largest = { fact, field, label: row.label.replace(/\s+/g, ''), value };
        }
      }
      if (!largest) continue;
      const head = budget.statedUnitCell;
      const headText = head ? head.text.replace(/\s+/g, '') : null;
      const amount = `「${largest.label}」${columnLabel(form, largest.field)}${largest.fact.text.trim()}`;
      out.push({
        message: {
          zh: `${form.part}表头单位写作万元${headText ? `（“${headText}”）` : ''}，金额按量级应为元：${amount}按万元计超过1000亿元，已按元读取，请核对表头单位`,
          en: `${form.part}: the head says 万元${headText ? ` ("${headText}")` : ''}, but the amounts are the size of 元 (${amount} would be over 100 billion yuan in 万元); read in 元`,
        },
        values: [largest.value.toNumber()],
        evidence: [...(head ? [textEvidence(head, 'unit-head')] : []), factEvidence(largest.fact, 'amount')],
        expected: '元',
        observed: '万元',
        tolerance: `最大金额 ≥ ${IMPLAUSIBLE_WAN.toString()}`,
        params: { statedUnit: budget.statedUnit, readUnit: budget.unit, threshold: IMPLAUSIBLE_WAN.toString() },
        part: form.part,
      });
    }
    return out;
  },
};
