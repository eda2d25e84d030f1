import { rule } from '../../../src/rules/basic-spending-split.js';
import { report, stat } from '../builders.js';
import { seedDept } from '../seed-records.js';
import { ruleCases } from '../tester.js';

const SENTENCE = '2023年基本支出数为592.17万元……其中人员经费572.61万元，公用经费19.56万元。';

export default ruleCases({
  rule,
  valid: [
    {
      name: 'seed: 592.17 = 572.61 + 19.56',
      report: report({ dept: seedDept(), statistics: [stat('p34:100', '人员经费', '572.61万元', SENTENCE, 34), stat('p34:113', '公用经费', '19.56万元', SENTENCE, 34)] }),
    },
    { name: 'no 人员经费 stated: nothing to check', report: report({ dept: seedDept(), statistics: [stat('p34:113', '公用经费', '19.56万元', SENTENCE, 34)] }) },
  ],
  invalid: [
    {
      name: '人员经费 changed to 562.61',
      report: report({ dept: seedDept(), statistics: [stat('p34:100', '人员经费', '562.61万元', SENTENCE, 34), stat('p34:113', '公用经费', '19.56万元', SENTENCE, 34)] }),
      findings: [{ severity: 'error', values: [592.17, 582.17], messageIncludes: ['基本支出', '592.17', '人员经费562.61万元'] }],
    },
  ],
});
