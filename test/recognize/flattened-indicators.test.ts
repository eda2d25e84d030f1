import { describe, expect, it } from 'vitest';
import { checkModel as check } from '../helpers/check.js';
import { documentOf } from '../helpers/model.js';
import { loadTruth, matchFact } from '../corpus/score.js';
import { splitIndicatorValues } from '../../src/recognize/flattened-indicators.js';

/**
 * Indicator blocks flattened into text, as three published pages have them: 中江县水利局's 2022 绩效目标自评表 as
 * a news site ran it into one paragraph with no separator at all (its grid, rebuilt by hand, is the corpus document
 * sc-zhongjiang-shuili-2022, whose truth is used here), 池州市贵池区棠溪镇's 2022 项目支出绩效自评表 as a site's text
 * export printed it (cells apart, one paragraph; the stored page ends inside 满意度指标), and 廊坊市食品工程学校's 2019
 * 项目支出绩效自评表 as a school site published it, one cell a line (words broken across lines: 年度 / 指标值, 经济效益 / 指标).
 */
const ZHONGJIANG =
  '现已完成中江县2022年衔接资金实施项目绩效目标自评,意见收集人:罗娟联系电话:0838-7211924附件:2022年财政衔接资金实施项目绩效自评表中江县水利局2022年12月30日绩效目标自评表(2022年度)项目名' +
  '称中江县农业水价综合改革精准补贴和节水奖励项目小型水库水标尺制作安装项目负责人及电话谢凯13990260322(办公)主管部门中江县水利局实施单位中江县水利局资金情况(万元)全年预算数(A)全年执行数(B)分值执行率(B' +
  '/A)得分年度资金总额:202010100.00%10其中:本年财政拨款2020其他资金年度总体目标年初设定目标年度总体目标完成情况综述对农村地区供水计量设施设备进行改进,对项目区农业用水计量,为项目区农业生产夯实基础,' +
  '对项目区农业用水计量,为项目区农业生产夯实基础,绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分未完成原因及拟采取的改进措施产出指标(70分)数量指标安装坡面水标尺10≥266米≥266米10水标尺宽度10≥' +
  '50厘米≥50厘米10质量指标项目(工程)验收合格率20100%100%20时效指标及时(按期)开工率10≥90%≥90%10及时(按期)完工率10≥90%≥90%10成本指标项目计划总投资1020万元20万元10效益指' +
  '标(20分)经济效益指标社会效益指标受益脱贫(含监测对象)户人口数10≥1000人≥1000人10群众生产生活条件改善状况10显著提升显著提升10满意度指标(10分)服务对象满意度指标受益脱贫(含监测对象)户满意度10≥' +
  '95%≥95%10……总分100100注:1.一级指标分值统一设置为:产出指标50分、效益指标30分、满意度指标10分、预算资金执行率10分,各部门根据各项指标重要程度确定三级指标的分值,得分最高不能超过该指标分值上限,' +
  '分别按照该指标对应分值区间100-80%(含80%)、80-60%(含60%)、60-0%合理确定得分,3.定量指标若为正向';

const TANGXI =
  '附件: 项目支出绩效自评表 (2022年度) 项目名称 委托业务项目 主管部门 219-池州市贵池区棠溪镇人民政府 实施单位 219001-池州市贵池区棠溪镇人民政府 项目资金 (万元) 年初预算数 全年预算数 全年执行' +
  '数 分值 执行率 得分 年度资金总额: 0 0 0 10 0 0 其中:本年财政拨款 90 89.974 89.974 上年结转资金 其他资金 年度总体目标 预期目标 实际完成情况 本项目共申请预算资金90万元。其中:3' +
  '0万元用于基建工程项目预算编制;30万元用于基建工程项目审计;30万元用于基建工程项目设计、规划、测绘。 本项目共完成预算资金89.97万元。其中:30万元用于基建工程项目预算编制;30万元用于基建工程项目审计;29.9' +
  '9万元用于基建工程项目设计、规划、测绘。 绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 产出指标(50分) 数量指标 基建工程委托业务项目数量 ≥50个 50 8 8' +
  ' 质量指标 委托业务报告合格率 ≥100百分比 100 8 8 经费支出合规性 严格执行相关制度规定 达成预期指标 8 8 时效指标 提交报告及时性 在项目计划完成时间内完成 达成预期指标 8 8 成本指标 项目总成本 ' +
  '≤90万元 90 8 8 单项业务成本 符合相关规定 达成预期指标 10 10 效益指标(30分) 社会效益指标 对维护基建市场公平的影响程度 效果明显 达成预期指标 10 10 生态效益指标 对控制基建项目成本影响程度' +
  ' 效果明显 达成预期指标 10 10 可持续影响指标 对推动基建项目“四项制度”健全和落实的持续性影响 效果明显 达成预期指标 10 10 经济效益指标 满意度指标(10分) 满意度指标 公众满';

const LANGFANG = [
  '附件1',
  '项目支出绩效自评表',
  '2019年度)',
  '项目名称',
  '办公宿舍楼、食堂及餐厅暖通改造经费',
  '主管部门',
  '廊坊市发改委',
  '实施单位',
  '廊坊市食品工程学校',
  '项目资金',
  '(万元)',
  '年初',
  '预算数',
  '全年',
  '预算数',
  '全年',
  '执行数',
  '分值',
  '执行率',
  '得分',
  '年度资金总额',
  '43.2',
  '43.2',
  '37.24',
  '10',
  '86%',
  '9',
  '其中:当年财政拨款',
  '43.2',
  '43.2',
  '37.24',
  '上年结转资金',
  '其他资金',
  '年度总体目标',
  '预期目标',
  '实际完成情况',
  '43.2',
  '37.24',
  '一级指标',
  '二级指标',
  '三级指标',
  '年度',
  '指标值',
  '实际',
  '完成值',
  '分值',
  '得分',
  '偏差原因分析及改进措施',
  '产出指标',
  '数量指标',
  '指标1工程资金金额',
  '43.2',
  '37.24',
  '10',
  '9',
  '已完工,剩余3%尾款未付,且最高限价低于预算金额。提高预算准确度。',
  '指标2',
  '……',
  '质量指标',
  '指标1工程完工率',
  '100',
  '100',
  '10',
  '10',
  '指标2工程验收合格率',
  '100',
  '100',
  '10',
  '10',
  '……',
  '时效指标',
  '指标1项目完成及时率',
  '100',
  '100',
  '10',
  '10',
  '指标2',
  '……',
  '成本指标',
  '指标1成本控制率',
  '100',
  '100',
  '10',
  '10',
  '指标2',
  '……',
  '效益指标',
  '经济效益',
  '指标',
  '指标1安全率',
  '100',
  '100',
  '10',
  '10',
  '0',
  '指标2',
  '……',
  '社会效益',
  '指标',
  '指标1学校发展能力',
  '100',
  '100',
  '10',
  '10',
  '0',
  '指标2',
  '……',
  '生态效益',
  '指标',
  '指标1',
  '指标2',
  '……',
  '效益指标',
  '可持续影响',
  '指标',
  '指标1长期使用性',
  '100',
  '100',
  '10',
  '10',
  '指标2',
  '……',
  '满意度',
  '指标',
  '服务对象满意度指标',
  '指标1学生满意度',
  '100',
  '100',
  '10',
  '10',
  '0',
  '指标2',
];

const ZHONGJIANG_TRUTH = loadTruth('test/corpus/real/sc-zhongjiang-shuili-2022/truth.json');

describe('an indicator block run into one paragraph without separators (中江)', () => {
  const { report, findings } = check(documentOf([ZHONGJIANG]));
  const form = report.projects[0];

  it('reads every indicator and the total of the form as the corpus truth of its table has them', () => {
    const facts = ZHONGJIANG_TRUTH.facts.filter((f) => f.kind === 'indicator' || f.kind === 'total');
    expect(facts.length).toBe(7);
    expect(facts.map((f) => matchFact(report, f))).toEqual(facts.map(() => null));
    expect(form.indicators.map((i) => [i.level1, i.level2, i.level3])).toContainEqual(['产出指标', '成本指标', '项目计划总投资']);
  });

  it('splits words written twice as a target and an actual that agree', () => {
    const row = form.indicators.find((i) => i.level3 === '群众生产生活条件改善状况')!;
    expect([row.weight.text, row.target.text, row.actual.text, row.score.text]).toEqual(['10', '显著提升', '显著提升', '10']);
  });

  it('cites the paragraph and the characters each value was cut from, marked rebuilt', () => {
    const row = form.indicators.find((i) => i.level3 === '项目计划总投资')!;
    expect(row.target.loc.paragraph).toBe(0);
    expect(ZHONGJIANG.slice(...row.target.loc.span!)).toBe('20万元');
    expect(row.score.loc.rebuilt).toBe(true);
  });

  it('reads the budget row whose glued figures split two ways by the rate that is not nil', () => {
    // 20 | 20 | 10 | 100.00% | 10 and 20201 | 0 | 10 | 0.00% | 10 both hold 执行数 ÷ 预算数 = 执行率; a 0.00% cut from the
    // zeros of 100.00% is the weaker reading
    const total = form.budget!.rows.find((r) => r.kind === 'total')!;
    expect([total.fullYearBudget?.text, total.executed?.text, total.rate?.text]).toEqual(['20', '20', '100.00%']);
    expect(total.executed!.loc.rebuilt).toBe(true);
    expect(report.coverage.notUnderstood.some((n) => n.where.includes('年度资金总额'))).toBe(false);
  });

  it('finds the weights the truth lists as adding to 110 against 总分 100 and its spare …… row, as warnings only, and no error', () => {
    const weights = findings.filter((f) => f.rule === 'weight-totals');
    expect(weights.map((f) => [f.severity, f.message.includes('110')])).toEqual([['warning', true]]);
    expect(findings.filter((f) => f.rule === 'template-leftovers').map((f) => f.severity)).toEqual(['warning']);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('an indicator block printed with its cells apart in one paragraph (棠溪)', () => {
  const { report } = check(documentOf([TANGXI]));
  const form = report.projects[0];

  it('reads the rows in order, words for targets and actuals included, until the page is cut', () => {
    expect(form.indicators.map((i) => [i.level2, i.level3, i.target.text, i.actual.text, i.weight.text, i.score.text])).toEqual([
      ['数量指标', '基建工程委托业务项目数量', '≥50个', '50', '8', '8'],
      ['质量指标', '委托业务报告合格率', '≥100百分比', '100', '8', '8'],
      ['质量指标', '经费支出合规性', '严格执行相关制度规定', '达成预期指标', '8', '8'],
      ['时效指标', '提交报告及时性', '在项目计划完成时间内完成', '达成预期指标', '8', '8'],
      ['成本指标', '项目总成本', '≤90万元', '90', '8', '8'],
      ['成本指标', '单项业务成本', '符合相关规定', '达成预期指标', '10', '10'],
      ['社会效益指标', '对维护基建市场公平的影响程度', '效果明显', '达成预期指标', '10', '10'],
      ['生态效益指标', '对控制基建项目成本影响程度', '效果明显', '达成预期指标', '10', '10'],
      ['可持续影响指标', '对推动基建项目“四项制度”健全和落实的持续性影响', '效果明显', '达成预期指标', '10', '10'],
    ]);
    expect(form.total).toBeNull();
  });
});

describe('an indicator block published one cell a line (廊坊)', () => {
  const { report, findings } = check(documentOf(LANGFANG));
  const form = report.projects[0];

  it('reads the head and the budget block from their lines as a form run into one paragraph is read', () => {
    expect(report.projects).toHaveLength(1);
    expect(form.name?.text).toBe('办公宿舍楼、食堂及餐厅暖通改造经费');
    const total = form.budget!.rows.find((r) => r.kind === 'total')!;
    expect([total.initialBudget?.text, total.fullYearBudget?.text, total.executed?.text, total.weight?.text, total.rate?.text, total.score?.text]).toEqual(['43.2', '43.2', '37.24', '10', '86%', '9']);
    expect(total.executed!.loc.paragraph).toBe(LANGFANG.indexOf('年度资金总额'));
    // three figures for six columns: which ones are blank is not written
    expect(report.coverage.notUnderstood.some((n) => n.where.includes('其中:当年财政拨款'))).toBe(true);
  });

  it('reads every filled indicator row', () => {
    expect(form.indicators.map((i) => i.level3)).toEqual([
      '工程资金金额', '工程完工率', '工程验收合格率', '项目完成及时率', '成本控制率', '安全率', '学校发展能力', '长期使用性', '学生满意度',
    ]);
  });

  it('joins level words broken across lines and keeps the template\'s spare rows (指标2, ……) as leftovers, not indicators', () => {
    expect(form.indicators.map((i) => i.level2)).toContain('经济效益指标');
    expect(new Set((form.placeholderRows ?? []).map((p) => p.text))).toEqual(new Set(['指标1', '指标2', '……']));
    expect(findings.filter((f) => f.rule === 'template-leftovers').map((f) => f.severity)).toEqual(['warning']);
  });

  it('reads the 偏差原因 cell after a row, prose or a bare figure', () => {
    const first = form.indicators[0];
    expect([first.target.text, first.actual.text, first.weight.text, first.score.text]).toEqual(['43.2', '37.24', '10', '9']);
    expect(first.reason.text).toBe('已完工,剩余3%尾款未付,且最高限价低于预算金额。提高预算准确度。');
    expect(form.indicators.find((i) => i.level3 === '安全率')!.reason.text).toBe('0');
  });
});

describe('splitting an indicator row\'s values', () => {
  const kinds = ['weight', 'target', 'actual', 'score'] as const;
  it('takes the only cut the columns allow (分值 ≤ 100, a target keeps its unit)', () => {
    const out = splitIndicatorValues('1020万元20万元10', [...kinds]);
    expect(out.kind === 'split' && out.parts).toEqual(['10', '20万元', '20万元', '10']);
  });

  it('uses 得分 ≤ 分值 only to choose between cuts', () => {
    // 得分 | 复核分 glued: 9 | 10 keeps both within 分值 10, 91 | 0 does not
    const out = splitIndicatorValues('10≥95%96%910', ['weight', 'target', 'actual', 'score', 'review']);
    expect(out.kind === 'split' && out.parts).toEqual(['10', '≥95%', '96%', '9', '10']);
    // 原州's 8550万粒550万粒8: 8 | 550万粒 or 85 | 50万粒, both within the rules — nothing decides, the row is unread
    expect(splitIndicatorValues('8550万粒550万粒8', [...kinds])).toEqual({ kind: 'ambiguous', candidates: 2 });
    // printed apart, a 得分 above its 分值 is no reading at all
    expect(splitIndicatorValues('8 100 10', ['weight', 'actual', 'score']).kind).toBe('unreadable');
  });

  it('never takes a bare figure out of the middle of a run of digits (8550 is not 8 | 5 | 5 | 0)', () => {
    expect(splitIndicatorValues('8550', [...kinds]).kind).toBe('unreadable');
  });

  it('never cuts across a space', () => {
    const out = splitIndicatorValues('10 ≥95% 95% 10', [...kinds]);
    expect(out.kind === 'split' && out.parts).toEqual(['10', '≥95%', '95%', '10']);
  });
});
