import { rule } from '../../../src/rules/prose-count-mismatch.js';
import { projectForm, report } from '../builders.js';
import { ruleCases } from '../tester.js';
import { deptReportLines, projectReportLines, withNarrative } from '../../narrative/helpers.js';

const bidding = () => projectForm({ name: '招投标监督管理专项', table: 3, budget: [['年度资金总额', '5', '5', '5', '10', '100%', '10']] });
const lines = (dept: string, project: string) => [
  ...deptReportLines([], [dept]),
  ...projectReportLines('本项目为招投标监督管理的工作经费开支。', '2023年，市财政安排招投标监督管理专项资金5万元。', '各项任务已完成。', [project]),
];

export default ruleCases({
  rule,
  valid: [
    { name: 'the same counts written in digits and in Chinese numerals', report: withNarrative(report({ projects: [bidding()] }), lines('依法依规处理投诉1个，举报1个。', '收到实名制举报和投诉质疑函各一件，均已回复。')) },
    { name: 'one shared noun alone is not the same fact (no other count agrees)', report: withNarrative(report({ projects: [bidding()] }), lines('依法依规处理投诉2个。', '收到投诉质疑函一件。')) },
    { name: 'different things counted', report: withNarrative(report({ projects: [bidding()] }), lines('开展专项检查11次，召开约谈会2次。', '开展标后稽查3次，召开培训会1次。')) },
  ],
  invalid: [
    {
      name: 'seed: 投诉2个，举报1个 (department report) vs 举报和投诉质疑函各一件 (招投标 report)',
      report: withNarrative(report({ projects: [bidding()] }), lines('依法依规处理投诉2个，举报1个。', '收到实名制举报和投诉质疑函各一件，我单位都依法进行了受理。')),
      findings: [{ severity: 'warning', values: [2, 1], part: '部门整体支出绩效自评报告', messageIncludes: ['投诉2个', '各一件', '共有词“投诉”', '举报1个'] }],
    },
  ],
});
