import { divIntervals, intersects, intervalOf, Rational, scaleInterval, subIntervals } from '../numbers/decimal.js';
import { factEvidence } from './finding.js';
import { amountInterval, factNumber, isBlank } from './lib/amounts.js';
import { paramsOf } from './lib/forms.js';
import { rowLabel, SPENDING_COLUMNS } from './lib/spending.js';
import type { FindingDraft, Rule } from './types.js';

const CHANGE_RATE = /(变动|增减|增长|下降|降低)率/;

/** E4 a stated 三公 change rate = (本年 − 上年) ÷ 上年. */
export const rule: Rule = {
  meta: {
    id: 'three-public-change-rate',
    version: 1,
    severity: 'error',
    catalogue: 'E4',
    title: { zh: '“三公”经费变动率', en: '"Three public" change rate' },
    description: {
      zh: '表中列出的“三公”经费变动率（增减率）应等于（本年决算数 − 上年决算数）÷ 上年决算数；上年为0时不检查。',
      en: 'A stated "three public" change rate equals (this year − last year) ÷ last year; skipped when last year is 0.',
    },
    formula: '变动率 = (本年决算数 − 上年决算数) ÷ 上年决算数 × 100%（下降率取相反数）',
    tolerance: '金额按书写精度±½末位（至少两位小数），比率按书写精度±½末位',
    families: 'all',
    source: '《预算绩效评价共性指标体系框架》（财预〔2013〕53号）“三公经费变动率”',
    parameters: ['moneyDecimals'],
  },
  check(report, ctx) {
    const p = paramsOf(ctx);
    const bd = report.basicData;
    if (!bd) return [];
    const base = bd.spending.find((r) => r.key === 'three-public');
    const rateRow = bd.spending.find((r) => CHANGE_RATE.test(r.label) && /三公/.test(r.label + (r.parent ?? '')));
    if (!base?.previousFinal || !base.final || !rateRow) return [];
    const rate = SPENDING_COLUMNS.map((c) => rateRow[c]).reverse().find((f) => f && !isBlank(f) && f.figure) ?? null;
    const prev = amountInterval(base.previousFinal, p.moneyDecimals);
    const cur = amountInterval(base.final, p.moneyDecimals);
    if (!rate?.figure || !prev || !cur || prev.lo.le(Rational.of(0))) return [];
    const q = divIntervals(subIntervals(cur, prev), prev);
    if (!q) return [];
    const decline = /下降|降低/.test(rateRow.label);
    let computed = scaleInterval(q, Rational.of(decline ? -100 : 100));
    if (computed.lo.gt(computed.hi)) computed = { lo: computed.hi, hi: computed.lo };
    const printed = intervalOf(rate.figure.value, rate.figure.decimals);
    if (intersects(computed, printed)) return [];
    const exact = Rational.parse(base.final.figure!.value).sub(Rational.parse(base.previousFinal.figure!.value)).div(Rational.parse(base.previousFinal.figure!.value)).mul(Rational.of(decline ? -100 : 100));
    const out: FindingDraft[] = [
      {
        message: {
          zh: `${bd.part}「${rowLabel(rateRow)}」印为${rate.text.trim()}，按（${base.final.text.trim()}−${base.previousFinal.text.trim()}）÷${base.previousFinal.text.trim()}应为${exact.toFixed(2)}%`,
          en: `${bd.part}: ${rowLabel(rateRow)} printed ${rate.text.trim()} but (${base.final.text.trim()} − ${base.previousFinal.text.trim()}) ÷ ${base.previousFinal.text.trim()} = ${exact.toFixed(2)}%`,
        },
        values: [factNumber(rate)!, Number(exact.toFixed(2))],
        evidence: [factEvidence(base.previousFinal, 'previous'), factEvidence(base.final, 'current'), factEvidence(rate, 'rate')],
        expected: `${exact.toFixed(2)}%`,
        observed: rate.text.trim(),
        tolerance: `比率±½末位，金额±½末位（至少${p.moneyDecimals}位小数）`,
        params: { family: p.family, moneyDecimals: p.moneyDecimals },
        part: bd.part,
      },
    ];
    return out;
  },
};
