import { rule } from '../../../src/rules/year-consistency.js';
import { documentModel, projectForm, report } from '../builders.js';
import { seedReport, seedBasicData, seedDept } from '../seed-records.js';
import { ruleCases } from '../tester.js';

/** A 2020 report whose first form title a print joined with the 2021 results notice over it and that form's 年度 line. */
const noticeOverForms = (firstFormYear: number) => ({
  report: report({
    year: 2020,
    projects: [
      projectForm({ name: '城镇建设管理', title: `九亭镇2021年预算绩效评价结果公开财政项目支出绩效自评表${firstFormYear}年度` }),
      projectForm({ name: '动迁安置', table: 3, title: '财政项目支出绩效自评表2020年度' }),
    ],
  }),
  document: documentModel(['2020年度项目完成情况较好。']),
});

export default ruleCases({
  rule,
  valid: [
    { name: 'the seed: every title says 2023, columns 2022/2023/2023', report: seedReport() },
    {
      // a print joined the notice's line (the year it publishes results in) with the form title and its 年度 line
      name: 'a results notice of 2021 joined to the 2020 form title it publishes',
      ...noticeOverForms(2020),
    },
  ],
  invalid: [
    {
      name: 'a results notice joined to a form title of another year than the report',
      ...noticeOverForms(2019),
      findings: [{ severity: 'error', values: [2019, 2020], part: '项目支出绩效自评表（城镇建设管理）' }],
    },
    {
      name: 'one table title changed to 2022年度',
      report: report({
        basicData: seedBasicData(),
        dept: seedDept(),
        projects: [projectForm({ name: '工作经费', title: '2022年度项目支出绩效自评表' }), projectForm({ name: '招投标监督管理专项', table: 3 })],
      }),
      findings: [{ severity: 'error', values: [2022, 2023], part: '项目支出绩效自评表（工作经费）', messageIncludes: ['2022年度项目支出绩效自评表', '2023'] }],
    },
    {
      name: 'two tables, one changed: the body text decides the year (report.year taken from the wrong title)',
      report: report({
        year: 2023,
        projects: [projectForm({ name: '村级规划编制专项', title: '2023年度项目支出绩效自评表' }), projectForm({ name: '河长制工作补助资金', table: 3, title: '2024年度项目支出绩效自评表' })],
      }),
      document: documentModel(['2024年，财政安排村级规划编制专项资金248.98万元，截止2024年12月31日，项目支出231.56万元。', '2024年度河长制工作全面完成。']),
      findings: [{ severity: 'error', values: [2023, 2024], part: '项目支出绩效自评表（村级规划编制专项）' }],
    },
  ],
});
