import { rule } from '../../../src/rules/template-leftovers.js';
import { narrative, projectForm, report, textFact } from '../builders.js';
import { documentOf } from '../../helpers/model.js';
import { seedReport } from '../seed-records.js';
import { ruleCases } from '../tester.js';

export default ruleCases({
  rule,
  valid: [
    { name: 'the seed', report: seedReport() },
    {
      name: "a heading naming the form's own instructions page (余姚 2009 绩效报告: 填 报 说 明 / 二、报告内容和填写说明)",
      report: report({ narratives: [narrative('绩效报告', '绩 效 报 告', 0, ['填 报 说 明', '二、报告内容和填写说明'])] }),
      document: documentOf(['绩 效 报 告', '填 报 说 明', '二、报告内容和填写说明', '1、“预算科目类别”:填写本项目所属预算科目名称。']),
    },
  ],
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
    {
      name: 'placeholders typed with the math ellipsis ⋯ (U+22EF, what a Song font gives back) or middle dots',
      report: report({
        projects: [
          projectForm({
            name: '运行维护经费',
            indicators: [
              ['产出指标(30分)', '数量指标', '设备维护台数', '≥50台', '52台', '10', '10', ''],
              ['', '', '指标2 ⋯⋯', '', '', '', '', ''],
              ['', '质量指标', '指标3：···', '', '', '', '', ''],
            ],
          }),
        ],
      }),
      findings: [
        { severity: 'warning', messageIncludes: ['三级指标', '指标2 ⋯⋯'] },
        { severity: 'warning', messageIncludes: ['三级指标', '指标3：···'] },
      ],
    },
    {
      name: 'the template\'s spare rows (指标1：, 指标2：, ……) are one finding, not one per row',
      report: report({
        projects: [
          {
            ...projectForm({ name: '初中公用经费', indicators: [['产出指标', '数量指标', '保障人数', '2370人', '2370人', '10', '10', '']] }),
            placeholderRows: [
              textFact('指标1:', { part: '项目支出绩效自评表（初中公用经费）', table: 0, row: 14, col: 3 }),
              textFact('指标2:', { part: '项目支出绩效自评表（初中公用经费）', table: 0, row: 15, col: 3 }),
              textFact('……', { part: '项目支出绩效自评表（初中公用经费）', table: 0, row: 16, col: 2 }),
            ],
          },
        ],
      }),
      findings: [{ severity: 'warning', values: [3], messageIncludes: ['3行模板占位行', '指标1:', '……'] }],
    },
    {
      name: 'an outline line that still instructs, 填写说明 with more after it',
      report: report({ narratives: [narrative('绩效报告', '绩效报告', 0, ['（一）项目概况（填写说明：请简述项目立项依据）'])] }),
      document: documentOf(['绩效报告', '（一）项目概况（填写说明：请简述项目立项依据）', '']),
      findings: [{ severity: 'warning', messageIncludes: ['填写说明'] }],
    },
    {
      name: 'an instruction left in a cell no record holds (Sichuan 评价结论)',
      report: report({ projects: [{ ...projectForm({ name: '工资性支出', indicators: [['产出指标', '数量指标', '覆盖率', '100%', '100%', '60', '60', '']] }), tables: [0] }] }),
      document: documentOf([[['评价结论', '结合自评情况，说明项目自评总分。（200字以内）']]]),
      findings: [{ severity: 'warning', messageIncludes: ['（200字以内）', '字数提示'] }],
    },
  ],
});
