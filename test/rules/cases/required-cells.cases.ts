import { rule } from '../../../src/rules/required-cells.js';
import { projectForm, report } from '../builders.js';
import { seedQualityProject, seedBiddingProject, seedWorkProject } from '../seed-records.js';
import { ruleCases } from '../tester.js';

export default ruleCases({
  rule,
  valid: [
    { name: 'seed 质量安全 with the date filled in', report: report({ projects: [{ ...seedQualityProject(), signature: { ...seedQualityProject().signature!, date: '2024年3月1日' } }] }) },
    {
      name: 'a scored group (★ row with 分值/得分, detail rows with target/actual): no blank cells',
      report: report({
        projects: [
          projectForm({
            name: '特色种养殖补贴到户',
            indicators: [
              ['产出指标(50分)', '数量指标', '★补助各类粮食作物种植面积', '', '', '10', '10', ''],
              ['', '数量指标', '红薯种植面积', '5.5亩', '5.5亩', '', '', ''],
              ['', '数量指标', '★补助家畜家禽养殖数量', '', '', '10', '10', ''],
              ['', '数量指标', '猪养殖数量', '80头', '80头', '', '', ''],
              ['', '数量指标', '鸡养殖数量', '500只', '500只', '', '', ''],
            ],
          }),
        ],
      }),
    },
    { name: '不适用 rows need no score', report: report({ projects: [projectForm({ name: '工作经费', indicators: [['成本指标（20分）', '社会成本指标', '不适用', '', '', '', '', '']] })] }) },
  ],
  invalid: [
    {
      name: 'seed 招投标: 总分 得分 blank',
      report: report({ projects: [seedBiddingProject()] }),
      findings: [{ severity: 'error', part: '项目支出绩效自评表（招投标监督管理专项）', messageIncludes: ['总分得分未填写'] }],
    },
    {
      name: 'seed 工作经费: signature line empty',
      report: report({ projects: [seedWorkProject()] }),
      findings: [{ severity: 'info', messageIncludes: ['签章栏未填', '填表人', '填报日期', '联系电话', '单位负责人'], missing: ['填表人', '单位负责人'] }],
    },
    {
      name: 'an indicator without score and actual, and no execution score',
      report: report({
        projects: [
          projectForm({
            name: '运行维护经费',
            budget: [['年度资金总额', '100', '100', '100', '10', '100%', '']],
            indicators: [['产出指标(30分)', '数量指标', '设备维护台数', '≥50台', '', '10', '', '']],
          }),
        ],
      }),
      findings: [
        { severity: 'error', messageIncludes: ['预算执行得分'] },
        { severity: 'error', messageIncludes: ['「设备维护台数」得分'] },
        { severity: 'error', messageIncludes: ['「设备维护台数」实际完成值'] },
      ],
    },
  ],
});
