import { rule } from '../../../src/rules/figure-mismatch.js';
import { basicData, deptForm, projectForm, report } from '../builders.js';
import { ruleCases } from '../tester.js';
import { deptReportLines, projectReportLines, withNarrative } from '../../narrative/helpers.js';

const workFunds = () =>
  projectForm({ name: '工作经费', table: 4, budget: [['年度资金总额', '325', '334.74', '334.74', '10', '100%', '10']] });
const workReport = (completion: string) =>
  projectReportLines(
    '为建设工程招投标监督管理、建筑工程质量安全监管等工作经费支出。',
    '2023年项目资金334.74万元，全部为财政拨款资金。',
    completion,
  );
const villagePlanning = () =>
  projectForm({ name: '村级规划编制补助资金', table: 4, budget: [['年度资金总额', '127.96', '127.96', '120.50', '10', '94.17%', '9.42']] });
/** The generator's wording: the report names its own project instead of 本项目 / 项目资金. */
const villageReport = (budget: string) =>
  projectReportLines('为村级规划编制提供补助。', `2023年，财政安排村级规划编制补助资金${budget}万元，截止2023年12月31日，项目支出120.50万元，执行率94.17%。`, '各项任务基本完成。');
const deptWithSpending = (basic: string, project: string) =>
  deptForm({ budget: [['年度资金总额', '801.08', '951.90', '951.90', '10', '100%', '10']], bySpending: [['其中：基本支出', basic], ['项目支出', project]] });

export default ruleCases({
  rule,
  valid: [
    {
      name: 'seed 工作经费 restated exactly: 334.74 in the report and in its table',
      report: withNarrative(report({ projects: [workFunds()] }), workReport('本项目全年支出334.74万元，任务已基本完成。')),
    },
    {
      name: 'a rounded restatement at lower precision: 335万元 stands for [334.5, 335.5] ∋ 334.74',
      report: withNarrative(report({ projects: [workFunds()] }), workReport('本项目全年支出335万元，任务已基本完成。')),
    },
    {
      name: 'an approximate restatement (约) is B3 business, not B1',
      report: withNarrative(report({ projects: [workFunds()] }), workReport('本项目全年支出约334万元。')),
    },
    {
      name: 'a project report names its own project and restates its 全年预算数 exactly',
      report: withNarrative(report({ projects: [villagePlanning()] }), villageReport('127.96')),
    },
    {
      name: 'the same sentence in the department report and a project report with other counts: two subjects (department, project), not one fact',
      report: withNarrative(report({ projects: [workFunds()] }), [
        ...deptReportLines([], ['全年组织业务培训119场次，干部职工业务能力明显提升。']),
        ...workReport('本项目全年支出334.74万元。'),
        '全年组织业务培训107场次，干部职工业务能力明显提升。',
      ]),
    },
    {
      name: 'the department\'s 项目支出 (all projects) and one project report\'s 项目支出 are different facts',
      report: withNarrative(report({ dept: deptWithSpending('592.17', '359.74'), projects: [workFunds()] }), [
        ...deptReportLines(['2023年项目支出数为359.74万元。']),
        ...workReport('截止2023年12月31日，项目支出334.74万元。'),
      ]),
    },
    {
      name: 'seed 基本支出 592.17 agrees with 按支出性质分',
      report: withNarrative(report({ dept: deptWithSpending('592.17', '359.74') }), deptReportLines(['2023年基本支出数为592.17万元，是指各项支出。', '2023年项目支出数为359.74万元。'])),
    },
  ],
  invalid: [
    {
      name: 'seed: 本项目全年支出334.73万元 vs 全年执行数 334.74',
      report: withNarrative(report({ projects: [workFunds()] }), workReport('本项目全年支出334.73万元，任务已基本完成。')),
      findings: [
        {
          severity: 'error',
          values: [334.73, 334.74],
          part: '项目支出绩效评价报告（工作经费）',
          messageIncludes: ['工作经费项目支出绩效评价报告', '全年支出334.73万元', '全年执行数334.74万元', '不一致'],
          expected: '334.74万元',
          observed: '334.73万元',
        },
      ],
    },
    {
      name: 'seed: 部门报告 项目支出359.74万元 vs 按支出性质分 项目支出 359.73',
      report: withNarrative(report({ dept: deptWithSpending('592.17', '359.73') }), deptReportLines(['2023年项目支出数为359.74万元，包括有关业务工作经费和运行维护经费。'])),
      findings: [{ severity: 'error', values: [359.74, 359.73], part: '部门整体支出绩效自评报告', messageIncludes: ['项目支出359.74万元', '按支出性质分项目支出359.73'] }],
    },
    {
      name: 'a fuzzy name link (质量安全监管专项项目 ~ 质量安全监督管理专项) disagreeing is a warning',
      report: withNarrative(
        report({ basicData: basicData({ spending: [['质量安全监督管理专项', '', '5', '5', 'project-item', '3、县级专项资金']] }) }),
        deptReportLines(['2023年项目支出数为25万元。其中：质量安全监管专项项目20万元，招投标监督管理专项项目5万元。']),
      ),
      findings: [{ severity: 'warning', values: [20, 5], messageIncludes: ['质量安全监管专项项目20万元', '质量安全监督管理专项', '关联置信度'] }],
    },
    {
      name: 'a copied paragraph (two other figures repeated unchanged) with one figure changed: error',
      report: withNarrative(report({ projects: [workFunds()] }), [
        ...deptReportLines([], ['全年共开展专项检查11次，共下发隐患整改通知书232份、停工整改通知书45份。']),
        ...workReport('本项目全年支出334.74万元。'),
        '全年共开展专项检查12次，共下发隐患整改通知书232份、停工整改通知书45份。',
      ]),
      findings: [{ severity: 'error', values: [11, 12], messageIncludes: ['全年共开展专项检查11次', '全年共开展专项检查12次'] }],
    },
    {
      name: 'one report, two sections, the same sentence pattern with other counts and no repeated figure (maybe a template): warning',
      report: withNarrative(
        report({ projects: [workFunds()] }),
        deptReportLines(['全年组织业务培训119场次，干部职工业务能力明显提升。'], ['全年组织业务培训107场次，干部职工业务能力明显提升。']),
      ),
      findings: [{ severity: 'warning', values: [119, 107], messageIncludes: ['可能为套用句式'] }],
    },
    {
      name: 'a project report names its own project: 财政安排村级规划编制补助资金128.06万元 vs 全年预算数 127.96',
      report: withNarrative(report({ projects: [villagePlanning()] }), villageReport('128.06')),
      findings: [{ severity: 'error', values: [128.06, 127.96], part: '项目支出绩效评价报告（村级规划编制补助资金）', messageIncludes: ['128.06万元', '全年预算数127.96万元'] }],
    },
  ],
});
