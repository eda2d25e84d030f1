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

  it('a name wrapped across the cell’s lines (a phone photo of 两江 科学城: “财政供养人⏎员控制率”) is still lower-is-better', () => {
    const wrapped = rows.map((r) => (r[0] === '财政供养人员控制率' ? ['财政供养人\n员控制率', ...r.slice(1)] : r[0] === '公用经费控制率' ? ['公用经\n费控制率', ...r.slice(1)] : r));
    const { report, findings } = check(documentOf(['部门整体绩效自评表', wrapped]));
    const names = (report.deptSelfEval ?? report.projects[0])!.indicators.map((i) => i.level3);
    expect(names.filter((n) => /\n/u.test(n))).toHaveLength(2);
    const missed = findings.filter((f) => f.rule === 'quantitative-score').map((f) => f.message);
    expect(missed).toHaveLength(2);
    expect(missed.join('\n')).not.toMatch(/供养|公用经费/u);
  });
});

/**
 * 武汉市新洲区楚剧团 2020 项目支出绩效自评表 (held-out 7 batch B, as a document site flattened it): 全年执行
 * without 数, 指标1:/指标2: spare rows (two run into one cell), five indicators of 20 points each.
 */
describe('held-out 7: Hubei 2020 项目支出绩效自评表 with its own weights', () => {
  const rows = [
    ['项目名称', '<', '演出设备更新专项经费', '<', '<', '<', '<', '<', '<'],
    ['主管部门', '<', '新洲区楚剧团', '<', '<', '实施单位', '<', '新洲区文化和旅游局机关', '<'],
    ['项目资金 (万元)', '<', '', '年初预算数', '全年预算数', '全年执行', '分值', '执行率', '得分'],
    ['^', '^', '年度资金总额', '30', '30', '', '10', '100%', ''],
    ['^', '^', '其中:当年财政拨款', '30', '30', '30', '—', '<', '<'],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
    ['^', '产出指标', '数量指标', '更新剧团老化、损坏的音响', '50件', '50件', '20', '20', ''],
    ['^', '^', '^', '望新点胸艮必具', '100件', '100件', '20', '20', ''],
    ['^', '^', '质量指标', '音响、灯光、道具、服装 质量等', '合格', '合格', '20', '20', ''],
    ['^', '^', '时效指标', '指标1:', '', '', '', '', ''],
    ['^', '^', '成本指标', '演出设备成本', '件/件2万元', '2万元', '20', '18', ''],
    ['^', '效益指标', '经济效益 指标', '指标1: 指标2:', '', '', '', '', ''],
    ['^', '^', '社会效益 指标', '指标1: 指标2:', '', '', '', '', ''],
    ['^', '满意度指标', '服务对象 满意度指标', '演出人员满意度', '100%', '100%', '20', '20', ''],
    ['总分', '<', '<', '<', '<', '<', '100', '98', ''],
  ];

  it('全年执行 heads the executed column; spare rows, one or two placeholders to a cell, are one template finding; the template split is not imposed', () => {
    const { report, findings } = check(documentOf(['项目支出绩效自评表', '(2020 年度)', rows]));
    const form = report.projects[0];
    expect(form.budget?.rows.map((r) => r.executed?.text ?? '')).toEqual(['', '30']);
    expect(form.indicators.map((i) => i.level3)).toEqual(['更新剧团老化、损坏的音响', '望新点胸艮必具', '音响、灯光、道具、服装 质量等', '演出设备成本', '演出人员满意度']);
    expect(findings.filter((f) => f.rule === 'required-cells' && f.message.includes('指标1'))).toEqual([]);
    expect(findings.filter((f) => f.rule === 'template-leftovers')).toHaveLength(1);
    // every group departs from 50/30/10: the form has its own split, only its total is checked
    expect(findings.filter((f) => f.rule === 'group-weights')).toEqual([]);
    expect(findings.filter((f) => f.rule === 'weight-totals').some((f) => f.values.includes(110))).toBe(true);
  });
});
