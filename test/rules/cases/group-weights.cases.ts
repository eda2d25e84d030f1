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
    {
      // 云南 公开14表 (yn-yongde-mingliang-2022): four 产出 and two 满意度 indicators of 10 each — the
      // form's own split (40/30/20), its total the template's 90: info, not a warning
      name: 'no printed points, 40/30/20 against 50/30/10: departures cancel out → info per group, naming the form\'s own split',
      report: report({
        projects: [
          projectForm({
            name: '义务教育营养改善计划专项资金',
            indicators: [
              ['产出指标', '数量指标', '学生受资助人数', '≥735人次', '735人次', '10', '10', ''],
              ['', '质量指标', '营养改善计划覆盖率', '≥100%', '100%', '10', '10', ''],
              ['', '时效指标', '资金到位及时率', '≥100%', '100%', '10', '10', ''],
              ['', '成本指标', '生均补助标准达标率', '=100%', '100%', '10', '10', ''],
              ['效益指标', '社会效益指标', '政策知晓率', '=100%', '100%', '10', '10', ''],
              ['', '经济效益指标', '减轻贫困学生家庭经济负担', '有效', '有效', '10', '10', ''],
              ['', '可持续影响指标', '促进学校教育事业健康发展', '≥100%', '100%', '10', '10', ''],
              ['满意度指标', '服务对象满意度指标', '学生满意度', '≥95%', '100%', '10', '10', ''],
              ['', '服务对象满意度指标', '家长满意度', '≥95%', '100%', '10', '10', ''],
            ],
          }),
        ],
      }),
      findings: [
        { severity: 'info', values: [50, 40], messageIncludes: ['按模板应为50分', '自定的权重分配'] },
        { severity: 'info', values: [10, 20], messageIncludes: ['按模板应为10分', '自定的权重分配'] },
      ],
    },
  ],
});
