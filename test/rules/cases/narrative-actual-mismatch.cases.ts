import { rule } from '../../../src/rules/narrative-actual-mismatch.js';
import { deptForm, report } from '../builders.js';
import { ruleCases } from '../tester.js';
import { deptReportLines, withNarrative } from '../../narrative/helpers.js';

const dept = (actual: string) =>
  deptForm({
    indicators: [
      ['产出指标(30分)', '数量指标', '做好公开招标项目监管', '16个', actual, '1', '1', ''],
      ['', '', '工程建设监管执法率', '100%', '100%', '1', '1', ''],
    ],
  });

export default ruleCases({
  rule,
  valid: [
    {
      name: 'the narrative count equals the indicator actual (公开招标项目 15个)',
      report: withNarrative(report({ dept: dept('15个') }), deptReportLines([], ['抓好招投标监管，2023年度公开招标项目共计15个，总金额78089.7763万元。'])),
    },
    {
      name: 'statistics unrelated to any indicator are not compared (专项检查11次 vs 执法率)',
      report: withNarrative(report({ dept: dept('15个') }), deptReportLines([], ['全年共开展专项检查11次，消除质量安全隐患2092条。'])),
    },
    {
      name: 'an approximate narrative figure is not held to the actual (约14个)',
      report: withNarrative(report({ dept: dept('15个') }), deptReportLines([], ['2023年度公开招标项目约14个。'])),
    },
  ],
  invalid: [
    {
      name: 'seed: 公开招标项目共计14个 vs 做好公开招标项目监管 实际完成值 15个',
      report: withNarrative(report({ dept: dept('15个') }), deptReportLines([], ['抓好招投标监管，2023年度公开招标项目共计14个，总金额78089.7763万元。'])),
      findings: [
        {
          severity: 'warning',
          values: [14, 15],
          part: '部门整体支出绩效自评报告',
          messageIncludes: ['公开招标项目14个', '做好公开招标项目监管', '15个'],
          expected: '15个',
          observed: '14个',
        },
      ],
    },
  ],
});
