import { rule } from '../../../src/rules/project-total.js';
import { projectForm, report } from '../builders.js';
import { seedBiddingProject, seedDept, seedQualityProject, seedWorkProject } from '../seed-records.js';
import { ruleCases } from '../tester.js';

export default ruleCases({
  rule,
  valid: [
    {
      name: 'seed: 项目支出 359.73 vs 20 + 5 + 334.74 = 359.74 — rounding explains it (±0.02)',
      report: report({ dept: seedDept(), projects: [seedQualityProject(), seedBiddingProject(), seedWorkProject()] }),
    },
  ],
  invalid: [
    {
      name: 'a project executed changed: 工作经费 300.00',
      report: report({
        dept: seedDept(),
        projects: [seedQualityProject(), seedBiddingProject(), projectForm({ name: '工作经费', table: 4, budget: [['年度资金总额', '325', '334.74', '300.00', '10', '89.62%', '8.96']] })],
      }),
      findings: [{ severity: 'error', values: [359.73, 325], part: '部门整体支出绩效自评表', messageIncludes: ['359.73', '工作经费300.00'] }],
    },
  ],
});
