import { rule } from '../../../src/rules/approximate-restatement.js';
import { projectForm, report } from '../builders.js';
import { ruleCases } from '../tester.js';
import { deptReportLines, projectReportLines, withNarrative } from '../../narrative/helpers.js';

const quality = () => projectForm({ name: '质量安全监督管专项', table: 2, budget: [['年度资金总额', '20', '20', '20', '10', '100%', '10']] });
const lines = (deptCount: string, projectCount: string) => [
  ...deptReportLines([], [`委托第三方专业检测机构开展了4次全覆盖监督比对检测，检测中共发现安全隐患${deptCount}处，强制拆除1台。`]),
  ...projectReportLines(
    '本项目为住建领域质量安全监管工作开展专项资金。',
    '2023年，市财政安排质量安全监督管理专项资金20万元。',
    '已全部完成任务。',
    [`全年委托第三方专业检测机构进行了4次全覆盖监督比对检测，检测中共发现安全隐患${projectCount}处，强制拆除1台。`],
  ),
];

export default ruleCases({
  rule,
  valid: [
    { name: 'the same approximate figure in both places (930余处)', report: withNarrative(report({ projects: [quality()] }), lines('930余', '930余')) },
    { name: 'exact restatements are figure-mismatch business', report: withNarrative(report({ projects: [quality()] }), lines('930', '932')) },
  ],
  invalid: [
    {
      name: 'seed: 930余处 in the department report vs 932余处 in the 质量安全 project report',
      report: withNarrative(report({ projects: [quality()] }), lines('930余', '932余')),
      findings: [{ severity: 'warning', values: [930, 932], part: '部门整体支出绩效自评报告', messageIncludes: ['930余处', '932余处', '质量安全监督管专项项目支出绩效评价报告'] }],
    },
  ],
});
