import { rule } from '../../../src/rules/group-weights.js';
import { projectForm, report } from '../builders.js';
import { seedBiddingProject, seedDept, seedQualityProject, seedWorkProject } from '../seed-records.js';
import { ruleCases } from '../tester.js';

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
    { name: 'seed 部门整体, 质量安全, 招投标: every 一级指标 adds up', report: report({ dept: seedDept(), projects: [seedQualityProject(), seedBiddingProject()] }) },
    {
      name: 'no printed points, the 50/30/10 split holds',
      report: report({
        projects: [
          projectForm({
            name: '农村公路养护',
            indicators: [
              ['产出指标', '数量指标', '养护里程', '≥120公里', '125公里', '30', '30', ''],
              ['', '质量指标', '路况优良率', '≥80%', '85%', '20', '20', ''],
              ['效益指标', '社会效益指标', '群众出行条件改善', '明显改善', '明显改善', '30', '30', ''],
              ['满意度指标', '服务对象满意度指标', '沿线群众满意度', '≥90%', '95%', '10', '10', ''],
            ],
          }),
        ],
      }),
    },
  ],
  invalid: [
    {
      name: 'seed 工作经费: 效益指标(30分) adds to 40; 成本指标（20分）to 10 with two 不适用 rows',
      report: report({ projects: [seedWorkProject()] }),
      findings: [
        { severity: 'error', values: [30, 40], part: '项目支出绩效自评表（工作经费）', messageIncludes: ['效益指标', '30分', '40分'] },
        { severity: 'error', values: [20, 10], part: '项目支出绩效自评表（工作经费）', messageIncludes: ['成本指标', '20分', '10分', '不适用'] },
      ],
    },
    {
      name: 'no printed points, weights 40/30/10 against the 50/30/10 split → warning naming the split',
      report: report({
        projects: [
          projectForm({
            name: '农村公路养护',
            indicators: [
              ['产出指标', '数量指标', '养护里程', '≥120公里', '125公里', '40', '40', ''],
              ['效益指标', '社会效益指标', '群众出行条件改善', '明显改善', '明显改善', '30', '30', ''],
              ['满意度指标', '服务对象满意度指标', '沿线群众满意度', '≥90%', '95%', '10', '10', ''],
            ],
          }),
        ],
      }),
      findings: [{ severity: 'warning', values: [50, 40], messageIncludes: ['按模板应为50分'], params: ['weightSplit'] }],
    },
  ],
});
