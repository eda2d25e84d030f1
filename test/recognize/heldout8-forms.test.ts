import { describe, expect, it } from 'vitest';
import { checkModel as check } from '../helpers/check.js';
import { documentOf } from '../helpers/model.js';

/**
 * Held-out 8: two forms as published — 施甸县农业农村局's 项目支出绩效自评表 (2019 新型农业经营主体扶持项目:
 * 执行率(B/A) written as a fraction with one decimal, the reason in a 偏差大或目标未完成原因分析 row) and 绥阳县
 * 太白镇's 部门整体支出绩效自评表 published alone (bench/results/corpus-2026-12-06-heldout8-*).
 */

const SHIDIAN = [
  ['单位名称:施甸县农业农村局', '<', '<', '填报日期:2022年7月5日', '<', '<'],
  ['项目名称', '2019年新型农业经营主体扶持项目', '<', '<', '<', '<'],
  ['主管部门', '施甸县人民政府', '<', '项目实施单位', '施甸县农业农村局', '<'],
  ['预算执行情况(万元)(20分)', '<', '预算数(A)', '执行数(B)', '执行率(B/A)', '得分\n(20分*执行率)'],
  ['年度财政资金总额', '<', '650', '94', '0.1', '2.9'],
  ['年度绩效目标1\n(80分)', '<', '<', '<', '<', '<'],
  ['一级指标', '二级指标', '三级指标', '年初目标值(A)', '实际完成值(B)', '得分'],
  ['产出指标', '数量指标', '扶持发展新型农业经营主体\n(个)', '15', '6', '8.0'],
  ['^', '数量指标', '带动贫困户(人)', '11442', '4164', '7.3'],
  ['效益指标', '经济效益指标', '新型经营主体实现产值(%)', '8000', '12767.36', '31.9'],
  ['^', '经济效益指标', '新型经营主体助农增收\n(元)', '1980', '2074', '10.5'],
  ['满意度指标', '服务对象满意度指标', '满意度(%)', '90', '100', '11.1'],
  ['总分', '<', '<', '<', '<', '71.7'],
  ['偏差大或\n目标未完成\n原因分析', '一是相关台账不健全…;三是项目执行先建后补,…经现场核实综合评价后据实补贴,资金结余,没有100%执行完毕。', '<', '<', '<', '<'],
];

describe('held-out 8: 执行率 written as a fraction keeps its written precision', () => {
  it('0.1 for 94/650 = 14.46% is 10% ± 5 points, not 10% ± 0.5', () => {
    const { findings } = check(documentOf(['项目支出绩效自评表', SHIDIAN]));
    expect(findings.filter((f) => f.rule === 'execution-rate')).toEqual([]);
  });

  it('a fraction that does not hold at its own precision is still flagged', () => {
    const rows = SHIDIAN.map((r) => (r[0] === '年度财政资金总额' ? [r[0], r[1], '650', '94', '0.3', '2.9'] : r));
    const f = check(documentOf(['项目支出绩效自评表', rows])).findings.filter((x) => x.rule === 'execution-rate');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('14.46%');
  });

  it('the low execution is explained in the 偏差大或目标未完成原因分析 row (资金结余, 据实补贴): a note, not a warning', () => {
    const f = check(documentOf(['项目支出绩效自评表', SHIDIAN])).findings.filter((x) => x.rule === 'budget-change-reason');
    expect(f.map((x) => x.severity)).toEqual(['info']);
  });
});

const TAIBAI = [
  ['单位(盖章):绥阳县太白镇人民政府', '<', '<', '<', '<', '填报日期:2022年2月3日', '<', '<', '<', '<'],
  ['部门(单位)名称', '<', '绥阳县太白镇人民政府', '<', '<', '<', '<', '<', '<', '<'],
  ['部门(单位)总体\n资金(万元)', '<', '资 金 来 源', '<', '年初预算数(A)', '全年执行数(B)', '分值(10分)', '得分', '得分计算方法', '<'],
  ['^', '<', '年度资金总额:', '<', '1172.55', '1268.72', '10', '10', '执行率*该指标分值,最高不得超过分值上限。', '<'],
  ['^', '<', '基本支出', '<', '985.19', '914.97', '10', '10', '^', '<'],
  ['^', '<', '项目支出', '<', '187.36', '353.75', '10', '10', '^', '<'],
];

describe('held-out 8: a 部门整体支出绩效自评表 published alone', () => {
  it('is read, and the parts a package would hold are noted, not warned about', () => {
    const { report, findings } = check(documentOf(['部门整体支出绩效自评表', TAIBAI]));
    expect(report.deptSelfEval).toBeTruthy();
    const cov = findings.filter((f) => f.rule === 'coverage' && /未找到/.test(f.message));
    expect(cov.length).toBeGreaterThan(0);
    expect(cov.every((f) => f.severity === 'info')).toBe(true);
  });

  it('with a report beside it the missing 基础数据表 is still a warning', () => {
    const { findings } = check(
      documentOf([
        '绥阳县太白镇人民政府2021年度部门整体支出绩效自评报告',
        '一、部门基本情况',
        '2021年年初预算1172.55万元,全年执行1268.72万元,其中基本支出914.97万元,项目支出353.75万元。',
        '部门整体支出绩效自评表',
        TAIBAI,
      ]),
    );
    const cov = findings.filter((f) => f.rule === 'coverage' && /基础数据表/.test(f.message));
    expect(cov.map((f) => f.severity)).toEqual(['warning']);
  });
});

describe('held-out 8: Chongqing 年初指标值 and 调整指标值', () => {
  // rows of 西部(重庆)科学城 融媒体中心's 部门整体绩效自评表 2021, 预算完成率 given an adjusted target of 80%
  const rows = [
    ['主管部门', '<', '', '<', '财政处室', '<', '自评总分(分)', '<', '97.6', '<'],
    ['部门预算执行情况(万元)', '<', '年初预算数', '全年(调整)预算数', '全年执行数', '执行率(%)', '<', '执行率权重', '执行率得分(分)', '<'],
    ['', '<', '100', '100', '76', '76%', '<', '10', '7.6', '<'],
    ['指标名称', '计量单位', '指标性质', '年初指标值', '调整指标值', '全年完成值', '得分系数(%)', '指标权重(分)', '指标得分(分)', '是否核心指标'],
    ['财政供养人员控制率', '%', '定量指标', '100%', '', '92%', '100%', '2', '2', '否'],
    ['预算完成率', '%', '^', '70%', '80%', '76%', '100%', '2', '2', '是'],
    ['政府采购执行率', '%', '^', '100%', '', '72.74%', '100%', '2', '2', '是'],
  ];
  it('the adjusted target, where filled, is the target; the initial one stays where it is blank', () => {
    const { report } = check(documentOf(['部门整体绩效自评表', rows]));
    const form = report.deptSelfEval ?? report.projects[0];
    expect(form!.indicators.map((i) => i.target.text)).toEqual(['100%', '80%', '100%']);
  });
});

describe('held-out 8: a 其中 row with one cell across 分值, 执行率 and 得分', () => {
  // 新洲区楚剧团 2020 项目支出绩效自评表 as republished (left by heldout7): "100%" merged over the three columns
  const form = [
    ['项目名称', '<', '演出设备更新专项经费', '<', '<', '<', '<', '<', '<'],
    ['项目资金 (万元)', '<', '', '年初预算数', '全年预算数', '全年执行', '分值', '执行率', '得分'],
    ['^', '<', '年度资金总额', '30', '30', '', '10', '100%', ''],
    ['^', '<', '其中:当年财政拨款', '30', '30', '30', '100%', '<', '<'],
    ['^', '<', '上年结转资金', '', '', '', '', '<', '<'],
  ];
  it('is the row’s rate, not its weight or score', () => {
    const { report } = check(documentOf(['项目支出绩效自评表', form]));
    const block = report.projects[0]?.budget;
    const sub = block?.rows.find((r) => r.label.includes('当年财政拨款'));
    expect(sub?.rate?.text).toBe('100%');
    expect(sub?.weight ?? null).toBeNull();
    expect(sub?.score ?? null).toBeNull();
    const total = block?.rows.find((r) => r.label.includes('年度资金总额'));
    expect(total?.weight?.text).toBe('10');
  });
});
