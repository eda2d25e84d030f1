import { rule } from '../../../src/rules/cross-part-total-parts.js';
import { basicData, report } from '../builders.js';
import { ruleCases } from '../tester.js';
import { deptReportLines, withNarrative } from '../../narrative/helpers.js';

/** The seed's 基础数据表 公用经费 block: the parent row blank, its 其中 lines filled. */
const basic = (office = '7.88', utilities = '23.16', meetings = '1.69') =>
  basicData({
    spending: [
      ['公用经费', '', '', '', 'public'],
      ['其中：办公经费', '4.09', '6.96', office, 'office', '公用经费'],
      ['水费、电费、差旅费', '12.57', '16.24', utilities, 'other', '公用经费'],
      ['会议费、培训费', '3.09', '5.8', meetings, 'other', '公用经费'],
    ],
  });
const prose = (publicFunds: string) =>
  deptReportLines([`2023年基本支出数为592.17万元，其中人员经费572.61万元，公用经费${publicFunds}万元。`]);

export default ruleCases({
  rule,
  valid: [
    { name: '其中 lines below the whole (a partial list)', report: withNarrative(report({ basicData: basic('7.88', '9.99', '1.69') }), prose('19.56')) },
    { name: "the seed's true split 592.17 = 572.61 + 19.56 with lines that fit", report: withNarrative(report({ basicData: basic('7.88', '10', '1.68') }), prose('19.56')) },
    { name: 'within rounding (19.56 vs 19.565)', report: withNarrative(report({ basicData: basic('7.885', '10', '1.68') }), prose('19.56')) },
    { name: 'no prose whole', report: report({ basicData: basic() }) },
  ],
  invalid: [
    {
      name: 'seed: 公用经费 19.56万元 in the department report, its lines 7.88 + 23.16 + 1.69 = 32.73 in the 基础数据表',
      report: withNarrative(report({ basicData: basic() }), prose('19.56')),
      findings: [{ severity: 'warning', values: [19.56, 32.73], part: '部门整体支出绩效自评报告', messageIncludes: ['公用经费19.56万元', '32.73', '配对依据', '度量名称相同'], params: ['pairConfidence', 'pairReasons'] }],
    },
  ],
});
