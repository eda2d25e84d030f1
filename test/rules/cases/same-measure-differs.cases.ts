import { rule } from '../../../src/rules/same-measure-differs.js';
import { basicData, deptForm, projectForm, report, type SpendingSpec } from '../builders.js';
import { seedBasicData, seedDept } from '../seed-records.js';
import { ruleCases } from '../tester.js';

const dept = (actual: string) =>
  deptForm({ indicators: [['产出指标(30分)', '质量指标', '公开招投标项目监管服务满意率', '95%以上', actual, '1', '1', '']] });
const bidding = (actual: string, name = '公开招投标项目监管服务满意度') =>
  projectForm({ name: '招投标监督管理专项', table: 3, indicators: [['产出指标(30分)', '质量指标', name, '95%以上', actual, '10', '10', '']] });
const money = (name: string, table: number, actual: string) =>
  projectForm({ name, table, indicators: [['成本指标(20分)', '经济成本指标', '控制成本，多干实事', actual, actual, '10', '10', '']] });

/** hn-hengshan-guantang-2023: the 基础数据表's 项目支出 and 公用经费 rows, and its form's 按支出性质分. */
const ROWS: SpendingSpec[] = [
  ['项目支出:', '874.20', '308.17', '1025.20', 'project'],
  ['公用经费', '118.31', '85.76', '193.42', 'public'],
];
const spending = (project: string, year = 2023) =>
  deptForm({ table: 2, year, budget: [['年度资金总额', '861.10', '2030.12', '2030.12', '10', '100%', '10']], bySpending: [['其中:基本支出', '900.47'], ['项目支出', project]] });

export default ruleCases({
  rule,
  valid: [
    { name: 'the same actual in both tables', report: report({ dept: dept('100%'), projects: [bidding('100%')] }) },
    { name: 'different indicators', report: report({ dept: dept('100%'), projects: [bidding('95%', '群众满意度')] }) },
    { name: "each project's own cost is its own fact (20万元 vs 5万元)", report: report({ projects: [money('质量安全监督管专项', 2, '20万元'), money('招投标监督管理专项', 3, '5万元')] }) },
    { name: 'hengshan: 项目支出 1025.20 in the 基础数据表 and in the form’s 按支出性质分', report: report({ basicData: basicData({ spending: ROWS }), dept: spending('1025.20') }) },
    { name: 'hengshan: 1025.2 (a zero left off) is 1025.20', report: report({ basicData: basicData({ spending: ROWS }), dept: spending('1025.2') }) },
    { name: 'seed: the 基础数据表 leaves 项目支出 blank (its fund rows filled): E5’s business', report: report({ basicData: seedBasicData(), dept: seedDept() }) },
    { name: 'two years: the 2022 基础数据表 against the 2023 form', report: report({ basicData: basicData({ year: 2022, spending: ROWS }), dept: spending('1127.72') }) },
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
    {
      name: 'hengshan: the form’s 按支出性质分 项目支出 changed to 1127.72 — one warning, the 基础数据表 first',
      report: report({ basicData: basicData({ spending: ROWS }), dept: spending('1127.72') }),
      findings: [{ severity: 'warning', values: [1025.2, 1127.72], messageIncludes: ['项目支出', '2023年决算数1025.20万元', '按支出性质分项目支出1127.72万元', '配对依据：度量名称相同（“项目支出”）'] }],
    },
  ],
});
