import { Rational } from '../numbers/decimal.js';
import { factEvidence } from './finding.js';
import { checkRate, factNumber, isBlank } from './lib/amounts.js';
import type { FindingDraft, Rule } from './types.js';

/** E1 控制率 = 实际在职人数 ÷ 编制数 (over 100%: info). */
export const rule: Rule = {
  meta: {
    id: 'staffing-control-rate',
    version: 1,
    severity: 'error',
    catalogue: 'E1',
    title: { zh: '人员控制率', en: 'Staffing control rate' },
    description: {
      zh: '基础数据表财政供养人员控制率应等于实际在职人数除以编制数；超过100%（超编）作提示。',
      en: 'The staffing control rate equals actual staff ÷ authorized posts; above 100% is reported as info.',
    },
    formula: '控制率 = 实际在职人数 ÷ 编制数 × 100%',
    tolerance: '人数为精确计数；控制率按书写精度±½末位（“96.72%”为±0.005个百分点）',
    families: 'all',
    source: '湖南部门整体支出绩效评价基础数据表；《预算绩效评价共性指标体系框架》（财预〔2013〕53号）在职人员控制率',
  },
  check(report) {
    const s = report.basicData?.staffing;
    const part = report.basicData?.part ?? '部门整体支出绩效评价基础数据表';
    if (!s?.authorized || !s.actual || isBlank(s.authorized) || isBlank(s.actual)) return [];
    const out: FindingDraft[] = [];
    const evidence = [factEvidence(s.actual, 'actual'), factEvidence(s.authorized, 'authorized')];
    if (s.controlRate && !isBlank(s.controlRate)) {
      const c = checkRate(s.actual, s.authorized, s.controlRate, 0, true);
      if (c && !c.consistent) {
        out.push({
          message: {
            zh: `${part}控制率印为${s.controlRate.text.trim()}，但实际在职人数${s.actual.text.trim()}÷编制数${s.authorized.text.trim()}=${c.computedValue}%`,
            en: `${part}: control rate ${s.controlRate.text.trim()} but ${s.actual.text.trim()} ÷ ${s.authorized.text.trim()} = ${c.computedValue}%`,
          },
          values: [factNumber(s.controlRate)!, Number(c.computedValue)],
          evidence: [...evidence, factEvidence(s.controlRate, 'rate')],
          expected: `${c.computedValue}%`,
          observed: s.controlRate.text.trim(),
          tolerance: c.tolerance,
          part,
        });
      }
    }
    const a = s.actual.figure ? Rational.parse(s.actual.figure.value) : null;
    const b = s.authorized.figure ? Rational.parse(s.authorized.figure.value) : null;
    if (a && b && a.gt(b)) {
      out.push({
        severity: 'info',
        message: {
          zh: `${part}实际在职人数${s.actual.text.trim()}超过编制数${s.authorized.text.trim()}（控制率超过100%）`,
          en: `${part}: actual staff ${s.actual.text.trim()} exceeds authorized ${s.authorized.text.trim()}`,
        },
        values: [a.toNumber(), b.toNumber()],
        evidence,
        expected: `≤ ${s.authorized.text.trim()}`,
        observed: s.actual.text.trim(),
        tolerance: '0（精确计数）',
        part,
      });
    }
    return out;
  },
};
