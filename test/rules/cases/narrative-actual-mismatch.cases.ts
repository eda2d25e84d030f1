import { rule } from '../../../src/rules/narrative-actual-mismatch.js';
import { deptForm, projectForm, report } from '../builders.js';
import { ruleCases } from '../tester.js';
import { deptReportLines, projectReportLines, withNarrative } from '../../narrative/helpers.js';

const dept = (actual: string) =>
  deptForm({
    indicators: [
      ['产出指标(30分)', '数量指标', '做好公开招标项目监管', '16个', actual, '1', '1', ''],
      ['', '', '工程建设监管执法率', '100%', '100%', '1', '1', ''],
    ],
  });

/** The seed's 招投标 project: its indicator says 招投标, its report 公开招标 (招投标 = 招标投标, an abbreviation). */
const bidding = () =>
  projectForm({
    name: '招投标监督管理专项',
    table: 3,
    budget: [['年度资金总额', '5', '5', '5', '10', '100%', '10']],
    indicators: [['产出指标(30分)', '数量指标', '做好公开招投标项目监管', '16个', '15个', '10', '10', '']],
  });
const biddingReport = (count: string) =>
  projectReportLines('本项目为招投标监督管理的工作经费开支。', '2023，市财政安排招投标监督管理专项资金5万元，此项目工作经费开支5万元。', '各项任务已完成。', [
    `2023年建筑工程公开招标项目共计${count}，中标金额合计为78089.7763万元。`,
  ]);

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
    {
      name: 'the 招投标 project report states its indicator\'s actual (公开招标项目 15个 ~ 做好公开招投标项目监管 15个)',
      report: withNarrative(report({ projects: [bidding()] }), biddingReport('15个')),
    },
  ],
  invalid: [
    {
      name: 'seed: the 招投标 project report\'s 公开招标项目共计14个 vs its own indicator 做好公开招投标项目监管 15个 (招投标 = 招标)',
      report: withNarrative(report({ projects: [bidding()] }), biddingReport('14个')),
      findings: [{ severity: 'warning', values: [14, 15], part: '项目支出绩效评价报告（招投标监督管理专项）', messageIncludes: ['公开招标项目14个', '做好公开招投标项目监管'] }],
    },
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
