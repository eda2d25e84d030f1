import { rule } from '../../../src/rules/grade-band-mismatch.js';
import { projectForm, report } from '../builders.js';
import { ruleCases } from '../tester.js';
import { projectReportLines, withNarrative } from '../../narrative/helpers.js';

const work = (score: string) =>
  projectForm({
    name: '工作经费',
    table: 4,
    budget: [['年度资金总额', '325', '334.74', '334.74', '10', '100%', '10']],
    indicators: [
      ['产出指标(50分)', '数量指标', '办理项目竣工验收', '60个', '60个', '50', '50'],
      ['效益指标(40分)', '社会效益指标', '建筑市场平稳有序发展', '95%以上', '95%以上', '40', String(Number(score) - 60)],
    ],
    total: ['100', score],
  });
const lines = (completion: string, more: string[] = []) => projectReportLines('本项目为工作经费。', '2023年，市财政安排工作经费334.74万元。', completion, more);
const graded = (score: string, completion: string, more: string[] = []) => withNarrative(report({ projects: [work(score)] }), lines(completion, more));

export default ruleCases({
  rule,
  valid: [
    { name: 'the grade is the band of the score in its sentence', report: graded('85', '经自评，该项目自评得分85分，评价等级为“良”。') },
    { name: '90 is 优 (90（含）)', report: graded('90', '经自评，该项目自评得分90分，评价等级为“优”。') },
    { name: 'four-tier words: 74.05 is 合格', report: graded('74.05', '项目绩效自评得分74.05分，等级为合格。') },
    { name: 'grade alone, the form’s 总分 得分 in its band', report: graded('92', '经自评，该项目评价等级为“优”。') },
    { name: 'a tally is no grade', report: graded('85', '本次共评价项目5个，评价等级为“优”的项目3个。') },
    { name: 'last year’s grade is not this year’s', report: graded('85', '经自评，该项目自评得分85分；上年度评价等级为“优”。') },
    {
      name: 'the report’s own bands govern (85 is 优秀 under “85分以上为优秀”)',
      report: graded('85', '经自评，该项目自评得分85分，评价等级为“优秀”。', ['评分标准：85分（含）以上为优秀，70（含）-85分为良好，60（含）-70分为合格，60分以下为不合格。']),
    },
    {
      // v2 (held-out M, 南川 2019 重点绩效评价结果): the finance bureau had a third party evaluate; its grade, with no score in
      // its sentence, is not the unit's to hold against the unit's own form (总分 85)
      name: 'another evaluator’s grade is not held against the unit’s own form (财政局委托第三方机构…开展了重点绩效评价)',
      report: withNarrative(
        report({ projects: [work('85')] }),
        projectReportLines('市财政局委托第三方机构对本项目开展了重点绩效评价，绩效评价报告（摘要）如下。', '2023年，市财政安排工作经费334.74万元。', '经评价，该项目评价等级为“优”。'),
      ),
    },
  ],
  invalid: [
    {
      name: 'a score clearly in another band',
      report: graded('85', '经自评，该项目自评得分85分，评价等级为“优”。'),
      findings: [{ severity: 'warning', values: [85], messageIncludes: ['85分', '应为“良”', '写为“优”'] }],
    },
    {
      name: 'the grade alone against the form’s 总分 得分',
      report: graded('72', '经自评，该项目评价等级为“良”。'),
      findings: [{ severity: 'warning', values: [72], messageIncludes: ['总分得分', '应为“中”', '写为“良”'] }],
    },
    {
      name: 'a score at a band edge (90 with 良) is info',
      report: graded('90', '经自评，该项目自评得分90分，评价等级为“良”。'),
      findings: [{ severity: 'info', values: [90], messageIncludes: ['应为“优”', '请核对'] }],
    },
    {
      name: 'the report’s own bands: 80 is 良好 under them, 优秀 written',
      report: graded('80', '经自评，该项目自评得分80分，评价等级为“优秀”。', ['评分标准：85分（含）以上为优秀，70（含）-85分为良好，60（含）-70分为合格，60分以下为不合格。']),
      findings: [{ severity: 'warning', values: [80], messageIncludes: ['按报告所列分档', '应为“良好”'] }],
    },
  ],
});
