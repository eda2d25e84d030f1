import { rule } from '../../../src/rules/normalized-text.js';
import { projectForm, report } from '../builders.js';
import { seedReport } from '../seed-records.js';
import { ruleCases } from '../tester.js';

export default ruleCases({
  rule,
  valid: [
    { name: 'the seed (full-width brackets are ordinary)', report: seedReport() },
    {
      name: '≧ in a target is a comparison sign, not a traditional character',
      report: report({ projects: [projectForm({ name: '运行维护经费', indicators: [['产出指标(50分)', '数量指标', '维护设备台数', '≧50台', '52台', '50', '50', '']] })] }),
    },
  ],
  invalid: [
    {
      name: 'full-width digits and a traditional label',
      report: report({
        projects: [projectForm({ name: '運行維護經費', budget: [['年度資金總額', '１００', '１００', '１００', '10', '100%', '10']] })],
      }),
      findings: [{ severity: 'info', messageIncludes: ['全角数字', '繁体字'] }],
    },
  ],
});
