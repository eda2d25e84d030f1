import { rule } from '../../../src/rules/measure-readable.js';
import { projectForm, report } from '../builders.js';
import { seedBiddingProject } from '../seed-records.js';
import { ruleCases } from '../tester.js';

const one = (row: [string, string, string, string, string, string, string, string]) =>
  report({ projects: [projectForm({ name: '工作经费', indicators: [row] })] });

export default ruleCases({
  rule,
  valid: [
    { name: 'seed 招投标: targets readable, dates and words are not flagged', report: report({ projects: [seedBiddingProject()] }) },
    { name: '时效 target "2023年1-12月" is a period, not a measure', report: one(['产出指标(30分)', '时效指标', '按计划时间完成', '2023年1-12月', '按计划完成', '10', '10', '']) },
  ],
  invalid: [
    {
      name: 'seed: 办理项目竣工验收率 measured in 个',
      report: one(['产出指标(30分)', '数量指标', '办理项目竣工验收率', '60个', '27个', '1', '0.5', '全年只有27个项目']),
      findings: [{ severity: 'info', messageIncludes: ['…率', '个'] }],
    },
    {
      name: 'seed 质量安全: cost target 20万元, actual "没超预算"',
      report: one(['成本指标（20分）', '经济成本指标', '控制成本，多干实事', '20万元', '没超预算', '10', '10', '']),
      findings: [{ severity: 'info', messageIncludes: ['20万元', '没超预算'] }],
    },
    {
      name: 'digits that are not one figure: "6个100%"',
      report: one(['产出指标(30分)', '质量指标', '扬尘防治达标', '6个100%', '6个100%', '5', '5', '']),
      findings: [{ severity: 'info', messageIncludes: ['无法读成一个数值'] }],
    },
  ],
});
