import type { Fact } from '../../schemas/fact.js';
import { factEvidence } from './finding.js';
import { checkRate, exactValue, factNumber, isBlank } from './lib/amounts.js';
import { paramsOf } from './lib/forms.js';
import type { FindingDraft, Rule } from './types.js';

/** E3 楼堂馆所 规模控制率 = 实际规模 ÷ 批复规模; 投资概算控制率 = 实际投资 ÷ 预算投资 (skip on 0). */
export const rule: Rule = {
  meta: {
    id: 'building-control-rates',
    version: 1,
    severity: 'error',
    catalogue: 'E3',
    title: { zh: '楼堂馆所控制率', en: 'Building control rates' },
    description: {
      zh: '基础数据表楼堂馆所的规模控制率应等于实际规模除以批复规模，投资概算控制率应等于实际投资除以预算投资；分母为0或空白时不检查。',
      en: 'Scale control rate = actual ÷ approved scale; investment control rate = actual ÷ budgeted investment (skipped on 0).',
    },
    formula: '规模控制率 = 实际规模 ÷ 批复规模；投资概算控制率 = 实际投资 ÷ 预算投资',
    tolerance: '规模、金额按书写精度±½末位（金额至少两位小数），比率按书写精度±½末位',
    families: 'all',
    source: '湖南部门整体支出绩效评价基础数据表；财预〔2013〕53号',
    parameters: ['moneyDecimals'],
  },
  check(report, ctx) {
    const p = paramsOf(ctx);
    const b = report.basicData?.buildings;
    const part = report.basicData?.part ?? '部门整体支出绩效评价基础数据表';
    if (!b) return [];
    const out: FindingDraft[] = [];
    const test = (name: string, en: string, actual: Fact | null, base: Fact | null, rate: Fact | null, dp: number) => {
      if (!actual || !base || !rate || isBlank(actual) || isBlank(base) || isBlank(rate)) return;
      const d = exactValue(base);
      if (!d || d.isZero()) return;
      const c = checkRate(actual, base, rate, dp);
      if (!c || c.consistent) return;
      out.push({
        message: {
          zh: `${part}楼堂馆所${name}印为${rate.text.trim()}，但${actual.text.trim()}÷${base.text.trim()}=${c.computedValue}%`,
          en: `${part}: ${en} printed ${rate.text.trim()} but ${actual.text.trim()} ÷ ${base.text.trim()} = ${c.computedValue}%`,
        },
        values: [factNumber(rate)!, Number(c.computedValue)],
        evidence: [factEvidence(actual, 'actual'), factEvidence(base, 'base'), factEvidence(rate, 'rate')],
        expected: `${c.computedValue}%`,
        observed: rate.text.trim(),
        tolerance: c.tolerance,
        params: { family: p.family, moneyDecimals: p.moneyDecimals },
        part,
      });
    };
    test('规模控制率', 'scale control rate', b.actualScale, b.approvedScale, b.scaleControlRate, 0);
    test('投资概算控制率', 'investment control rate', b.actualInvestment, b.budgetInvestment, b.investmentControlRate, p.moneyDecimals);
    return out;
  },
};
