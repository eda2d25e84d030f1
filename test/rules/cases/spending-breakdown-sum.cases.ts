import { rule } from '../../../src/rules/spending-breakdown-sum.js';
import { deptForm, report } from '../builders.js';
import { seedDept } from '../seed-records.js';
import { ruleCases } from '../tester.js';

const dept = (spending: Array<[string, string]>) =>
  report({ dept: deptForm({ budget: [['年度资金总额', '801.08', '951.90', '951.90', '10', '100%', '10']], bySpending: spending }) });

export default ruleCases({
  rule,
  valid: [
    { name: 'seed: 592.17 + 359.73 = 951.90', report: report({ dept: seedDept() }) },
    { name: 'rounding: 592.17 + 359.74 = 951.91 vs 951.90 is within ±0.015', report: dept([['基本支出', '592.17'], ['项目支出', '359.74']]) },
  ],
  invalid: [
    {
      name: '592.17 + 349.73 ≠ 951.90',
      report: dept([['基本支出', '592.17'], ['项目支出', '349.73']]),
      findings: [{ severity: 'error', values: [951.9, 941.9], messageIncludes: ['基本支出592.17', '项目支出349.73'] }],
    },
    {
      name: 'an approximate part ("约349.73") makes the conflict info',
      report: dept([['基本支出', '592.17'], ['项目支出', '约349.73']]),
      findings: [{ severity: 'info', values: [951.9, 941.9], messageIncludes: ['含约数'] }],
    },
  ],
});
