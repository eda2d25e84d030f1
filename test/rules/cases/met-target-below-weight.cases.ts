import { rule } from '../../../src/rules/met-target-below-weight.js';
import { projectForm, report } from '../builders.js';
import { seedReport } from '../seed-records.js';
import { ruleCases } from '../tester.js';

const one = (row: [string, string, string, string, string, string, string, string]) =>
  report({ projects: [projectForm({ name: '运行维护经费', indicators: [row] })] });

export default ruleCases({
  rule,
  valid: [
    { name: 'the seed', report: seedReport() },
    { name: 'met but scored lower with a reason', report: one(['产出指标(30分)', '质量指标', '维护合格率', '≥95%', '96%', '10', '9', '部分维护记录不全']) },
  ],
  invalid: [
    {
      name: 'met (96% ≥ 95%) scored 9 of 10 without a reason',
      report: one(['产出指标(30分)', '质量指标', '维护合格率', '≥95%', '96%', '10', '9', '']),
      findings: [{ severity: 'info', values: [9, 10], messageIncludes: ['「维护合格率」', '96%', '9'] }],
    },
    {
      name: 'qualitative target reached word for word, scored 4 of 5',
      report: one(['效益指标(30分)', '社会效益指标', '工程质量安全形式', '整体平稳', '整体平稳', '5', '4', '']),
      findings: [{ severity: 'info', values: [4, 5] }],
    },
  ],
});
