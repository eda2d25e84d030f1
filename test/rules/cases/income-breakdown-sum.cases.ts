import { rule } from '../../../src/rules/income-breakdown-sum.js';
import { deptForm, report } from '../builders.js';
import { seedDept } from '../seed-records.js';
import { ruleCases } from '../tester.js';

const dept = (income: Array<[string, string]>, executed = '951.90') =>
  report({ dept: deptForm({ budget: [['年度资金总额', '801.08', '951.90', executed, '10', '100%', '10']], byIncome: income }) });

export default ruleCases({
  rule,
  valid: [
    { name: 'seed: 885.94 + 0 + 0 + 65.96 = 951.90', report: report({ dept: seedDept() }) },
    { name: 'matches 全年预算数 when 执行数 differs', report: dept([['一般公共预算', '885.94'], ['其他资金', '65.96']], '900.00') },
  ],
  invalid: [
    {
      name: 'changed part: 一般公共预算 875.94',
      report: dept([['一般公共预算', '875.94'], ['政府性基金拨款', '0'], ['纳入专户管理的非税收入拨款', '0'], ['其他资金', '65.96']]),
      findings: [{ severity: 'error', values: [951.9, 941.9], part: '部门整体支出绩效自评表', messageIncludes: ['951.90', '941.9', '一般公共预算875.94'] }],
    },
  ],
});
