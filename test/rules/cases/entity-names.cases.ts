import { rule } from '../../../src/rules/entity-names.js';
import { report, textFact } from '../builders.js';
import { seedBasicData, seedBiddingProject, seedQualityProject, seedWorkProject } from '../seed-records.js';
import { ruleCases } from '../tester.js';

export default ruleCases({
  rule,
  valid: [
    {
      name: '工作经费 and 业务工作经费 are different rows (exact counterpart exists)',
      report: report({ basicData: seedBasicData(), projects: [seedWorkProject()] }),
    },
  ],
  invalid: [
    {
      name: 'seed: 质量安全监督管专项 vs 质量安全监督管理专项; 住房和城乡建设 vs 住房和城乡建设局',
      report: report({
        basicData: seedBasicData(),
        projects: [
          seedQualityProject(),
          { ...seedBiddingProject(), supervisor: textFact('汨罗市住房和城乡建设', { part: '项目支出绩效自评表（招投标监督管理专项）', table: 3, row: 1, col: 1 }) },
          seedWorkProject(),
        ],
      }),
      findings: [
        { severity: 'info', messageIncludes: ['质量安全监督管专项', '质量安全监督管理专项', '项目'] },
        { severity: 'info', messageIncludes: ['汨罗市住房和城乡建设局', '汨罗市住房和城乡建设”', '单位'] },
      ],
    },
  ],
});
