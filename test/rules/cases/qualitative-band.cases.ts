import { rule } from '../../../src/rules/qualitative-band.js';
import { projectForm, report } from '../builders.js';
import { seedReport } from '../seed-records.js';
import { ruleCases } from '../tester.js';

const one = (row: [string, string, string, string, string, string, string, string]) =>
  report({ projects: [projectForm({ name: '运行维护经费', indicators: [row] })] });

export default ruleCases({
  rule,
  valid: [
    { name: 'the seed (全覆盖, 按计划完成 at full marks)', report: seedReport() },
    { name: '部分达成 scored 7 of 10', report: one(['效益指标(30分)', '社会效益指标', '行业规范运行', '明显提升', '部分达成', '10', '7', '整改未完成']) },
  ],
  invalid: [
    {
      name: '未达成 scored 9 of 10',
      report: one(['效益指标(30分)', '社会效益指标', '行业规范运行', '明显提升', '未达成', '10', '9', '整改未完成']),
      findings: [{ severity: 'info', values: [9, 10], messageIncludes: ['未达成', '0%–60%'], params: ['qualitativeBands'] }],
    },
    {
      name: '部分完成 scored full 10',
      report: one(['效益指标(30分)', '社会效益指标', '行业规范运行', '明显提升', '部分完成', '10', '10', '']),
      findings: [{ severity: 'info', values: [10, 10], messageIncludes: ['60%–80%'] }],
    },
  ],
});
