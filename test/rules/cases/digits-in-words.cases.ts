import { rule, strayDigits } from '../../../src/rules/digits-in-words.js';
import { projectForm, report } from '../builders.js';
import { seedDept, seedQualityProject, seedWorkProject } from '../seed-records.js';
import { ruleCases } from '../tester.js';

// Legit digits in names stay quiet.
for (const ok of ['近3年项目完成率', '第2季度考评', '2023年竣工项目', '6个100%达标', '12345热线办理率']) {
  if (strayDigits(ok).length) throw new Error(`digits-in-words: false positive on ${ok}`);
}

export default ruleCases({
  rule,
  valid: [
    { name: 'seed 部门整体 and 质量安全: clean names', report: report({ dept: seedDept(), projects: [seedQualityProject()] }) },
    {
      name: 'digits with counters, ordinals and years',
      report: report({ projects: [projectForm({ name: '运行维护经费', indicators: [['产出指标(30分)', '数量指标', '近3年设备完好率', '≥95%', '96%', '10', '10', ''], ['', '时效指标', '第4季度前完成验收', '按时', '按时', '10', '10', '']] })] }),
    },
  ],
  invalid: [
    {
      name: 'seed 工作经费: "促进建10筑产业10绿色发展5", "建筑市5场平稳10有序发展"',
      report: report({ dept: seedDept(), projects: [seedWorkProject()] }),
      findings: [
        { severity: 'info', part: '项目支出绩效自评表（工作经费）', messageIncludes: ['促进建10筑产业10绿色发展5', '促进建筑产业绿色发展', '与其他表中的名称相同'] },
        { severity: 'info', part: '项目支出绩效自评表（工作经费）', messageIncludes: ['建筑市5场平稳10有序发展', '建筑市场平稳有序发展'] },
      ],
    },
  ],
});
