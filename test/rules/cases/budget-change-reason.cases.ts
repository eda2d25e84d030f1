import { rule } from '../../../src/rules/budget-change-reason.js';
import { projectForm, report } from '../builders.js';
import { seedDept, seedQualityProject } from '../seed-records.js';
import { ruleCases } from '../tester.js';

export default ruleCases({
  rule,
  valid: [
    { name: 'seed 质量安全监督管专项: 20 = 20, 100%', report: report({ projects: [seedQualityProject()] }) },
    { name: '"20" and "20.00" are the same budget', report: report({ projects: [projectForm({ name: '运行维护经费', budget: [['年度资金总额', '20', '20.00', '20.00', '10', '100%', '10']] })] }) },
    { name: 'execution 90% exactly is not below the threshold', report: report({ projects: [projectForm({ name: '运行维护经费', budget: [['年度资金总额', '100', '100', '90', '10', '90%', '9']] })] }) },
  ],
  invalid: [
    {
      name: 'seed 工作经费: 年初 325 ≠ 全年 334.74 and no reason anywhere',
      report: report({ projects: [projectForm({ name: '工作经费', budget: [['年度资金总额', '325', '334.74', '334.74', '10', '100%', '10']] })] }),
      findings: [{ severity: 'warning', values: [325, 334.74], part: '项目支出绩效自评表（工作经费）', messageIncludes: ['325', '334.74', '未见原因'] }],
    },
    {
      name: 'seed 部门整体: 801.08 ≠ 951.90, "财政追加预算" stated in an indicator row → info with that reason',
      report: report({ dept: seedDept() }),
      findings: [{ severity: 'info', values: [801.08, 951.9], messageIncludes: ['801.08', '951.90', '财政追加预算'] }],
    },
    {
      name: 'execution 25% where the indicator notes say the higher levels paid the aid directly to people → info quoting it (海南 农垦实验中学 2023)',
      report: report({
        projects: [
          projectForm({
            name: '学生事务补助',
            budget: [['资金总额', '120000', '120000', '30000', '10', '25', '2.5']],
            indicators: [['产出指标', '数量指标', '资助困难教师及学生', '52', '10', '20', '3.85', '滋慧计划由中央直接拨付到个人银行账户。']],
          }),
        ],
      }),
      findings: [{ severity: 'info', values: [25, 90], messageIncludes: ['25', '直接拨付'] }],
    },
    {
      name: 'execution 75% with no reason',
      report: report({ projects: [projectForm({ name: '运行维护经费', budget: [['年度资金总额', '100', '100', '75', '10', '75%', '7.5']] })] }),
      findings: [{ severity: 'warning', values: [75, 90], messageIncludes: ['75%', '90%'], params: ['reasonThresholdPercent'] }],
    },
  ],
});
