import { rule } from '../../../src/rules/three-public-change-rate.js';
import { basicData, report } from '../builders.js';
import { ruleCases } from '../tester.js';

const rows = (rate: string, label = '“三公”经费变动率') =>
  report({
    basicData: basicData({
      spending: [
        ['“三公”经费', '10.00', '9.00', '8.00', 'three-public'],
        [label, '', '', rate, 'other', '“三公”经费'],
      ],
    }),
  });

export default ruleCases({
  rule,
  valid: [
    { name: '(8 − 10) ÷ 10 = −20%', report: rows('-20%') },
    { name: '下降率 20% for a fall from 10 to 8', report: rows('20%', '“三公”经费下降率') },
    { name: 'no change-rate row: nothing to check', report: report({ basicData: basicData({ spending: [['“三公”经费', '10.00', '9.00', '8.00', 'three-public']] }) }) },
  ],
  invalid: [
    {
      name: 'printed −25% for a fall from 10 to 8',
      report: rows('-25%'),
      findings: [{ severity: 'error', values: [-25, -20], messageIncludes: ['-25%', '-20.00%'] }],
    },
  ],
});
