import { describe, expect, it } from 'vitest';
import { checkModel as check } from '../helpers/check.js';
import { documentOf } from '../helpers/model.js';

/**
 * Held-out 12t (bench/results/corpus-2026-12-06-heldout12t-*): 南昌县 蚕茶卫生院's 2021 整体支出绩效自评表 (a
 * 自评权重 column per 分解目标 left of the indicator names, the indicators' own 分值 right of them), 达州
 * 农业农村局's 部门整体支出绩效评价得分表 published blank, and 宁晋县's 2019 高中助学金项目绩效评价指标表 (a title
 * over a web byline, indicators and 总分 with no execution row).
 */

const CANCHA = [
  ['分解目标', '自评权重', '二级指标', '三级指标', '年度指标值', '全年完成值', '分值', '得分', '偏差及原因分析'],
  ['管理指标', '30', '预算编审管理', '完整、准确率', '100%', '100%', '4', '4', ''],
  ['^', '^', '政府采购管理', '执行率', '100%', '100%', '5', '5', ''],
  ['产出指标', '25', '质量指标', '任务1:诊断准确率', '95%以上', '97%', '5', '5', ''],
  ['^', '^', '时效指标', '任务2:健康档案更新率', '按规定时限', '延迟录入', '3', '2', '录入有延迟'],
  ['效果指标', '35', '经济效益指标', '业务收入', '超上年度', '增收27万元', '13', '13', ''],
  ['^', '^', '社会效益指标', '公卫均等化签约完成率、特殊人群体检率', '签约率提高1%', '体检率下降1%', '12', '6', '部分群众不愿配合体检或长期在外'],
];

describe('held-out 12t: a 自评权重 column left of the indicator names is a level\'s, the 分值 right of them the indicator\'s', () => {
  const { report, findings } = check(documentOf(['蚕茶卫生院整体支出绩效自评表', '(2021年度)', CANCHA]));
  const form = report.deptSelfEval ?? report.projects[0];
  const inds = form?.indicators ?? [];

  it('reads each indicator\'s weight from 分值, not the group\'s 30 / 25 / 35', () => {
    expect(inds.map((i) => [i.level3, i.weight?.text, i.score?.text])).toEqual([
      ['完整、准确率', '4', '4'],
      ['执行率', '5', '5'],
      ['任务1:诊断准确率', '5', '5'],
      ['任务2:健康档案更新率', '3', '2'],
      ['业务收入', '13', '13'],
      ['公卫均等化签约完成率、特殊人群体检率', '12', '6'],
    ]);
  });

  it('full scores are not read as falling short of the group weight', () => {
    expect(findings.filter((f) => f.rule === 'deviation-reason' || f.rule === 'score-range')).toEqual([]);
  });
});

const DAZHOU = [
  ['一级指标', '二级指标', '三级指标', '得分'],
  ['部门决策(25分)', '目标任务(15分)', '相关性(5分)', ''],
  ['^', '^', '明确性(5分)', ''],
  ['^', '^', '合理性(5分)', ''],
  ['^', '预算编制(10分)', '测算依据(5分)', ''],
  ['^', '^', '目标管理(5分)', ''],
  ['综合管理(30分)', '中期评估(2分)', '执行中期评估(2分)', ''],
  ['^', '绩效监控(5分)', '预算执行进度监控(2分)', ''],
  ['^', '^', '绩效目标动态监控(3分)', ''],
  ['部门绩效情况(45分)', '满意度(10分)', '协作部门满意度(3分)', ''],
  ['^', '^', '管理对象满意度(3分)', ''],
];

describe('held-out 12t: a scoring sheet published blank is one finding, not one per indicator', () => {
  const { report, findings } = check(documentOf([DAZHOU]));

  it('is the department\'s sheet, by its 部门决策 / 综合管理 groups, though it has no title', () => {
    expect(report.deptSelfEval?.indicators.map((i) => i.level3)).toHaveLength(10);
    expect(report.projects).toEqual([]);
  });

  it('reports the unscored form once, as a warning naming its first indicators', () => {
    const blank = findings.filter((f) => f.rule === 'required-cells' && f.severity !== 'info');
    expect(blank).toHaveLength(1);
    expect(blank[0].severity).toBe('warning');
    expect(blank[0].message).toMatch(/全部10个指标的得分均未填写/);
    expect(blank[0].evidence[0].text).toMatch(/^相关性\(5分\)、明确性\(5分\)、合理性\(5分\)…/);
  });
});

describe('held-out 12t: a filled form with one blank score still names that indicator', () => {
  const filled = DAZHOU.map((row, i) => (i === 0 || i === 3 ? row : [...row.slice(0, 3), '5']));
  const { findings } = check(documentOf([filled]));

  it('lists the single blank 得分 on its own', () => {
    const blank = findings.filter((f) => f.rule === 'required-cells' && f.severity !== 'info');
    expect(blank.map((f) => f.message)).toEqual([expect.stringMatching(/合理性\(5分\).*得分未填写/)]);
  });
});

const NINGJIN = [
  ['评价指标', '评价内容', '指标名称', '指标说明', '目标值', '分值', '备注'],
  ['项目年度绩效目标(定量指标)', '制度指标', '规章制度建立与否', '', '', '20', ''],
  ['^', '产出数量指标', '享受资助人数', '达到预计值', '2100', '10', ''],
  ['^', '^', '资金支出率', '达到目标值', '95%', '10', ''],
  ['^', '质量指标', '建档立卡学生全面覆盖', '', '100%', '10', ''],
  ['^', '^', '资助对象满意度', '达到目标值', '95%以上', '10', ''],
  ['^', '时效指标', '及时发放率', '达到目标值', '100%', '20', ''],
  ['^', '成本指标', '资助标准达标率', '', '100%', '20', ''],
  ['总分', '<', '<', '<', '', '100', ''],
];

describe('held-out 12t: a project 绩效评价指标表 under a title and a web byline, with no execution row', () => {
  const { report, findings } = check(documentOf(['2019年度宁晋县高中助学金项目绩效评价指标表', '发布时间: 2020-12-02 发布机构:教育局', NINGJIN]));

  it('is the project form the title names', () => {
    expect(report.deptSelfEval).toBeNull();
    expect(report.projects.map((p) => p.part)).toEqual(['项目支出绩效自评表（宁晋县高中助学金项目）']);
    expect(report.projects[0].indicators.map((i) => i.weight?.text)).toEqual(['20', '10', '10', '10', '10', '20', '20']);
  });

  it('adds no execution weight to a form that has no execution row: 100 = the indicator weights', () => {
    expect(findings.filter((f) => f.rule === 'weight-totals')).toEqual([]);
  });
});

/** 岳阳县 农村公路养护's 2020 评价报告 (a mirror in traditional characters): cover lines, then the 项目基本概况 pairs. */
const YUEYANG = [
  ['一、項目基本概況', '<', '<', '<', '<', '<', '<', '<'],
  ['計劃安排資金 (萬元)', '700', '實際到位資金 (萬元)', '7,00.0,77', '實際支出 (萬元)', '7,00.0,77', '結余 (萬元)', '0'],
  ['其中:中央財政', '', '其中:中央財政', '', '其中:中央財政', '', '其中:中央財政', ''],
  ['縣財政', '700', '縣財政', '7,00.0,77', '縣財政', '7,00.0,77', '縣財政', ''],
];

describe('held-out 12t: the Hunan 项目支出绩效评价报告 form (计划安排资金 | 实际到位资金 | 实际支出 pairs, no title)', () => {
  const { report, findings } = check(documentOf(['評價類型:項目實施過程評價□項目完成結果評價□', '項目名稱:岳陽縣農村公路養(yǎng)護', '項目單位:岳陽縣農村公路養(yǎng)護中心', YUEYANG]));
  const project = report.projects[0];

  it('is a project form named by its cover line', () => {
    expect(report.projects).toHaveLength(1);
    expect(project.part).toMatch(/^项目支出绩效自评表（岳阳县农村公路养/);
  });

  it('reads the planned 700 and leaves the garbled 7,00.0,77 unread: no finding compares it', () => {
    const total = project.budget!.rows[0];
    expect(total.fullYearBudget?.text).toBe('700');
    expect(total.executed).toBeNull();
    expect(findings.filter((f) => f.severity !== 'info' && f.evidence.some((e) => e.text.includes('7,00.0,77')))).toEqual([]);
  });
});

/** 金寨县茶谷和美丽乡村建设服务中心's 2023 部门整体支出绩效自评表: 338.31 spent of 329.77, its 其中 row the same figures. */
const JINZHAI = [
  ['部门', '<', '金寨县茶谷和美丽乡村建设服务中心', '<', '<', '<', '<', '<', '<'],
  ['预算资金 (万元)', '<', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
  ['^', '^', '年度资金总额', '329.77', '329.77', '338.31', '10', '102.59%', ''],
  ['^', '^', '其中:当年财政拨款', '329.77', '329.77', '338.31', '—', '102.59%', '—'],
  ['绩 效 指 标', '一级指标', '二级指标', '三级指标', '年度 指标值', '实际 完成值', '分值', '得分', '偏差原因分析及改进措施'],
  ['^', '产出指标', '数量指标', '指标2:建设美丽宜居自然村庄数量', '≥200', '202', '10', '10', ''],
  ['^', '^', '质量指标', '指标1:美丽宜居自然村庄验收通过率', '≥95%', '100%', '5', '5', ''],
];

describe('held-out 12t: spending above the budget restated in the 其中 row is one finding', () => {
  const { findings } = check(documentOf(['部门整体支出绩效自评表', '(2023年度)', JINZHAI]));

  it('warns once for 338.31 over 329.77, on the 年度资金总额 row', () => {
    const over = findings.filter((f) => f.rule === 'overspend-reason');
    expect(over.map((f) => f.message)).toEqual([expect.stringMatching(/年度资金总额.*338\.31.*329\.77/)]);
  });
});
