import { rule } from '../../../src/rules/execution-score.js';
import { projectForm, report } from '../builders.js';
import { seedReport } from '../seed-records.js';
import { ruleCases } from '../tester.js';

const project = (row: [string, string, string, string, string, string, string]) =>
  report({ projects: [projectForm({ name: '业务工作经费', budget: [row] })] });

export default ruleCases({
  rule,
  valid: [
    { name: 'the seed: 10 × min(100%, 1) = 10 in every table', report: seedReport() },
    { name: 'proportional: 10 × 86.4% printed 8.64', report: project(['年度资金总额', '100', '125.00', '108.00', '10', '86.4%', '8.64']) },
    { name: 'rate above 100% is capped: 10 × min(105%, 1) = 10', report: project(['年度资金总额', '100', '100', '105', '10', '105%', '10']) },
    {
      name: 'stepped variant (每低于5%扣2分): 88% → 10 − 2×2 = 6',
      report: project(['年度资金总额', '100', '100', '88', '10', '88%', '6']),
      params: { executionScoring: { kind: 'stepped', stepPercent: 5, pointsPerStep: 2 } },
    },
    {
      name: '20-point variant: 20 × 95% = 19',
      report: report({ family: 'exec-20', projects: [projectForm({ name: '衔接资金项目', budget: [['年度资金总额', '200', '200', '190', '20', '95%', '19']] })] }),
    },
    // 0.1 is 10% ± 5 points: the score follows 执行数/全年预算数 (20 × 94/650 = 2.89), or the printed rate itself (20 × 0.1 = 2)
    { name: 'a coarse rate (0.1): 20 × 94/650 printed 2.9', report: project(['年度资金总额', '650', '650', '94', '20', '0.1', '2.9']) },
    { name: 'a coarse rate (0.1): 20 × 0.1 printed 2', report: project(['年度资金总额', '650', '650', '94', '20', '0.1', '2']) },
  ],
  invalid: [
    {
      name: 'full score for a rate of 86%',
      report: project(['年度资金总额', '100', '125.00', '108.00', '10', '86%', '10']),
      findings: [{ severity: 'warning', values: [10, 8.6], part: '项目支出绩效自评表（业务工作经费）', messageIncludes: ['得分', '10', '8.60'], params: ['executionScoring'] }],
    },
    {
      name: 'stepped variant applied but proportional score printed: 88% scored 8.8',
      report: project(['年度资金总额', '100', '100', '88', '10', '88%', '8.8']),
      params: { executionScoring: { kind: 'stepped', stepPercent: 5, pointsPerStep: 2 } },
      findings: [{ severity: 'warning', values: [8.8, 6], messageIncludes: ['每低于5%扣2分'] }],
    },
    {
      name: 'a coarse rate (0.1) and a score of 20 × 94/650 where the budget is 715 (20 × 94/715 = 2.63)',
      report: project(['年度资金总额', '715', '715', '94', '20', '0.1', '2.9']),
      findings: [{ severity: 'warning', messageIncludes: ['94/715', '2.63', '书写精度不足'] }],
    },
  ],
});
