import { describe, expect, it } from 'vitest';
import { documentOf } from '../helpers/model.js';
import { checkModel as check } from '../helpers/check.js';
import { parseMeasureFigure } from '../../src/numbers/figure.js';

/** 安徽 淮南市田家庵区 就业补助资金绩效自评表 (2024): the central transfer-payment form (转移支付(项目)名称, 资金投入情况). */
const TRANSFER = documentOf([
  '就业补助资金绩效自评表',
  '（2024年度）',
  [
    ['转移支付（项目）名称', '就业补助资金', '<', '<', '<'],
    ['中央主管部门', '人力资源社会保障部', '<', '<', '<'],
    ['资金使用单位', '淮南市田家庵区人力资源和社会保障局', '<', '<', '<'],
    ['资金投入情况 （万元）', '', '全年预算数(A)', '全年执行数(B)', '预算执行率(B/A×100%)'],
    ['^', '年度资金总额:', '808.1', '692.98', '86%'],
    ['^', '其中:中央财政资金', '808.1', '692.98', '86%'],
    ['^', '地方财政资金', '', '', ''],
    ['^', '其他资金', '', '', ''],
    ['资金管理情况', '', '情况说明', '<', '存在问题和改进措施'],
    ['^', '执行准确性', '按照上级下达的金额执行,不存在执行数偏离预算数较多的问题。', '<', ''],
  ],
]);

/** 河北 廊坊市食品工程学校 项目支出绩效自评表 (2019): template numbering 指标1/指标2 kept before the names. */
const NUMBERED = documentOf([
  '项目支出绩效自评表',
  [
    ['项目名称', '<', '办公宿舍楼、食堂及餐厅暖通改造经费', '<', '<', '<', '<', '<'],
    ['项目资金（万元）', '<', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    ['年度资金总额', '<', '43.2', '43.2', '37.24', '10', '86%', '9'],
    ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
    ['产出指标', '数量指标', '指标1工程资金金额', '43.2', '37.24', '10', '9', '已完工,剩余3%尾款未付,且最高限价低于预算金额。提高预算准确度。'],
    ['^', '^', '指标2', '', '', '', '', ''],
    ['^', '质量指标', '指标1工程完工率', '100', '100', '10', '10', ''],
    ['^', '^', '指标2工程验收合格率', '100', '100', '10', '10', ''],
    ['满意度指标', '服务对象满意度指标', '指标1学生满意度', '100', '100', '10', '10', '0'],
  ],
]);

/**
 * MOF variant with the reasons in rows under the indicator table (湖北/江苏 templates print
 * 偏差大或目标未完成原因分析 and 改进措施及结果应用方案 as form-level rows, not a column).
 */
const FORM_LEVEL_REASON = (reason: string) =>
  documentOf([
    '项目支出绩效自评表',
    [
      ['项目名称', '<', '农村公路养护', '<', '<', '<', '<', '<'],
      ['项目资金（万元）', '<', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
      ['年度资金总额', '<', '120', '120', '96', '10', '80%', '8'],
      ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
      ['产出指标', '数量指标', '养护里程', '≥300公里', '285公里', '40', '40', ''],
      ['^', '质量指标', '路况优良率', '≥85%', '86%', '20', '20', ''],
      ['效益指标', '社会效益指标', '群众出行条件', '改善', '改善', '20', '20', ''],
      ['满意度指标', '服务对象满意度指标', '群众满意度', '≥90%', '95%', '10', '10', ''],
      ['总分', '<', '<', '<', '<', '100', '98', ''],
      ['偏差大或目标未完成原因分析', '<', '<', reason, '<', '<', '<', '<'],
      ['改进措施及结果应用方案', '<', '<', '加强计划管理', '<', '<', '<', '<'],
    ],
  ]);

/** 安徽 萧县 河西村特色种养补贴到户项目 绩效目标自评表 (2023): ★ rows with their own target, broken down in 其中 rows. */
const BREAKDOWN = documentOf([
  '绩效目标自评表',
  [
    ['项目名称', '<', '河西村特色种养补贴到户项目', '<', '<', '项目负责人及电话', '<', '李宁0557-5788003', '<'],
    ['资金情况 （万元）', '<', '', '<', '全年预算数(A)', '全年执行数(B)', '分值', '执行率(B/A)', '得分'],
    ['^', '<', '年度资金总额:', '<', '9.48', '9.48', '10', '100%', '10'],
    ['绩效指标', '一级 指标', '二级指标', '三级指标', '分值', '年度指标值', '全年实际值', '得分', '未完成原因及拟采取的改进措施'],
    ['^', '产 出 指 标 （50分）', '数量指标', '★补助家畜家禽养殖数量', '10', '192只', '192只', '10', ''],
    ['^', '^', '^', '其中羊养殖数量', '', '180只', '180只', '', ''],
    ['^', '^', '^', '其中猪养殖数量', '', '12头', '12头', '', ''],
    ['^', '^', '质量指标', '养殖家畜家禽成活率', '5', '95%', '100%', '5', ''],
    ['^', '^', '^', '种植作物成活率', '5', '95%', '', '5', ''],
  ],
]);

/** 安徽 贵池区棠溪镇 村级补助及运转经费 (2022): goals written as prose with a 其中 list in 元. */
const GOALS = documentOf([
  '项目支出绩效自评表',
  [
    ['项目名称', '<', '村级补助及运转经费', '<', '<', '<', '<', '<', '<'],
    ['项目资金 （万元）', '<', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    ['^', '<', '年度资金总额:', '0', '0', '0', '10', '0', '0'],
    ['^', '<', '其中:本年财政拨款', '202.64', '132.912', '132.912', '', '', ''],
    ['年度总体目标', '预期目标', '<', '<', '<', '实际完成情况', '<', '<', '<'],
    [
      '^',
      '本项目共申请预算资金2026400元,其中村级组织运转400000元,村民组长,党小组长基本报酬252000元,村民监督委员会 工资28000元,村级事务补助960000元,村级工作目标奖励100000元。',
      '<',
      '<',
      '<',
      '本项目共完成预算资金1329120.67元,其中村级组织运转439120.67元,村民组长,党小组长基本报酬152000元,村民监督委员会 工资28000元,村级事务补助660000元,村级工作目标奖励50000元。',
      '<',
      '<',
      '<',
    ],
  ],
]);

describe('held-out 2: families not seen before', () => {
  it('中央转移支付 自评表: 转移支付(项目)名称 names the form, its 资金投入情况 is the budget block', () => {
    const { report, findings } = check(TRANSFER);
    expect(report.projects).toHaveLength(1);
    const p = report.projects[0];
    expect(p.name?.text).toBe('就业补助资金');
    const total = p.budget?.rows.find((r) => r.label.includes('年度资金总额'));
    expect(total?.fullYearBudget?.text).toBe('808.1');
    expect(total?.executed?.text).toBe('692.98');
    expect(total?.rate?.text).toBe('86%');
    // 692.98 / 808.1 = 85.75% is 86%: no rate finding; below 90% with no reason: a warning, not an error
    expect(findings.filter((f) => f.rule === 'execution-rate' && f.severity !== 'info')).toEqual([]);
    expect(findings.find((f) => f.rule === 'budget-change-reason')?.severity).toBe('warning');
    expect(findings.some((f) => f.rule === 'coverage' && /未识别出任何/.test(f.message))).toBe(false);
    // the 资金管理情况 block ends the funding rows; its 执行准确性 is read, and says nothing of a reason here
    expect(p.budget!.rows.map((r) => r.label).filter((l) => /资金管理|执行准确/.test(l))).toEqual([]);
    expect(p.executionNote?.text).toBe('按照上级下达的金额执行,不存在执行数偏离预算数较多的问题。');
  });

  it('the template numbering 指标1/指标2 before a name is not part of it, and not digits in a word', () => {
    const { report, findings } = check(NUMBERED);
    const names = report.projects[0].indicators.map((i) => i.level3);
    expect(names).toEqual(['工程资金金额', '工程完工率', '工程验收合格率', '学生满意度']);
    expect(report.projects[0].placeholderRows?.map((r) => r.text)).toEqual(['指标2']);
    expect(findings.filter((f) => f.rule === 'digits-in-words')).toEqual([]);
  });

  it('a form-level 偏差大或目标未完成原因分析 row is the deviation reason of its indicators and of a low execution rate', () => {
    const given = check(FORM_LEVEL_REASON('部分路段纳入改扩建计划，养护里程减少15公里；工程尾款未支付'));
    expect(given.report.projects[0].deviationNote?.text).toContain('改扩建计划');
    expect(given.findings.filter((f) => f.rule === 'deviation-reason')).toEqual([]);
    expect(given.findings.find((f) => f.rule === 'budget-change-reason')?.severity).toBe('info');
    // the row left as 无 gives no reason: the missed 养护里程 still needs one
    const none = check(FORM_LEVEL_REASON('无'));
    expect(none.findings.filter((f) => f.rule === 'deviation-reason').map((f) => f.message)).toEqual([expect.stringContaining('养护里程')]);
    expect(none.findings.find((f) => f.rule === 'budget-change-reason')?.severity).toBe('warning');
  });

  it('其中 rows under a scored row that has its own target are its breakdown, not indicators with a blank score', () => {
    const { findings } = check(BREAKDOWN);
    const blanks = findings.filter((f) => f.rule === 'required-cells' && f.severity === 'error').map((f) => f.message);
    // only the truly blank 实际完成值 of 种植作物成活率 is missing
    expect(blanks).toEqual([expect.stringContaining('种植作物成活率')]);
    // 192只, 12头 are measures, not unreadable text
    expect(findings.filter((f) => f.rule === 'measure-readable')).toEqual([]);
    expect(parseMeasureFigure('3000元/人')).toMatchObject({ value: '3000', unit: '元/人' });
  });

  it('the goals are prose: their 其中 list is checked against their total (2026400元 vs 1740000元), and a goals cell is no budget header', () => {
    const { report, findings } = check(GOALS);
    expect(report.projects[0].goals.expected?.text).toContain('2026400元');
    const sums = findings.filter((f) => f.rule === 'narrative-total-parts');
    expect(sums).toHaveLength(1);
    expect(sums[0].message).toContain('年度总体目标（预期目标）');
    expect(sums[0].values).toEqual([2026400, 174]);
    // the achieved goals add up (439120.67 + 152000 + 28000 + 660000 + 50000 = 1329120.67)
    expect(sums[0].message).not.toContain('实际完成情况');
    // the zero 年度资金总额 row is one cause (its funding rows hold the money), not also a low execution rate
    expect(findings.filter((f) => f.rule === 'funding-sources-sum').length).toBeGreaterThan(0);
    expect(findings.filter((f) => f.rule === 'budget-change-reason' && /执行率0/.test(f.message))).toEqual([]);
  });
});
