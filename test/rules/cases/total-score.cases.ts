import { rule } from '../../../src/rules/total-score.js';
import { projectForm, report } from '../builders.js';
import { seedReport } from '../seed-records.js';
import { ruleCases } from '../tester.js';

export default ruleCases({
  rule,
  valid: [{ name: 'the seed: 99.5 = 10 + Σ scores (部门整体 and 工作经费), 100 (质量安全)', report: seedReport() }],
  invalid: [
    {
      name: '总分 99 but 10 + 30 + 29.5 + 30 = 99.5',
      report: report({
        projects: [
          projectForm({
            name: '运行维护经费',
            budget: [['年度资金总额', '100', '100', '100', '10', '100%', '10']],
            indicators: [
              ['产出指标(30分)', '数量指标', '设备维护台数', '≥50台', '52台', '30', '30', ''],
              ['效益指标(30分)', '社会效益指标', '保障正常运转', '正常运转', '基本正常', '30', '29.5', '个别设备停机'],
              ['满意度指标(30分)', '服务对象满意度指标', '使用单位满意度', '≥90%', '95%', '30', '30', ''],
            ],
            total: ['100', '99'],
          }),
        ],
      }),
      findings: [{ severity: 'error', values: [99, 99.5], messageIncludes: ['总分得分为99', '99.5'] }],
    },
  ],
});
