import { rule } from '../../../src/rules/year-consistency.js';
import { projectForm, report } from '../builders.js';
import { seedReport, seedBasicData, seedDept } from '../seed-records.js';
import { ruleCases } from '../tester.js';

export default ruleCases({
  rule,
  valid: [{ name: 'the seed: every title says 2023, columns 2022/2023/2023', report: seedReport() }],
  invalid: [
    {
      name: 'one table title changed to 2022年度',
      report: report({
        basicData: seedBasicData(),
        dept: seedDept(),
        projects: [projectForm({ name: '工作经费', title: '2022年度项目支出绩效自评表' }), projectForm({ name: '招投标监督管理专项', table: 3 })],
      }),
      findings: [{ severity: 'error', values: [2022, 2023], part: '项目支出绩效自评表（工作经费）', messageIncludes: ['2022年度项目支出绩效自评表', '2023'] }],
    },
  ],
});
