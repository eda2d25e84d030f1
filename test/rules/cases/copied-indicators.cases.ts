import { rule } from '../../../src/rules/copied-indicators.js';
import { report } from '../builders.js';
import { seedBiddingProject, seedDept, seedQualityProject, seedWorkProject } from '../seed-records.js';
import { ruleCases } from '../tester.js';

export default ruleCases({
  rule,
  valid: [{ name: 'seed 质量安全 vs 招投标: different indicator sets', report: report({ projects: [seedQualityProject(), seedBiddingProject()] }) }],
  invalid: [
    {
      name: 'seed: 工作经费 repeats the department table’s indicators',
      report: report({ dept: seedDept(), projects: [seedWorkProject()] }),
      findings: [{ severity: 'info', values: [24, 26], part: '项目支出绩效自评表（工作经费）', messageIncludes: ['部门整体支出绩效自评表', '工作经费', '24'] }],
    },
  ],
});
