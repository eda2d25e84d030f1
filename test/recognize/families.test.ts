import { describe, expect, it } from 'vitest';
import { recognizeReport } from '../../src/recognize/index.js';
import { documentOf } from '../helpers/model.js';

/** Other provinces' layouts must fill the same records (shared/design/templates.md). */
describe('template families', () => {
  it('Sichuan: 调整后预算数/预算执行数/权重, split 指标性质/指标值/度量单位, 完成值, 未完成原因分析, 合计', () => {
    const doc = documentOf([
      '2023年度部门预算项目支出绩效自评表',
      [
        ['项目名称', '乡村道路维护', '<', '<', '<', '<', '<', '<', '<', '<', '<'],
        ['主管部门', '某县交通运输局', '<', '<', '<', '实施单位', '某县公路事务中心', '<', '<', '<', '<'],
        ['项目资金（万元）', '', '年初预算', '调整后预算数', '预算执行数', '预算执行率', '<', '权重', '<', '得分', '<'],
        ['^', '资金总额', '100.00', '120.00', '108.00', '90.00%', '<', '10', '<', '9', '<'],
        ['^', '财政资金', '100.00', '110.00', '100.00', '', '<', '', '<', '', '<'],
        ['^', '财政专户管理资金', '0', '0', '0', '', '<', '', '<', '', '<'],
        ['^', '单位资金', '0', '10.00', '8.00', '', '<', '', '<', '', '<'],
        ['^', '其他资金', '0', '0', '0', '', '<', '', '<', '', '<'],
        ['年度总体目标', '预期目标', '<', '<', '<', '实际完成情况', '<', '<', '<', '<', '<'],
        ['^', '完成道路维护50公里', '<', '<', '<', '完成道路维护48公里', '<', '<', '<', '<', '<'],
        ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '<', '<', '完成值', '权重', '得分', '未完成原因分析'],
        ['^', '^', '^', '^', '指标性质', '指标值', '度量单位', '^', '^', '^', '^'],
        ['^', '产出指标', '数量指标', '道路维护里程', '≥', '50', '公里', '48', '20', '19.2', '雨季影响工期'],
        ['^', '^', '质量指标', '验收合格率', '≥', '95', '%', '100', '20', '20', ''],
        ['^', '效益指标', '社会效益指标', '群众出行满意度', '≥', '90', '%', '92', '30', '30', ''],
        ['^', '满意度指标', '服务对象满意度指标', '沿线群众满意度', '≥', '90', '%', '95', '20', '20', ''],
        ['合计', '<', '<', '<', '<', '<', '<', '<', '100', '98.2', ''],
      ],
      '项目负责人：张三  财务负责人：李四  填表人：王五  联系电话：12345678',
    ]);
    const report = recognizeReport(doc);
    expect(report.family).toBe('sichuan');
    expect(report.projects).toHaveLength(1);
    const p = report.projects[0];
    expect(p.name?.text).toBe('乡村道路维护');
    expect(p.supervisor?.text).toBe('某县交通运输局');
    expect(p.implementer?.text).toBe('某县公路事务中心');
    const total = p.budget!.rows[0];
    expect(total.kind).toBe('total');
    expect([total.initialBudget?.text, total.fullYearBudget?.text, total.executed?.text, total.rate?.text, total.weight?.text, total.score?.text]).toEqual([
      '100.00', '120.00', '108.00', '90.00%', '10', '9',
    ]);
    expect(p.budget!.rows.map((r) => r.kind)).toEqual(['total', 'current-year', 'special-account', 'unit', 'other']);
    expect(p.indicators).toHaveLength(4);
    const first = p.indicators[0];
    expect(first.level1).toBe('产出指标');
    expect(first.level3).toBe('道路维护里程');
    expect(first.nature?.text).toBe('≥');
    expect(first.unit?.text).toBe('公里');
    expect(first.target.text).toBe('50');
    expect(first.targetMeasure.figure).toMatchObject({ value: '50', comparator: '>=', unit: '公里' });
    expect(first.actual.text).toBe('48');
    expect(first.weight.text).toBe('20');
    expect(first.score.text).toBe('19.2');
    expect(first.reason.text).toBe('雨季影响工期');
    expect(p.total?.weight?.text).toBe('100');
    expect(p.total?.score?.text).toBe('98.2');
    expect(p.goals.expected?.text).toBe('完成道路维护50公里');
    expect(p.signature?.preparer).toBe('王五');
  });

  it('Sichuan split target with an unreadable 指标性质 (OCR reads "≥" as "N"): the number is read, its direction left open', () => {
    const doc = documentOf([
      '2023年度部门预算项目支出绩效自评表',
      [
        ['项目名称', '乡村道路维护', '<', '<', '<', '<', '<', '<', '<', '<', '<'],
        ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '<', '<', '完成值', '权重', '得分', '未完成原因分析'],
        ['^', '^', '^', '^', '指标性质', '指标值', '度量单位', '^', '^', '^', '^'],
        ['^', '产出指标', '质量指标', '验收合格率', 'N', '95', '%', '98%', '50', '50', ''],
        ['^', '^', '^', '故障率', 'N', '5', '%', '3%', '40', '40', ''],
        ['^', '满意度指标', '服务对象满意度指标', '群众满意度', '≥', '90', '%', '93%', '10', '10', ''],
        ['合计', '<', '<', '<', '<', '<', '<', '<', '100', '100', ''],
      ],
    ]);
    const [rate, faults, satisfaction] = recognizeReport(doc).projects[0].indicators;
    expect(rate.nature?.text).toBe('N');
    // The value and unit are read; "N" is kept as written, the comparator unknown ("~"), so met/unmet is not guessed.
    expect(rate.targetMeasure.figure).toMatchObject({ value: '95', unit: '%', comparator: '~', qualifiers: ['N'] });
    expect(faults.targetMeasure.figure).toMatchObject({ value: '5', unit: '%', comparator: '~' });
    expect(satisfaction.targetMeasure.figure).toMatchObject({ value: '90', unit: '%', comparator: '>=' });
  });

  it('Sichuan 衔接资金: 分值 before 年度指标值, 全年实际值', () => {
    const doc = documentOf([
      '2023年度衔接资金项目绩效目标自评表',
      [
        ['项目名称', '产业路建设', '<', '<', '<', '<', '<'],
        ['项目资金', '', '全年预算数(A)', '全年执行数(B)', '分值', '执行率(B/A)', '得分'],
        ['^', '年度资金总额', '200', '190', '10', '95%', '9.5'],
        ['^', '其中：本年财政拨款', '200', '190', '', '', ''],
        ['^', '其他资金', '0', '0', '', '', ''],
        ['一级指标', '二级指标', '三级指标', '分值', '年度指标值', '全年实际值', '得分'],
        ['产出指标', '数量指标', '新建产业路', '40', '≥5公里', '5.2公里', '40'],
        ['效益指标', '经济效益指标', '带动增收', '40', '≥100万元', '80万元', '32'],
        ['满意度指标', '服务对象满意度指标', '群众满意度', '10', '≥90%', '93%', '10'],
        ['总分', '<', '<', '100', '', '', '91.5'],
      ],
    ]);
    const report = recognizeReport(doc);
    expect(report.family).toBe('sichuan-linkage');
    const p = report.projects[0];
    expect(p.budget!.rows[0]).toMatchObject({ kind: 'total' });
    expect(p.budget!.rows[0].fullYearBudget?.text).toBe('200');
    expect(p.budget!.rows[0].executed?.text).toBe('190');
    expect(p.budget!.rows[0].rate?.text).toBe('95%');
    expect(p.budget!.rows[1].kind).toBe('current-year');
    expect(p.indicators.map((i) => [i.level3, i.weight.text, i.target.text, i.actual.text, i.score.text])).toEqual([
      ['新建产业路', '40', '≥5公里', '5.2公里', '40'],
      ['带动增收', '40', '≥100万元', '80万元', '32'],
      ['群众满意度', '10', '≥90%', '93%', '10'],
    ]);
    expect(p.indicators[1].targetMeasure.figure).toMatchObject({ value: '100', unit: '万元', comparator: '>=' });
    expect(p.total?.weight?.text).toBe('100');
    expect(p.total?.score?.text).toBe('91.5');
  });

  it('a form split over two tables (indicator table on its own) is one project', () => {
    const doc = documentOf([
      '2023年度项目支出绩效自评表',
      [
        ['项目支出名称', '工作经费', '<', '<', '<', '<', '<'],
        ['项目资金（万元）', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
        ['^', '年度资金总额', '10', '10', '9', '10', '90%', '9'],
      ].map((r) => r.slice(0, 8)),
      [
        ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
        ['产出指标（50分）', '数量指标', '培训人次', '≥100人次', '120人次', '50', '50', ''],
        ['效益指标（30分）', '社会效益指标', '群众满意度', '95%以上', '96%', '30', '30', ''],
        ['满意度指标（10分）', '服务对象满意度指标', '满意度', '≥90%', '95%', '10', '10', ''],
        ['总分', '<', '<', '<', '<', '100', '99', ''],
      ],
    ]);
    const report = recognizeReport(doc);
    expect(report.projects).toHaveLength(1);
    expect(report.coverage.unrecognizedTables).toEqual([]);
    const p = report.projects[0];
    expect(p.tables).toEqual([0, 1]);
    expect(p.indicators.map((i) => i.level1Points?.value)).toEqual(['50', '30', '10']);
    expect(p.total?.score?.text).toBe('99');
  });

  it('a document with nothing recognizable yields no parts and says so in coverage', () => {
    const report = recognizeReport(documentOf(['会议通知', [['姓名', '电话'], ['张三', '123']]]));
    expect(report.projects).toEqual([]);
    expect(report.deptSelfEval).toBeNull();
    expect(report.basicData).toBeNull();
    expect(report.family).toBe('unknown');
    expect(report.coverage.unrecognizedTables).toEqual([0]);
  });
});
