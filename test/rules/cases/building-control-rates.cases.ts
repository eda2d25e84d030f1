import { rule } from '../../../src/rules/building-control-rates.js';
import { basicData, report } from '../builders.js';
import { seedBasicData } from '../seed-records.js';
import { ruleCases } from '../tester.js';

export default ruleCases({
  rule,
  valid: [
    { name: 'seed: all zero, skipped', report: report({ basicData: seedBasicData() }) },
    { name: '1180 ÷ 1200 = 98.33%; 950 ÷ 1000 = 95%', report: report({ basicData: basicData({ buildings: ['1200', '1180', '98.33%', '1000', '950', '95%'] }) }) },
  ],
  invalid: [
    {
      name: 'investment control rate printed 90% for 950 ÷ 1000',
      report: report({ basicData: basicData({ buildings: ['1200', '1180', '98.33%', '1000', '950', '90%'] }) }),
      findings: [{ severity: 'error', values: [90, 95], messageIncludes: ['投资概算控制率', '90%', '95.00%'] }],
    },
  ],
});
