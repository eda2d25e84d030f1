import { describe, expect, it } from 'vitest';
import { checkModel as check } from '../helpers/check.js';
import { documentOf } from '../helpers/model.js';

/**
 * Held-out 22 (bench/results/corpus-2026-12-07-heldout22-*): 霍山 医保局's 2024 医疗救助 转移支付项目绩效目标自评表 writes
 * its amounts with a bare 万 under 资金投入情况(万元) ("3359.62万"); each was first an unreadable cell (split-numbers).
 */

const rows = (total: string, central: string, local: string) => [
  ['资金投入情况(万元)', '<', '全年预算数(A)', '全年执行数(B)', '预算执行率(B/A×100%)'],
  ['年度资金总额:', '<', total, total, '100%'],
  ['其中:中央财政资金', '<', central, central, '100%'],
  ['彩票公益金用于医疗救助', '<', '0', '0', '100%'],
  ['地方资金', '<', local, local, '100%'],
  ['总体目标完成情况', '总体目标', '<', '全年实际完成情况', '<'],
  ['^', '改善困难群众就医待遇', '<', '医疗救助惠及11万人次', '<'],
  ['绩效指标', '三级指标', '指标值', '全年实际完成值', '未完成原因和改进措施'],
  ['产出指标', '享受医疗救助人次', '≥50000人次', '110406', ''],
];

describe('held-out 22: an amount with 万元 written short as 万 in a money column', () => {
  const form = (total: string, central: string, local: string) =>
    check(documentOf(['医疗救助补助资金转移支付项目绩效目标自评表', '(2024年度)', [['转移支付(项目)名称', '医疗救助补助资金', '<', '<', '<'], ...rows(total, central, local)]]));

  it('reads 3359.62万 as 3359.62万元, and the sources then add up', () => {
    const { report, findings } = form('3359.62万', '829.3万', '2530.32万');
    const budget = report.projects[0]?.budget;
    expect(budget?.rows.map((r) => [r.fullYearBudget?.figure?.value, r.fullYearBudget?.figure?.unit])).toEqual([
      ['3359.62', '万元'],
      ['829.3', '万元'],
      ['0', null],
      ['2530.32', '万元'],
    ]);
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('a wrong total written so is found like one written in full', () => {
    const { findings } = form('3359.62万', '829.3万', '2520.32万');
    expect(findings.some((f) => f.rule === 'funding-sources-sum' && f.message.includes('3359.62'))).toBe(true);
  });
});
