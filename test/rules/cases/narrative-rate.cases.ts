import { rule } from '../../../src/rules/narrative-rate.js';
import { report } from '../builders.js';
import { ruleCases } from '../tester.js';
import { deptReportLines, withNarrative } from '../../narrative/helpers.js';

const dept = (...performance: string[]) => withNarrative(report({}), deptReportLines([], performance));

export default ruleCases({
  rule,
  valid: [
    // 西平县交通运输局 2022: 2113.63 ÷ 2179 = 97.00%
    { name: 'real: 项目资金共2179万元，已完成拨付2113.63万元，执行率97%', report: dept('项目资金共2179万元,截止2022年12月8日,已完成拨付2113.63万元,执行率97%。') },
    // 昌宁县珠街彝族乡中心学校 2023: 107.78 ÷ 149.63 = 72.03%
    { name: 'real: 收到资金合计149.63万元，实际发放107.78万元，实际执行率为72.03%', report: dept('2023年,我校收到上级下拨义务教育阶段家庭经济困难学生生活补助专项资金合计149.63万元,实际发放107.78万元,实际执行率为72.03%。') },
    // 镜湖区残联 2023: a bare 万 after a money word
    { name: 'real: 投入中央直达资金29.6万,执行数29.6万,执行率100%', report: dept('投入中央直达资金29.6万,执行数29.6万,执行率100%。') },
    { name: 'two spent amounts: which one the rate uses is not said', report: dept('下达资金100万元,已支付60万元,已拨付30万元,执行率90%。') },
    { name: 'an approximate amount is not computed with', report: dept('项目资金约100万元,已支付80万元,执行率90%。') },
    { name: 'a rate of another sentence is not this sentence’s', report: dept('项目资金100万元,已支付80万元。全年执行率95%。') },
    // 福田区 2021: another amount between the base and the reached one ("调减40万元"): no pair
    { name: 'real: 下达我区111万元…调减40万元,全年实际下达71万元,…发放率100%', report: dept('中央财政困难群众救助补助资金下达我区111万元。调减40万元,全年实际下达71万元,已全额划转至各街道,发放率100%。') },
    { name: '100% of an amount whose owner names none before it: no base', report: dept('中央资金下达100万元。地方资金完成80万元,预算执行率100%。') },
    // 部门决算 (基本情况): an excess of none
    { name: 'real: 车辆编制0辆,实有车辆0辆,超编0辆', report: dept('车辆编制0辆,实有车辆0辆,超编0辆。') },
    { name: 'an excess that is actual less due: 应配套100万元,实际到位150万元,超配套50万元', report: dept('应配套100万元,实际到位150万元,超配套50万元。') },
  ],
  invalid: [
    {
      // 云南 粮食风险基金 2022 (planted30): 104880.14 − 20970.10 = 83910.04
      name: 'real: 地方应配套20970.10万元,实际配套到位资金104880.14万元,超规模配套83909.14万元',
      report: dept('2022年我省粮食风险基金地方应配套20970.10万元,实际配套到位资金104880.14万元,超规模配套83909.14万元。'),
      findings: [{ severity: 'warning', values: [83909.14, 83910.04, 104880.14, 20970.1], part: '部门整体支出绩效自评报告', messageIncludes: ['超规模配套83909.14万元', '计算超出83910.04万元'] }],
    },
    {
      name: 'an excess off by a cent at one precision is a hint: 应配套20971.01万元 … 超规模配套83909.14万元',
      report: dept('地方应配套20971.01万元,实际配套到位资金104880.14万元,超规模配套83909.14万元。'),
      findings: [{ severity: 'info', values: [83909.14, 83909.13, 104880.14, 20971.01], part: '部门整体支出绩效自评报告' }],
    },
    {
      // 甘谷县 2021 (planted30): 258.8557 ÷ 258.8556 rounds to 100%, but 100% says the two are one
      name: 'real: 共落实棚户区改造258.8556万元,目前已支出258.8557万元,资金使用率为100%',
      report: dept('2021年,我县共落实棚户区改造258.8556万元,目前已支出258.8557万元,资金使用率为100%。'),
      findings: [{ severity: 'warning', values: [258.8557, 258.8556, 100], part: '部门整体支出绩效自评报告', messageIncludes: ['资金使用率为100%', '相差0.0001万元'] }],
    },
    {
      // 秀屿区 2024 (planted30): the target in the sentence before
      name: 'real: 绩效目标值2610.86万元。已下达补助2373.51万元,完成进度100%',
      report: dept('1.成本指标:下达省、市、区财政补助绩效目标值2610.86万元。已下达补助2373.51万元,完成进度100%,无偏差。'),
      findings: [{ severity: 'warning', values: [2373.51, 2610.86, 100], part: '部门整体支出绩效自评报告', messageIncludes: ['完成进度100%', '目标值2610.86万元'] }],
    },
    {
      // 渌口区 2020: a 进度 against a base that is no target may be against the contract's schedule: info
      name: 'real: 年初预算200万元,…按合同约定和施工进度及时足额拨付资金66.86万元,资金拨付进度100%',
      report: dept('区级年初预算200万元专项资金,已严格按合同约定和施工进度及时足额拨付资金66.86万元,资金拨付进度100%。'),
      findings: [{ severity: 'info', values: [66.86, 200, 100], part: '部门整体支出绩效自评报告', messageIncludes: ['资金拨付进度100%'] }],
    },
    {
      name: 'held-out: 已支付18501.096万元，未支付703万元，支付率95% (96.34%)',
      report: dept('截至2023年底,项目资金已支付18501.096万元,未支付703万元,支付率95%。'),
      findings: [{ severity: 'warning', values: [95, 96.34, 18501.096, 703], part: '部门整体支出绩效自评报告', messageIncludes: ['支付率95%', '未支付703万元', '96.34%'] }],
    },
    {
      // the published wording: 未支 for 未支付, 资金支付 without 已
      name: 'real (乡村振兴 自评报告): 资金支付18501.096万元,未支703万元,支付率95% (96.34%)',
      report: dept('20xx年,巩固拓展脱贫攻坚成果和乡村振兴建设任务资金支付18501.096万元,未支703万元,支付率95%。'),
      findings: [{ severity: 'warning', values: [95, 96.34, 18501.096, 703], part: '部门整体支出绩效自评报告', messageIncludes: ['支付率95%', '96.34%'] }],
    },
    {
      name: 'spent over the money available: 下达资金200万元，已拨付150万元，执行率90% (75%)',
      report: dept('下达资金200万元,已拨付150万元,执行率90%。'),
      findings: [{ severity: 'warning', values: [90, 75, 150, 200], part: '部门整体支出绩效自评报告', messageIncludes: ['执行率90%', '75.00%'] }],
    },
  ],
});
