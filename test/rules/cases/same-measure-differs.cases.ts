import { rule } from '../../../src/rules/same-measure-differs.js';
import { deptForm, projectForm, report } from '../builders.js';
import { ruleCases } from '../tester.js';

const dept = (actual: string) =>
  deptForm({ indicators: [['产出指标(30分)', '质量指标', '公开招投标项目监管服务满意率', '95%以上', actual, '1', '1', '']] });
const bidding = (actual: string, name = '公开招投标项目监管服务满意度') =>
  projectForm({ name: '招投标监督管理专项', table: 3, indicators: [['产出指标(30分)', '质量指标', name, '95%以上', actual, '10', '10', '']] });
const money = (name: string, table: number, actual: string) =>
  projectForm({ name, table, indicators: [['成本指标(20分)', '经济成本指标', '控制成本，多干实事', actual, actual, '10', '10', '']] });

export default ruleCases({
  rule,
  valid: [
    { name: 'the same actual in both tables', report: report({ dept: dept('100%'), projects: [bidding('100%')] }) },
    { name: 'different indicators', report: report({ dept: dept('100%'), projects: [bidding('95%', '群众满意度')] }) },
    { name: "each project's own cost is its own fact (20万元 vs 5万元)", report: report({ projects: [money('质量安全监督管专项', 2, '20万元'), money('招投标监督管理专项', 3, '5万元')] }) },
  ],
  invalid: [
    {
      name: 'seed: 满意率 100% in the 部门整体 table, 满意度 95%以上 in the 招投标 project table',
      report: report({ dept: dept('100%'), projects: [bidding('95%以上')] }),
      findings: [{ severity: 'warning', values: [100, 95], part: '部门整体支出绩效自评表', messageIncludes: ['100%', '95%以上', '项目支出绩效自评表（招投标监督管理专项）', '配对依据'] }],
    },
    {
      name: 'only less precise (95% vs 95%以上): info',
      report: report({ dept: dept('95%'), projects: [bidding('95%以上')] }),
      findings: [{ severity: 'info', values: [95, 95], messageIncludes: ['仅精度或限定词不同'] }],
    },
  ],
});
