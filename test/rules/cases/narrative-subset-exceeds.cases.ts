import { rule } from '../../../src/rules/narrative-subset-exceeds.js';
import { report } from '../builders.js';
import { ruleCases } from '../tester.js';
import { deptReportLines, withNarrative } from '../../narrative/helpers.js';

const dept = (...performance: string[]) => withNarrative(report({}), deptReportLines([], performance));

export default ruleCases({
  rule,
  valid: [
    { name: 'seed: 干职工79人，其中在编59人', report: dept('现有干职工79人，其中在编59人，退休干职工20人。') },
    { name: 'a part equal to its parent', report: dept('共下发整改通知书45份，其中停工整改通知书45份。') },
  ],
  invalid: [
    {
      name: '其中 part above its parent',
      report: dept('现有干职工79人，其中在编89人。'),
      findings: [{ severity: 'warning', values: [89, 79], part: '部门整体支出绩效自评报告', messageIncludes: ['干职工79人', '在编89人', '大于总数'] }],
    },
  ],
});
