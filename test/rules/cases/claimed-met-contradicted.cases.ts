import { rule } from '../../../src/rules/claimed-met-contradicted.js';
import { projectForm, report } from '../builders.js';
import { ruleCases } from '../tester.js';
import { docOf, projectReportLines, withNarrative } from '../../narrative/helpers.js';

/** The 镜湖区残联 report (安徽, 2023): targets and actuals in prose, the claim in 总体绩效目标完成情况. */
const jinghu = (claim: string, fuel: string) =>
  projectReportLines('本项目为残疾人事业发展补助资金。', '2023年下达补助资金29.6万元。', claim, [
    `第二,资助接受托养服务人次数年初指标值为不低于105人,全年实际完成值116人。第三,发放残疾人机动轮椅车燃油补贴人次数年初指标值为不低于180人,全年实际完成值${fuel}。`,
  ]);
const bidding = (actual: string) =>
  projectForm({
    name: '招投标监督管理专项',
    table: 3,
    budget: [['年度资金总额', '5', '5', '5', '10', '100%', '10']],
    indicators: [['产出指标(30分)', '数量指标', '做好公开招投标项目监管', '16个', actual, '10', '10', '']],
  });
const biddingLines = (claim: string) => projectReportLines('本项目为招投标监督管理专项。', '2023年，市财政安排招投标监督管理专项资金5万元。', claim);
const caseOf = (name: string, lines: string[], projects = [] as ReturnType<typeof bidding>[]) => ({ name, report: withNarrative(report({ projects }), lines), document: docOf(lines) });

export default ruleCases({
  rule,
  valid: [
    caseOf('claim and every stated target met (116 ≥ 105, 180 ≥ 180)', jinghu('对照总体绩效目标,该资金项目已按照计划完成目标,完成质量较好。', '180人')),
    caseOf('a hedged claim is no claim (任务已基本完成)', jinghu('本项目任务已基本完成。', '164人')),
    caseOf('no claim, a target missed and explained', jinghu('燃油补贴因申领人数减少未达到目标。', '164人')),
    caseOf('the project table meets its target', biddingLines('已全部完成年度目标任务。'), [bidding('16个')]),
  ],
  invalid: [
    {
      ...caseOf('安徽 镜湖区残联: 已按照计划完成目标, but 燃油补贴 不低于180人 → 164人', jinghu('对照总体绩效目标,该资金项目已按照计划完成目标,完成质量较好。', '164人')),
      findings: [{ severity: 'warning', values: [164, 180], messageIncludes: ['已按照计划完成目标', '不低于180人', '164人'] }],
    },
    {
      ...caseOf('seed-like: 全部完成年度目标任务 while the table shows 15个 of 16个', biddingLines('已全部完成年度目标任务。'), [bidding('15个')]),
      findings: [{ severity: 'warning', values: [15, 16], messageIncludes: ['全部完成年度目标任务', '项目支出绩效自评表（招投标监督管理专项）', '16个', '15个'] }],
    },
  ],
});
