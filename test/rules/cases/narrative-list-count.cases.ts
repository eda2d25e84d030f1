import { rule } from '../../../src/rules/narrative-list-count.js';
import { report } from '../builders.js';
import { ruleCases } from '../tester.js';
import { deptReportLines, withNarrative } from '../../narrative/helpers.js';

const dept = (...performance: string[]) => withNarrative(report({}), deptReportLines([], performance));

export default ruleCases({
  rule,
  valid: [
    { name: 'seed: 分定期检查和不定期抽查两种形式', report: dept('对中标的建设工程进行施工现场检查，分定期检查和不定期抽查两种形式。') },
    { name: 'an open list (等) shorter than the count', report: dept('开展3项专项整治（招投标整治、混凝土整治等）。') },
    { name: 'a bracketed list of the announced length', report: dept('开展3项专项整治（招投标整治、混凝土整治、扬尘整治）。') },
  ],
  invalid: [
    {
      name: 'three forms listed, two announced',
      report: dept('分定期检查、不定期抽查和专项检查两种形式。'),
      findings: [{ severity: 'warning', values: [2, 3], messageIncludes: ['两种', '3项'] }],
    },
    {
      name: 'a bracketed list shorter than announced',
      report: dept('开展3项专项整治（招投标整治、混凝土整治）。'),
      findings: [{ severity: 'warning', values: [3, 2], messageIncludes: ['3项', '2项'] }],
    },
  ],
});
