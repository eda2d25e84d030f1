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
  ],
  invalid: [
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
