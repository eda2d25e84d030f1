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

/**
 * 大足 商务委's 2021 部门整体绩效目标自评表 (重庆 区县): its own title row names the department's form over a 主管部门 | … |
 * 实施单位 head a project form prints too, and its money columns are 年初预算资金总额 / 实际投入资金额 / 产生差异的原因.
 */
const DAZU = (title: string) => [
  [title, '<', '<', '<', '<', '<'],
  ['单位名称', '大足区商务委员会', '<', '单位负责人及电话', '李荣燕', '<'],
  ['主管部门', '商务委财务科', '<', '实施单位', '', '<'],
  ['资金情况(万元)', '', '年初预算资金总额(万元)', '实际投入资金额(万元)', '产生差异的原因', '<'],
  ['^', '合计', '1304.23', '2951.55', '项目经费增加', '<'],
  ['^', '其中:财政拨款', '1304.23', '2951.55', '', '<'],
  ['三级指标', '指标权重', '计量单位', '指标值', '全年实际完成值', '产生差异的原因及改进措施'],
  ['外贸进出口总额', '25', '亿人民币', '17.5', '28.6', ''],
];

describe('held-out 22: a 部门整体 form named by its own title row, money put in beside the year\'s budget', () => {
  it('is the department\'s form, its 合计 row read under 年初预算资金总额 and 实际投入资金额', () => {
    const { report } = check(documentOf(['表1:', DAZU('2021年部门整体绩效目标自评表')]));
    expect(report.projects).toEqual([]);
    const total = report.deptSelfEval?.budget?.rows.find((r) => r.label === '合计');
    expect([total?.initialBudget?.figure?.value, total?.executed?.figure?.value]).toEqual(['1304.23', '2951.55']);
  });

  it('the same head under a project form\'s title stays a project form', () => {
    const { report } = check(documentOf(['表1:', DAZU('2021年项目支出绩效目标自评表')]));
    expect(report.deptSelfEval).toBeNull();
    expect(report.projects).toHaveLength(1);
  });
});
