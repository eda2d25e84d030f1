import { describe, expect, it } from 'vitest';
import { checkModel as check } from '../helpers/check.js';
import { documentOf } from '../helpers/model.js';

/**
 * Held-out 7: Chongqing's 部门整体绩效自评表 (西部(重庆)科学城 融媒体中心 2021, as published): 自评总分 in the
 * head, then 指标名称 | 计量单位 | 指标性质 | 年初指标值 | 调整指标值 | 全年完成值 | 得分系数(%) | 指标权重(分) |
 * 指标得分(分) | 是否核心指标 — no 一级/二级 levels, the budget-management ratios among the indicators.
 */

describe('held-out 7: Chongqing 部门整体绩效自评表', () => {
  // 部门整体绩效自评表 (重庆 西部科学城 融媒体中心 2021): targets without comparators, scored in full
  const head = [
    ['主管部门', '<', '', '<', '财政处室', '<', '自评总分(分)', '<', '97.6', '<'],
    ['部门预算执行情况(万元)', '<', '年初预算数', '全年(调整)预算数', '全年执行数', '执行率(%)', '<', '执行率权重', '执行率得分(分)', '<'],
    ['', '<', '100', '100', '76', '76%', '<', '10', '7.6', '<'],
  ];
  const rows = [
    ...head,
    ['指标名称', '计量单位', '指标性质', '年初指标值', '调整指标值', '全年完成值', '得分系数(%)', '指标权重(分)', '指标得分(分)', '是否核心指标'],
    ['财政供养人员控制率', '%', '定量指标', '100%', '', '92%', '100%', '2', '2', '否'],
    ['预算完成率', '%', '^', '70%', '', '76%', '100%', '2', '2', '是'],
    ['预算调整率', '%', '^', '3%', '', '0', '100%', '2', '2', '否'],
    ['结转结余率', '%', '^', '2%', '', '0', '100%', '2', '2', '是'],
    ['公用经费控制率', '%', '^', '100%', '', '97%', '100%', '2', '2', '是'],
    ['政府采购执行率', '%', '^', '100%', '', '72.74%', '100%', '2', '2', '是'],
    ['病虫害控制率', '%', '^', '90%', '', '80%', '100%', '2', '2', '否'],
  ];
  it('a 三级指标 named 财政供养人员控制率 under the indicator header does not make the table a 基础数据表', () => {
    const { report } = check(documentOf(['部门整体绩效自评表', rows.slice(0, 5)]));
    expect(report.basicData).toBeNull();
    expect(report.deptSelfEval?.indicators.map((i) => i.level3)).toEqual(['财政供养人员控制率']);
  });

  it('控制率 of staff and spending, 调整率 and 结余率 are lower-is-better; a pest 控制率 and 执行率 are not', () => {
    const { report, findings } = check(documentOf(['部门整体绩效自评表', rows]));
    const form = report.deptSelfEval ?? report.projects[0];
    expect(form).toBeTruthy();
    // the score is 指标得分(分), not 得分系数(%)
    expect(form!.indicators.map((i) => i.score.text)).toEqual(['2', '2', '2', '2', '2', '2', '2']);
    const missed = findings.filter((f) => f.rule === 'quantitative-score').map((f) => f.message);
    expect(missed).toHaveLength(2);
    expect(missed.join('\n')).toContain('「政府采购执行率」');
    expect(missed.join('\n')).toContain('「病虫害控制率」');
    // the message names the indicator table's column, not the budget block's
    expect(missed[0]).toContain('表中指标得分(分)为2');
    expect(findings.filter((f) => f.rule === 'score-range')).toEqual([]);
  });
});
