import { rule } from '../../../src/rules/overspend-reason.js';
import { projectForm, report } from '../builders.js';
import { seedReport } from '../seed-records.js';
import { ruleCases } from '../tester.js';

export default ruleCases({
  rule,
  valid: [
    { name: 'the seed spends exactly its budgets', report: seedReport() },
    { name: '20 vs 20.00 is not above', report: report({ projects: [projectForm({ name: '运行维护经费', budget: [['年度资金总额', '20', '20.00', '20', '10', '100%', '10']] })] }) },
  ],
  invalid: [
    {
      name: 'executed 110 above budget 100, no reason',
      report: report({ projects: [projectForm({ name: '运行维护经费', budget: [['年度资金总额', '100', '100', '110', '10', '110%', '10']] })] }),
      findings: [{ severity: 'warning', values: [110, 100], messageIncludes: ['110', '100', '未见原因'] }],
    },
  ],
});
