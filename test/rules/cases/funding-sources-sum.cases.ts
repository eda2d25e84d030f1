import { rule } from '../../../src/rules/funding-sources-sum.js';
import { projectForm, report } from '../builders.js';
import { seedQualityProject, seedWorkProject, seedBiddingProject } from '../seed-records.js';
import { ruleCases } from '../tester.js';

export default ruleCases({
  rule,
  valid: [
    { name: 'seed: 20 = 20 + 0 + 0; 5 = 5 + 0 + 0; 334.74 = 334.74 + 0 + 0', report: report({ projects: [seedQualityProject(), seedBiddingProject(), seedWorkProject()] }) },
    {
      name: 'rounding explains a cent: 100.01 vs 33.34 + 33.34 + 33.34',
      report: report({ projects: [projectForm({ name: '运行维护经费', budget: [['年度资金总额', '100.01', '100.01', '100.01'], ['其中：当年财政拨款', '33.34', '33.34', '33.34'], ['上年结转资金', '33.34', '33.34', '33.34'], ['其他资金', '33.34', '33.34', '33.34']] })] }),
    },
    {
      name: 'Sichuan sources (财政资金 + 财政专户管理资金 + 单位资金 + 其他资金)',
      report: report({ family: 'sichuan', projects: [projectForm({ name: '农村公路养护', budget: [['合计', '150', '160', '158.5'], ['财政资金', '100', '110', '108.5'], ['财政专户管理资金', '20', '20', '20'], ['单位资金', '30', '30', '30'], ['其他资金', '0', '0', '0']] })] }),
    },
  ],
  invalid: [
    {
      name: 'changed total: 年度资金总额 全年执行数 334.74 but sources add to 324.74',
      report: report({ projects: [projectForm({ name: '工作经费', budget: [['年度资金总额', '325', '334.74', '334.74', '10', '100%', '10'], ['其中：当年财政拨款', '325', '334.74', '324.74'], ['上年结转资金', '0', '0', '0'], ['其他资金', '0', '0', '0']] })] }),
      findings: [{ severity: 'error', values: [334.74, 324.74], part: '项目支出绩效自评表（工作经费）', messageIncludes: ['全年执行数', '334.74', '324.74'] }],
    },
    {
      name: 'a blank source row is listed as missing',
      report: report({ projects: [projectForm({ name: '运行维护经费', budget: [['年度资金总额', '50', '50', '50'], ['其中：当年财政拨款', '30', '30', '30'], ['上年结转资金', '', '', ''], ['其他资金', '0', '0', '0']] })] }),
      findings: [
        { severity: 'error', values: [50, 30], missing: ['上年结转资金'] },
        { severity: 'error', values: [50, 30] },
        { severity: 'error', values: [50, 30] },
      ],
    },
  ],
});
