import { rule } from '../../../src/rules/template-leftovers.js';
import { projectForm, report } from '../builders.js';
import { seedReport } from '../seed-records.js';
import { ruleCases } from '../tester.js';

export default ruleCases({
  rule,
  valid: [{ name: 'the seed', report: seedReport() }],
  invalid: [
    {
      name: 'goal instruction and a placeholder row left in',
      report: report({
        projects: [
          projectForm({
            name: '运行维护经费',
            goals: ['（100字以内）', '已完成'],
            indicators: [
              ['产出指标(30分)', '数量指标', '设备维护台数', '≥50台', '52台', '10', '10', ''],
              ['', '', '指标2 ……', '', '', '', '', ''],
            ],
          }),
        ],
      }),
      findings: [
        { severity: 'warning', messageIncludes: ['预期目标', '（100字以内）'] },
        { severity: 'warning', messageIncludes: ['三级指标', '指标2'] },
      ],
    },
  ],
});
