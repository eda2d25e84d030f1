import { rule } from '../../../src/rules/weight-totals.js';
import { projectForm, report } from '../builders.js';
import { seedReport } from '../seed-records.js';
import { ruleCases } from '../tester.js';

const indicators: Parameters<typeof projectForm>[0]['indicators'] = [
  ['产出指标(50分)', '数量指标', '养护里程', '≥120公里', '125公里', '50', '50', ''],
  ['效益指标(30分)', '社会效益指标', '群众出行条件改善', '明显改善', '明显改善', '30', '30', ''],
  ['满意度指标(10分)', '服务对象满意度指标', '沿线群众满意度', '≥90%', '95%', '10', '10', ''],
];

export default ruleCases({
  rule,
  valid: [
    {
      name: 'a form that prints no 分值 at all (scores only): no weights to add up, no finding',
      report: report({ projects: [projectForm({ name: '农村公路养护', indicators: [
  ['产出指标', '数量指标', '养护里程', '≥120公里', '125公里', '', '28', ''],
  ['', '质量指标', '路况优良率', '≥80%', '85%', '', '20', ''],
  ['效益指标', '社会效益指标', '群众出行条件改善', '明显改善', '明显改善', '', '30', ''],
  ['满意度指标', '服务对象满意度指标', '沿线群众满意度', '≥90%', '95%', '', '10', ''],
], total: null })] }),
    },
    { name: 'the seed: 10 + 90 = 100 in every table (工作经费 too, 30+40+10+10)', report: seedReport() },
    { name: 'no 总分 row, indicators total 90', report: report({ projects: [projectForm({ name: '农村公路养护', budget: [['年度资金总额', '100', '100', '100', '10', '100%', '10']], indicators, total: null })] }) },
  ],
  invalid: [
    {
      name: 'printed 总分 100 but 10 + 95',
      report: report({
        projects: [
          projectForm({
            name: '农村公路养护',
            budget: [['年度资金总额', '100', '100', '100', '10', '100%', '10']],
            indicators: [...indicators!, ['', '', '路况优良率', '≥80%', '85%', '5', '5', '']],
            total: ['100', '105'],
          }),
        ],
      }),
      findings: [{ severity: 'error', values: [100, 105], messageIncludes: ['总分分值为100', '105'] }],
    },
    {
      name: 'no 总分 row, indicators total 80 against the template 90',
      report: report({ projects: [projectForm({ name: '农村公路养护', budget: [['年度资金总额', '100', '100', '100', '10', '100%', '10']], indicators: indicators!.slice(0, 2), total: null })] }),
      findings: [{ severity: 'warning', values: [80, 90], params: ['indicatorTotal'] }],
    },
  ],
});
