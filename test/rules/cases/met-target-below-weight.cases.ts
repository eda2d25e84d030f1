import { rule } from '../../../src/rules/met-target-below-weight.js';
import { projectForm, report } from '../builders.js';
import { seedReport } from '../seed-records.js';
import { ruleCases } from '../tester.js';

const one = (row: [string, string, string, string, string, string, string, string]) =>
  report({ projects: [projectForm({ name: '运行维护经费', indicators: [row] })] });

/** The same form printed without a reason column (53号-style 指标表): nowhere to explain a deduction. */
const noReasonColumn = (row: [string, string, string, string, string, string, string, string]) => {
  const r = one(row);
  const form = r.projects[0];
  form.indicatorColumns = form.indicatorColumns.filter((c) => c.field !== 'reason');
  return r;
};

export default ruleCases({
  rule,
  valid: [
    { name: 'the seed', report: seedReport() },
    { name: 'met but scored lower with a reason', report: one(['产出指标(30分)', '质量指标', '维护合格率', '≥95%', '96%', '10', '9', '部分维护记录不全']) },
    // a form with a reason column: deviation-reason reports the unexplained deduction (one cause, one finding)
    { name: 'met, scored 9 of 10, reason column empty: left to deviation-reason', report: one(['产出指标(30分)', '质量指标', '维护合格率', '≥95%', '96%', '10', '9', '']) },
  ],
  invalid: [
    {
      name: 'met (96% ≥ 95%) scored 9 of 10 on a form with no reason column',
      report: noReasonColumn(['产出指标(30分)', '质量指标', '维护合格率', '≥95%', '96%', '10', '9', '']),
      findings: [{ severity: 'info', values: [9, 10], messageIncludes: ['「维护合格率」', '96%', '9'] }],
    },
    {
      name: 'qualitative target reached word for word, scored 4 of 5, no reason column',
      report: noReasonColumn(['效益指标(30分)', '社会效益指标', '工程质量安全形式', '整体平稳', '整体平稳', '5', '4', '']),
      findings: [{ severity: 'info', values: [4, 5] }],
    },
  ],
});
