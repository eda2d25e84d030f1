import { describe, expect, it } from 'vitest';
import { checkModel as check } from '../helpers/check.js';
import { documentOf } from '../helpers/model.js';

/**
 * Held-out 9 (bench/results/corpus-2026-12-06-heldout9-*): 成安县民政局's 2020 预算项目绩效自评表 — the Hebei
 * form whose indicator header spans two rows (预期指标值 over 符号 / value / 单位, 自评得分 over 单项指标得分 |
 * 权重占比(%) | 单项指标折算得分) — and 银川市第六中学's 2021 scoring sheet, whose 年度总体目标 label OCR garbled.
 */

const CHENGAN = [
  ['一级指标', '二级指标', '三级指标', '指标分值', '预期指标值', '<', '<', '单项指标实际完成值', '单项指标完成情况', '自评得分', '<', '<'],
  ['^', '^', '^', '^', '符号', '', '单位(文字描述)', '^', '^', '单项指标得分', '权重占比(%)', '单项指标折算得分'],
  ['产出指标', '质量指标', '符合条件申报对象覆盖率', '享受补贴政策人数占符合条件申报对象总数的比例', '>=', '98', '%(百分比)', '100%', '完成', '25.00', '25.00', '6.25'],
  ['^', '时效指标', '完成率', '按照要求每月及时完成符合条件对象审批的比例(百分比)', '>=', '99', '%(百分比)', '100%', '完成', '25.00', '25.00', '6.25'],
  ['效果指标', '社会效益指标', '补贴发放率', '高龄补贴发放完成率', '>=', '75', '%(百分比)', '100%', '完成', '30.00', '30.00', '9.00'],
  ['满意度指标', '服务对象满意度指标', '服务对象满意度', '享受高龄津贴的对象对老龄工作的满意程度', '>=', '95', '%(百分比)', '100%', '完成', '10.00', '10.00', '1.00'],
];

describe('held-out 9: the Hebei 预算项目绩效自评表 (单项指标得分 × 权重占比 = 单项指标折算得分)', () => {
  const { report, findings } = check(documentOf(['成安县民政局2020年度预算项目绩效自评表', '四、年度绩效指标完成情况', CHENGAN]));
  const inds = report.projects[0]?.indicators ?? [];

  it('reads the indicators under the two-row header: the weight is the 权重占比, the points the 折算得分', () => {
    expect(inds.map((i) => [i.level3, i.weight?.text, i.score?.text, i.actual.text])).toEqual([
      ['符合条件申报对象覆盖率', '25.00', '6.25', '100%'],
      ['完成率', '25.00', '6.25', '100%'],
      ['补贴发放率', '30.00', '9.00', '100%'],
      ['服务对象满意度', '10.00', '1.00', '100%'],
    ]);
    expect(inds[0].targetMeasure.figure).toMatchObject({ comparator: '>=', value: '98', unit: '%' });
  });

  it('met targets folded to a fraction of their weight are the met-below-weight finding, one per indicator', () => {
    const q = findings.filter((f) => f.rule === 'met-target-below-weight');
    expect(q.map((f) => f.message.match(/[\d.]+ of [\d.]+|[\d.]+分?（满分[\d.]+/)?.[0] ?? f.message)).toHaveLength(4);
    expect(findings.filter((f) => f.rule === 'quantitative-score' || f.rule === 'score-range')).toEqual([]);
  });
});

/** 银川市第六中学's 2021 scoring sheet as OCR'd: the goals label garbled to 年度总体r二, a spare row 指标L: (指标1:). */
const YINCHUAN = [
  ['项目名称', '初中公用经费', '<', '<', '主管部门', '银川市教育局', '<', '<'],
  ['项Fl资金(万兀)', '', '年初预算数', '调整预算数(A)', '全年执行数(B)', '执行率(B/A)', '<', '<'],
  ['^', '年度资金总额', '64.8', '64.8', '64.8', '100%', '<', '<'],
  ['年度总体r二', '年初设定目标', '<', '<', '年度总体目标完成情况', '<', '<', '<'],
  ['^', '保障学校正常工作运行', '<', '<', '公,4', '<', '<', '<'],
  ['一级指标', '二级指标', '三级指标', '参考分值', '指标值(A)', '全年实际值(B)', '得分', '未完成原因分析及改进措施'],
  ['项目产出(30分)', '成本指标(10分)', '办公所需成本', '4', '15万元', '15万元', '4', ''],
  ['^', '^', '维修(维护)所需成本', '3', '35万元', '35万元', '3', ''],
  ['^', '^', '绿化、水电费等成本', '3', 'M.8万元', '14.8万元', '3', ''],
  ['项目效益(35分)', '生态效益指标', '指标L:', '', '', '', '', ''],
  ['^', '^', '指标2:', '', '', '', '', ''],
];

describe('held-out 9: an OCR-garbled 年度总体目标 row and 指标L: spare row', () => {
  const { report, findings } = check(documentOf(['银川市本级部门项目支出绩效自评表(2021年)', YINCHUAN]));
  const form = report.projects[0];

  it('the goals row (年度总体…) ends the budget block: its texts are not amounts', () => {
    expect(form.budget?.rows.map((r) => r.label)).toEqual(['年度资金总额']);
    expect(findings.filter((f) => f.rule === 'split-numbers')).toEqual([]);
  });

  it('指标L: (指标1: with the digit read as a letter) is a spare template row, not an indicator missing its score', () => {
    expect(form.indicators.map((i) => i.level3)).toEqual(['办公所需成本', '维修(维护)所需成本', '绿化、水电费等成本']);
    expect(findings.filter((f) => f.rule === 'required-cells')).toEqual([]);
    expect(findings.filter((f) => f.rule === 'template-leftovers').map((f) => f.message)).toEqual([expect.stringContaining('2行')]);
  });
});

describe('held-out 9: the Hebei 二、预算执行情况 grid of label/value pairs (预算数 | 6.84 | 到位数 | 6.84 | 执行数 | 6.84 | 100.00)', () => {
  const BUDGET = [
    ['预算安排情况(调整后)', '<', '资金到位情况', '<', '资金执行情况', '<', '预算执行进度(%)'],
    ['预算数', '6.84', '到位数', '6.84', '执行数', '6.84', '100.00'],
    ['其中:财政资金', '6.84', '其中:财政资金', '6.84', '其中:财政资金', '6.84', ''],
    ['其他', '0.00', '其他', '0.00', '其他', '0.00', ''],
  ];
  const { report, findings } = check(documentOf(['成安县民政局2020年度预算项目绩效自评表', '二、预算执行情况', BUDGET, '四、年度绩效指标完成情况', CHENGAN]));
  const rows = report.projects[0]?.budget?.rows ?? [];

  it('is read as pairs, not as a header row over the amounts', () => {
    const total = rows.find((r) => r.kind === 'total');
    expect([total?.fullYearBudget?.text, total?.arrived?.text, total?.executed?.text]).toEqual(['6.84', '6.84', '6.84']);
    expect(findings.filter((f) => f.rule === 'split-numbers')).toEqual([]);
  });
});

describe('held-out 9: a header whose characters OCR read out of order (考值参分 for the wrapped 参考\\n分值)', () => {
  const rows = YINCHUAN.map((r) => (r[0] === '一级指标' ? r.map((c) => (c === '参考分值' ? '考值参分' : c)) : r));
  const { report } = check(documentOf(['银川市本级部门项目支出绩效自评表(2021年)', rows]));

  it('is the column it spells: the weights are read', () => {
    expect(report.projects[0].indicators.map((i) => i.weight?.text)).toEqual(['4', '3', '3']);
  });
});

describe('held-out 9: a page that opens inside a Sichuan form, below its indicator header', () => {
  const FRAGMENT = [
    ['产出指标', '数量指标', '足额保障率', '=', '100', '%', '', '22.5', '', ''],
    ['^', '^', '科目调整次数', '≤', '10', '次', '', '22.5', '', ''],
    ['^', '时效指标', '按时发放率', '=', '100', '%', '', '22.5', '', ''],
    ['效益指标', '经济效益指标', '结余率(计算方法为:结余数/预算数)', '≤', '5', '%', '', '22.5', '', ''],
    ['合计', '<', '<', '<', '<', '<', '<', '100', '', ''],
    ['评价结论', '及时、足额缴纳。', '<', '<', '<', '<', '<', '<', '<', '<'],
  ];
  const { report, findings } = check(documentOf([FRAGMENT]));

  it('is a project form: its rows are read in the Sichuan order the 指标性质 column (=, ≤) places them in', () => {
    const inds = report.projects[0]?.indicators ?? [];
    expect(inds.map((i) => [i.level3, i.weight?.text, i.targetMeasure.figure?.comparator, i.targetMeasure.figure?.value])).toEqual([
      ['足额保障率', '22.5', '=', '100'],
      ['科目调整次数', '22.5', '<=', '10'],
      ['按时发放率', '22.5', '=', '100'],
      ['结余率(计算方法为:结余数/预算数)', '22.5', '<=', '5'],
    ]);
    expect(report.projects[0].total?.weight?.text).toBe('100');
  });

  it('the blank 得分 cells are the required-cells finding; the 90 of 合计 100 (the budget row is above the page) is not flagged', () => {
    expect(findings.some((f) => f.rule === 'required-cells')).toBe(true);
    expect(findings.filter((f) => f.rule === 'weight-totals' && f.severity !== 'info')).toEqual([]);
  });

  it('a table without a 指标性质 column of signs is not guessed at', () => {
    const plain = FRAGMENT.map((r) => r.map((c) => (/^[=≤]$/.test(c) ? '' : c)));
    expect(check(documentOf([plain])).report.projects).toEqual([]);
  });
});

/** 银川 as published (OCR kept), cut inside 服务对象满意度指标(10分): 自评得分 98 in the head. */
const YINCHUAN_FULL = [
  ['项目名称', '初中公用经费', '<', '<', '主管部门', '银川市教育局', '<', '<'],
  ['实施第位', '银川市第六中学', '<', '<', '自评得分', '98', '财政审1度评分', ''],
  ['一级指标', '二级指标', '三级指标', '考值参分', '指标值(八)', '全年实际值(B)', '得分', '未完成原因分析及改进措施'],
  ['项目决策(10分)', '项目目标', '完整性', '4', '一', '目标明确、内容细化、目标量化', '4', ''],
  ['^', '项目立项', '相关性', '2', '一', '按照学校管理标准对学校进行管理', '2', ''],
  ['^', '^', '可行性', '2', '', '实际工作需求', '2', ''],
  ['^', '^', '适当性', '2', '', '有资金测第标准', '2', ''],
  ['项目管理(25分)', '投入管理', '预算执行率', '10', '一', '100%', '9', ''],
  ['^', '财务管理', '财务管理制度有效性', '7', '一', '财务制度健全,严格执行制度,会计核算规范', '7', ''],
  ['^', '项Fl实施', '绩效监控有效性', '2', '一', '持续有效', '2', ''],
  ['^', '^', '管理制度有效性', '6', '-', '严格执行相关管理制度', '6', ''],
  ['顼目产出(30分)', '数量指标(10分)', '保障人数', '10', '2370人', '2370人', 'IO', ''],
  ['^', '质量指标(5分)', '公用经费标准', '5', '符合相关文件要求', '符合相关文件要求', '5', ''],
  ['^', '时效指标(5分)', '公用经费完成时间', '5', '2021年12月完成', '2021年12月完成', '4', ''],
  ['^', '成本指标(10分)', '办公所需成本', '4', '15万元', '15万元', '4', ''],
  ['^', '^', '维修(维护)所需成本', '3', '35万元', '35万元', '3', ''],
  ['^', '^', '绿化、水电费等成本', '3', 'M.8万元', '14.8万元', '3', ''],
  ['项目效益(35分)', '社会效益指标', '效果显著', '15', '改善学校的办学条件', '改善学校的办学条件', '13', ''],
  ['^', '可持续影响指标', '使学生和老师行个更好的学习和工作环境,做到', '10', '社会认可的办学环境.', '社会认可的办学环境.', '8', ''],
];

describe('held-out 9: 自评得分 in the form head over a form cut before its last group', () => {
  const { report, findings } = check(documentOf(['银川市本级部门项目支出绩效自评表(2021年)', YINCHUAN_FULL]));

  it('is read as the form\'s stated score', () => {
    expect(report.projects[0].headScore?.text).toBe('98');
  });

  it('98 is more than the printed scores can reach: 74 read + 10 for the unreadable IO + the 10 points the cut 项目效益 group still lacks = 94', () => {
    const f = findings.filter((x) => x.rule === 'total-score');
    expect(f).toHaveLength(1);
    expect(f[0].values).toEqual([98, 94]);
  });

  it('a head score the printed scores can reach is left alone', () => {
    const rows = YINCHUAN_FULL.map((r) => r.map((c) => (c === '98' ? '92' : c)));
    expect(check(documentOf(['银川市本级部门项目支出绩效自评表(2021年)', rows])).findings.filter((x) => x.rule === 'total-score')).toEqual([]);
  });
});
