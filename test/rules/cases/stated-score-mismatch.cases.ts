import { rule } from '../../../src/rules/stated-score-mismatch.js';
import { projectForm, report } from '../builders.js';
import { ruleCases } from '../tester.js';
import { projectReportLines, withNarrative } from '../../narrative/helpers.js';

const work = (total: [string, string] | null, scores: [string, string] = ['10', '10']) =>
  projectForm({
    name: '工作经费',
    table: 4,
    budget: [['年度资金总额', '325', '334.74', '334.74', '10', '100%', '10']],
    indicators: [
      ['产出指标(50分)', '数量指标', '办理项目竣工验收', '60个', '60个', '50', scores[0]],
      ['效益指标(40分)', '社会效益指标', '建筑市场平稳有序发展', '95%以上', '95%以上', '40', scores[1]],
    ],
    total,
  });
const lines = (score: string) => projectReportLines('本项目为工作经费。', '2023年，市财政安排工作经费334.74万元。', `经自评，该项目总得分${score}分。`);

export default ruleCases({
  rule,
  valid: [
    { name: 'the stated score is the printed 总分 得分', report: withNarrative(report({ projects: [work(['100', '99.5'])] }), lines('99.5')) },
    { name: 'written at another precision (99.5 vs 99.50)', report: withNarrative(report({ projects: [work(['100', '99.50'])] }), lines('99.5')) },
    { name: '总分 得分 blank: the printed scores add up to the stated score', report: withNarrative(report({ projects: [work(['100', ''], ['50', '39.5'])] }), lines('99.5')) },
  ],
  invalid: [
    {
      name: 'the stated total differs from the printed 总分 得分',
      report: withNarrative(report({ projects: [work(['100', '99.5'])] }), lines('95')),
      findings: [{ severity: 'warning', values: [95, 99.5], messageIncludes: ['总得分95分', '99.5'] }],
    },
    {
      name: '总分 得分 blank and the printed scores cannot reach the stated total',
      report: withNarrative(report({ projects: [work(['100', ''], ['50', '30'])] }), lines('99.5')),
      findings: [{ severity: 'warning', values: [99.5, 90], messageIncludes: ['各项得分之和为90分'] }],
    },
  ],
});
