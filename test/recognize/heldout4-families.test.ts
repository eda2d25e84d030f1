import { describe, expect, it } from 'vitest';
import { documentOf } from '../helpers/model.js';
import { checkModel as check } from '../helpers/check.js';

/**
 * 海南省商务厅 服务贸易项目绩效自评表: 项目基本情况 (计划投资额 / 实际到位资金 / 实际使用情况), then a
 * scoring sheet with a 分值 column after each level and the 得分 last (as published, cut after 项目产出).
 */
const HAINAN = documentOf([
  '服务贸易项目绩效自评表',
  '一、项目基本情况',
  [
    ['项目实施单位', '省商务厅服务贸易和商贸服务业处', '<', '主管部门', '省商务厅', '<'],
    ['项目负责人', '李鹏', '<', '联系电话', '', '<'],
    ['计划投资额(万元)', '570', '实际到位资金(万元)', '398.88', '实际使用情况(万元)', '395.86'],
  ],
  '二、绩效评价指标评分',
  [
    ['一级指标', '分值', '二级指标', '分值', '三级指标', '分值', '得分'],
    ['项目决策', '20', '项目目标', '4', '目标内容', '4', '4'],
    ['^', '^', '决策过程', '8', '决策依据', '3', '3'],
    ['^', '^', '^', '^', '决策程序', '5', '5'],
    ['^', '^', '资金分配', '8', '分配办法', '2', '2'],
    ['^', '^', '^', '^', '分配结果', '6', '6'],
    ['项目管理', '25', '资金到位', '5', '到位率', '3', '3'],
    ['^', '^', '^', '^', '到位时效', '2', '2'],
  ],
]);

/**
 * A 部门整体支出绩效评价得分表 (2017, 省级财力专项 / 中央专款 template): one 得分 column, every level's
 * points written into its label (部门决策(25 分) › 目标任务(15 分) › 相关性(5 分)).
 */
const POINTS_IN_LABELS = documentOf([
  '2017 年部门整体支出绩效评价得分表',
  [
    ['一级指标', '二级指标', '三级指标', '得分'],
    ['部门决策(25 分)', '目标任务(15 分)', '相关性(5 分)', '5'],
    ['^', '^', '明确性(5 分)', '5'],
    ['^', '^', '合理性(5 分)', '5'],
    ['^', '预算编制(10 分)', '测算依据(5 分)', '2'],
    ['^', '^', '目标管理(5 分)', '4'],
  ],
]);

/** A content site's 专项资金绩效自评报告 with its 自评结果汇总表: one row per fund, 项目名称 heading a column. */
const SUMMARY = documentOf([
  '2019年度专项资金绩效自评报告',
  '2019年,我单位共涉及五项专项资金,涵盖教育、医疗、基础设施建设、乡村振兴及环境保护等领域。各专项资金在预算安排、执行进度、资金拨付及项目完成方面基本达到预期目标,整体绩效良好。',
  '二、专项资金绩效自评结果汇总表',
  [
    ['项目名称', '预算金额(万元)', '实际支出(万元)', '资金使用率', '项目完成率', '成效评价', '存在问题'],
    ['教育专项', '850', '830', '97.6%', '100%', '优秀', '资金拨付周期较长'],
    ['医疗保障专项', '620', '600', '96.8%', '95%', '良好', '项目覆盖范围不足'],
    ['基础设施建设项目', '1200', '1180', '98.3%', '100%', '优秀', '施工进度不均衡'],
  ],
]);

describe('held-out 4: a 自评结果汇总表 is a list of projects, not a form', () => {
  it('no project form is made of it (it was 项目支出绩效自评表（预算金额(万元)）, unread); its rates are read and hold; it is not called unchecked', () => {
    const { report, findings } = check(SUMMARY);
    expect(report.projects).toEqual([]);
    expect(report.coverage.unrecognizedTables).toEqual([0]);
    expect(findings.filter((f) => f.rule === 'list-table-rate')).toEqual([]);
    expect(findings.some((f) => f.message.includes('未归入任何部分'))).toBe(false);
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});

describe('held-out 4: scoring sheets (评分表 / 得分表) with points and no 指标值 / 完成值', () => {
  it('a 分值 after each level: the one right of 三级指标 is the indicator’s weight, the one right of 一级指标 the level’s points', () => {
    const { report, findings } = check(HAINAN);
    expect(report.projects).toHaveLength(1);
    const rows = report.projects[0].indicators.map((i) => [i.level1, i.level3, i.weight.text, i.score.text, i.level1Points?.value ?? null]);
    expect(rows).toEqual([
      ['项目决策', '目标内容', '4', '4', '20'],
      ['项目决策', '决策依据', '3', '3', '20'],
      ['项目决策', '决策程序', '5', '5', '20'],
      ['项目决策', '分配办法', '2', '2', '20'],
      ['项目决策', '分配结果', '6', '6', '20'],
      ['项目管理', '到位率', '3', '3', '25'],
      ['项目管理', '到位时效', '2', '2', '25'],
    ]);
    // every score within its weight, every sum that holds left alone
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('a 得分表 titled …绩效评价得分表 is the department form; the points in a 三级指标 label are its weight', () => {
    const { report, findings } = check(POINTS_IN_LABELS);
    expect(report.deptSelfEval).not.toBeNull();
    const rows = report.deptSelfEval!.indicators.map((i) => [i.level3, i.weight.figure?.value ?? null, i.score.text]);
    expect(rows).toEqual([
      ['相关性(5 分)', '5', '5'],
      ['明确性(5 分)', '5', '5'],
      ['合理性(5 分)', '5', '5'],
      ['测算依据(5 分)', '5', '2'],
      ['目标管理(5 分)', '5', '4'],
    ]);
    expect(report.family).toBe('unknown');
    // a scoring sheet alone is no Hunan package: no 基础数据表 / project forms are asked for
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    // the note says why no family applies: scores only, no 指标值 / 完成值 (it does print 得分)
    expect(findings.find((f) => f.rule === 'coverage' && f.message.includes('不属于已知模板'))?.message).toContain('只有评分、未印指标值和完成值');
  });
});
