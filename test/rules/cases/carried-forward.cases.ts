import { rule } from '../../../src/rules/carried-forward.js';
import { basicData, report } from '../builders.js';
import { seedBasicData } from '../seed-records.js';
import { ruleCases } from '../tester.js';

export default ruleCases({
  rule,
  valid: [
    { name: 'zeros across years are not suspicious', report: report({ basicData: basicData({ spending: [['2、出国经费', '0', '0', '0']] }) }) },
    { name: 'this year’s budget = this year’s final is normal', report: report({ basicData: basicData({ spending: [['质量安全监督管理专项', '', '5', '5', 'project-item']] }) }) },
  ],
  invalid: [
    {
      name: 'seed: 政府采购金额 59.7 in 2022 and 2023 决算',
      report: report({ basicData: seedBasicData() }),
      findings: [{ severity: 'info', values: [59.7, 59.7], messageIncludes: ['政府采购金额', '2022年决算数', '2023年决算数', '59.7'] }],
    },
  ],
});
