import { rule } from '../../../src/rules/staffing-control-rate.js';
import { basicData, report } from '../builders.js';
import { ruleCases } from '../tester.js';

const staffing = (s: [string, string, string]) => report({ basicData: basicData({ staffing: s }) });

export default ruleCases({
  rule,
  valid: [
    { name: 'seed: 59 ÷ 61 = 96.72%', report: staffing(['61', '59', '96.72%']) },
    { name: 'rounded to one decimal: 96.7%', report: staffing(['61', '59', '96.7%']) },
    { name: 'blank rate: nothing to compare', report: staffing(['61', '59', '']) },
  ],
  invalid: [
    {
      name: 'changed rate: 59 ÷ 61 printed 97.72%',
      report: staffing(['61', '59', '97.72%']),
      findings: [{ severity: 'error', values: [97.72, 96.72], part: '部门整体支出绩效评价基础数据表', messageIncludes: ['97.72%', '59', '61', '96.72%'] }],
    },
    {
      name: 'over the establishment: 63 of 61 (103.28%) is info',
      report: staffing(['61', '63', '103.28%']),
      findings: [{ severity: 'info', values: [63, 61] }],
    },
  ],
});
