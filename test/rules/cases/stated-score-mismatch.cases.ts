import { rule } from '../../../src/rules/stated-score-mismatch.js';
import { fact, projectForm, report } from '../builders.js';
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
/** The score printed at the form's head (自评得分 | 98, 宁夏 / 重庆) with its 总分 row's 得分 blank. */
const headed = (head: string, scores: [string, string]) => {
  const form = work(['100', ''], scores);
  return { ...form, headScore: fact(head, { part: form.part, table: 4, row: 0, col: 7 }) };
};
const lines = (score: string) => projectReportLines('本项目为工作经费。', '2023年，市财政安排工作经费334.74万元。', `经自评，该项目总得分${score}分。`);

export default ruleCases({
  rule,
  valid: [
    { name: 'the stated score is the printed 总分 得分', report: withNarrative(report({ projects: [work(['100', '99.5'])] }), lines('99.5')) },
    { name: 'written at another precision (99.5 vs 99.50)', report: withNarrative(report({ projects: [work(['100', '99.50'])] }), lines('99.5')) },
    { name: '总分 得分 blank: the printed scores add up to the stated score', report: withNarrative(report({ projects: [work(['100', ''], ['50', '39.5'])] }), lines('99.5')) },
    { name: '总分 得分 blank: the stated score is the one printed at the form’s head', report: withNarrative(report({ projects: [headed('99.5', ['50', '39.5'])] }), lines('99.5')) },
    // one cause, one finding: the prose and the items agree, the form's own total is the odd one (total-score reports it)
    { name: 'the printed 总分 得分 is off its items and the stated score is their sum', report: withNarrative(report({ projects: [work(['100', '95'], ['50', '39.5'])] }), lines('99.5')) },
    { name: 'the head score is off the items and the stated score is their sum', report: withNarrative(report({ projects: [headed('95', ['50', '39.5'])] }), lines('99.5')) },
  ],
  invalid: [
    {
      name: 'the stated total differs from the printed 总分 得分',
      report: withNarrative(report({ projects: [work(['100', '99.5'])] }), lines('95')),
      findings: [{ severity: 'warning', values: [95, 99.5], messageIncludes: ['总得分95分', '99.5'] }],
    },
    {
      name: '总分 得分 blank: the stated total differs from the score printed at the form’s head',
      report: withNarrative(report({ projects: [headed('99.5', ['50', '39.5'])] }), lines('95')),
      findings: [{ severity: 'warning', values: [95, 99.5], messageIncludes: ['总得分95分', '表头自评得分为99.5'] }],
    },
    {
      name: '总分 得分 blank and the printed scores cannot reach the stated total',
      report: withNarrative(report({ projects: [work(['100', ''], ['50', '30'])] }), lines('99.5')),
      findings: [{ severity: 'warning', values: [99.5, 90], messageIncludes: ['各项得分之和为90分'] }],
    },
  ],
});
