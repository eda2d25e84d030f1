import { rule } from '../../../src/rules/execution-rate.js';
import { deptForm, projectForm, report } from '../builders.js';
import { ruleCases } from '../tester.js';

export default ruleCases({
  rule,
  valid: [
    {
      name: 'seed 部门整体: 951.90 ÷ 951.90 = 100%',
      report: report({ dept: deptForm({ budget: [['年度资金总额', '801.08', '951.90', '951.90', '10', '100%', '10']] }) }),
    },
    {
      name: 'rounded rate 86% for 86.4%',
      report: report({ projects: [projectForm({ name: '业务工作经费', budget: [['年度资金总额', '100', '125.00', '108.00', '10', '86%', '8.64']] })] }),
    },
    {
      name: 'rounding explains a rate at the boundary: 2 ÷ 3 printed 66.67%',
      report: report({ projects: [projectForm({ name: '运行维护经费', budget: [['年度资金总额', '3', '3', '2', '10', '66.67%', '6.67']] })] }),
    },
    {
      name: 'a source row with nothing budgeted prints 0.0% (the template\'s filler): not checked',
      report: report({ projects: [projectForm({ name: '城镇建设管理', budget: [['年度资金总额', '14500', '14500', '14500', '10', '100.0%', '10'], ['其中:当年财政拨款', '', '', '', '-', '0.0%', '-'], ['其他资金', '14500', '14500', '', '-', '0.0%', '-']] })] }),
    },
    {
      name: 'source rows whose rates hold (0.58 ÷ 0.58, 1.8 ÷ 1.8 printed 100)',
      report: report({ projects: [projectForm({ name: '自然资源业务支出项目', budget: [['年度资金总额', '0', '2.38', '2.38', '10', '100', '10'], ['其中:财政拨款', '0', '0.58', '0.58', '——', '100', '——'], ['其他资金', '0', '1.8', '1.8', '——', '100', '——']] })] }),
    },
    {
      name: 'blank rate is not this rule\'s business (required-cells)',
      report: report({ projects: [projectForm({ name: '工作经费', budget: [['年度资金总额', '325', '334.74', '334.74', '10', '', '10']] })] }),
    },
  ],
  invalid: [
    {
      name: 'changed rate: 334.74 ÷ 334.74 printed 95%',
      report: report({ projects: [projectForm({ name: '工作经费', budget: [['年度资金总额', '325', '334.74', '334.74', '10', '95%', '10']] })] }),
      findings: [
        {
          severity: 'error',
          values: [95, 100],
          part: '项目支出绩效自评表（工作经费）',
          messageIncludes: ['执行率', '95%', '334.74', '100.00%'],
          expected: '100.00%',
          observed: '95%',
        },
      ],
    },
    {
      name: '巴彦淖尔 甘其毛都 2024: 其他资金 1.8 of 1.8 printed 0 (the total row holds)',
      report: report({ projects: [projectForm({ name: '自然资源业务支出项目', budget: [['年度资金总额', '0', '2.38', '2.38', '10', '100', '10'], ['其中:财政拨款', '0', '0.58', '0.58', '——', '100', '——'], ['其他资金', '0', '1.8', '1.8', '——', '0', '——']] })] }),
      findings: [{ severity: 'error', values: [0, 100], part: '项目支出绩效自评表（自然资源业务支出项目）', messageIncludes: ['其他资金', '1.8'] }],
    },
    {
      name: 'changed executed amount: 900.00 ÷ 951.90 printed 100%',
      report: report({ dept: deptForm({ budget: [['年度资金总额', '801.08', '951.90', '900.00', '10', '100%', '10']] }) }),
      findings: [{ severity: 'error', values: [100, 94.55], part: '部门整体支出绩效自评表' }],
    },
  ],
});
