import { rule } from '../../../src/rules/basic-data-by-spending.js';
import { basicData, deptForm, report, type SpendingSpec } from '../builders.js';
import { seedBasicData, seedDept } from '../seed-records.js';
import { ruleCases } from '../tester.js';

/** hn-hengshan-guantang-2023: the 基础数据表's 项目支出 and 公用经费 rows, and its form's 按支出性质分. */
const ROWS: SpendingSpec[] = [
  ['项目支出:', '874.20', '308.17', '1025.20', 'project'],
  ['公用经费', '118.31', '85.76', '193.42', 'public'],
];
const form = (project: string, year = 2023) =>
  deptForm({ table: 2, year, budget: [['年度资金总额', '861.10', '2030.12', '2030.12', '10', '100%', '10']], bySpending: [['其中:基本支出', '900.47'], ['项目支出', project]] });

export default ruleCases({
  rule,
  valid: [
    { name: 'hengshan: 项目支出 1025.20 in both forms', report: report({ basicData: basicData({ spending: ROWS }), dept: form('1025.20') }) },
    { name: 'seed: the 基础数据表 leaves 项目支出 blank (its fund rows filled): E5’s business', report: report({ basicData: seedBasicData(), dept: seedDept() }) },
    { name: 'two years: the 2022 基础数据表 against the 2023 form', report: report({ basicData: basicData({ year: 2022, spending: ROWS }), dept: form('1127.72') }) },
  ],
  invalid: [
    {
      name: 'hengshan: the form’s 项目支出 changed to 1127.72',
      report: report({ basicData: basicData({ spending: ROWS }), dept: form('1127.72') }),
      findings: [{ severity: 'warning', values: [1025.2, 1127.72], messageIncludes: ['项目支出', '2023年决算数1025.20万元', '按支出性质分项目支出1127.72万元'] }],
    },
  ],
});
