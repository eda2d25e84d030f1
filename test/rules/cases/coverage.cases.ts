import { rule } from '../../../src/rules/coverage.js';
import { narrative, report } from '../builders.js';
import { seedBasicData, seedBiddingProject, seedQualityProject, seedReport, seedDept, seedWorkProject } from '../seed-records.js';
import { ruleCases } from '../tester.js';

export default ruleCases({
  rule,
  valid: [
    { name: 'the seed has all three parts', report: seedReport() },
    { name: 'a lone project table is a complete project report', report: report({ projects: [seedWorkProject()] }) },
  ],
  invalid: [
    {
      name: 'nothing recognizable: a clear error, not an empty success',
      report: report({ paragraphs: 12, tables: 0 }),
      findings: [{ severity: 'error', values: [12, 0], messageIncludes: ['未识别出任何'], noEvidence: true, missing: ['部门整体支出绩效自评表'] }],
    },
    {
      name: 'a department package without 基础数据表 and project tables',
      report: report({ dept: seedDept(), narratives: [narrative('部门整体支出绩效自评报告', '2023年度部门整体支出绩效自评报告', 16)] }),
      findings: [
        { severity: 'warning', messageIncludes: ['部门整体支出绩效评价基础数据表'], noEvidence: true },
        { severity: 'warning', messageIncludes: ['项目支出绩效自评表'], noEvidence: true },
      ],
    },
    {
      name: 'seed without the 工作经费 project table: its fund row (334.74) has no table',
      report: report({ basicData: seedBasicData(), dept: seedDept(), projects: [seedQualityProject(), seedBiddingProject()] }),
      findings: [{ severity: 'warning', values: [334.74], part: '部门整体支出绩效评价基础数据表', messageIncludes: ['「工作经费」', '334.74', '未找到'] }],
    },
    {
      name: 'an unattributed table and cells not understood',
      report: (() => {
        const r = seedReport();
        r.coverage.unrecognizedTables = [7];
        r.coverage.notUnderstood = [{ text: '95.\n10%', where: '表4 第12行 第6列' }];
        return r;
      })(),
      findings: [
        { severity: 'info', values: [7], messageIncludes: ['1张表格未归入'], noEvidence: true },
        { severity: 'info', values: [1], messageIncludes: ['未能理解'], noEvidence: true },
      ],
    },
  ],
});
