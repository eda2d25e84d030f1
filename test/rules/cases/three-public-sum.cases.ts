import { rule } from '../../../src/rules/three-public-sum.js';
import { report } from '../builders.js';
import { seedBasicData, SEED_SPENDING } from '../seed-records.js';
import { ruleCases } from '../tester.js';
import type { SpendingSpec } from '../builders.js';

const withRows = (patch: Record<string, [string, string, string]>): SpendingSpec[] =>
  SEED_SPENDING.map((r) => (patch[r[0]] ? [r[0], ...patch[r[0]], r[4], r[5]] as SpendingSpec : r));

export default ruleCases({
  rule,
  valid: [
    {
      name: 'seed rows with the total filled: 0.12 = 0 + 0 + 0.12; 5.8 = 0 + 0 + 5.8',
      report: report({ basicData: seedBasicData(withRows({ '“三公”经费': ['0.12', '5.8', '0'] })) }),
    },
    {
      name: 'integer total in a two-decimal column: "6" = 0.20 + 5.80',
      report: report({ basicData: seedBasicData(withRows({ '“三公”经费': ['0.12', '6', '0'], '2、出国经费': ['0', '0.2', '0'] })) }),
    },
  ],
  invalid: [
    {
      name: 'seed: the 三公 total row is blank while 公务接待 is filled',
      report: report({ basicData: seedBasicData() }),
      findings: [{ severity: 'warning', values: [0.12, 5.8, 0], messageIncludes: ['“三公”经费', '未填', '0.12'], missing: ['2022年决算数'] }],
    },
    {
      name: 'changed total: 2023年预算数 6.8 vs 5.8; vehicle 1.5 ≠ 1 + 0',
      report: report({
        basicData: seedBasicData(withRows({ '“三公”经费': ['0.12', '6.8', '0'], '1、公务用车购置和维护经费': ['0', '1.5', '0'], '其中：公车购置': ['0', '1', '0'] })),
      }),
      findings: [
        { severity: 'error', values: [6.8, 7.3], messageIncludes: ['2023年预算数', '6.8'] },
        { severity: 'error', values: [1.5, 1], messageIncludes: ['公务用车购置和维护经费'] },
      ],
    },
  ],
});
