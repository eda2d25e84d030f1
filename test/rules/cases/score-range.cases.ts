import { rule } from '../../../src/rules/score-range.js';
import { projectForm, report } from '../builders.js';
import { seedReport } from '../seed-records.js';
import { ruleCases } from '../tester.js';

export default ruleCases({
  rule,
  valid: [{ name: 'the seed: every score within its weight', report: seedReport() }],
  invalid: [
    {
      name: 'a score above its weight (12 of 10) and a negative one',
      report: report({
        projects: [
          projectForm({
            name: '运行维护经费',
            budget: [['年度资金总额', '100', '100', '100', '10', '100%', '10']],
            indicators: [
              ['产出指标(50分)', '数量指标', '设备维护台数', '≥50台', '52台', '10', '12', ''],
              ['', '质量指标', '维护合格率', '≥95%', '96%', '10', '-1', ''],
            ],
            total: ['100', '31'],
          }),
        ],
      }),
      findings: [
        { severity: 'error', values: [12, 10], messageIncludes: ['「设备维护台数」', '12', '超过分值10'] },
        { severity: 'error', values: [-1, 10], messageIncludes: ['「维护合格率」', '负数'] },
      ],
    },
    {
      name: 'execution score above its weight',
      report: report({ projects: [projectForm({ name: '运行维护经费', budget: [['年度资金总额', '100', '100', '100', '10', '100%', '20']] })] }),
      findings: [{ severity: 'error', values: [20, 10], messageIncludes: ['预算执行'] }],
    },
  ],
});
