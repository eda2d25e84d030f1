import { rule } from '../../../src/rules/special-fund-rows.js';
import { report, type SpendingSpec } from '../builders.js';
import { seedBasicData, seedBiddingProject, seedQualityProject, seedWorkProject, SEED_SPENDING } from '../seed-records.js';
import { ruleCases } from '../tester.js';

const PROJECTS = '项目支出：';
const PUBLIC = '公用经费';
/** The seed rows with 项目支出 and 公用经费 filled, and the two swapped fund rows put right. */
const fixed: SpendingSpec[] = SEED_SPENDING.map((r): SpendingSpec => {
  if (r[0] === PROJECTS) return [r[0], '12.52', '25', '359.74', r[4]];
  if (r[0] === PUBLIC) return [r[0], '19.75', '29', '32.73', r[4]];
  if (r[0] === '质量安全监督管理专项') return [r[0], '', '20', '20', r[4], r[5]];
  if (r[0] === '招投标监督管理专项') return [r[0], '', '5', '5', r[4], r[5]];
  return r;
});
const projects = () => [seedQualityProject(), seedBiddingProject(), seedWorkProject()];

export default ruleCases({
  rule,
  valid: [
    {
      name: 'seed sums hold: 县级专项资金 359.74 = 5 + 20 + 334.74; 25 = 5 + 20; 12.52 = 12.52; 其中 ≤ 公用经费',
      report: report({ basicData: seedBasicData(fixed), projects: projects() }),
    },
  ],
  invalid: [
    {
      name: '其中 rows above their parent: 办公经费 + 水电差旅 + 会议培训 = 32.73 > 公用经费 30.00 (2023年决算数)',
      report: report({
        basicData: seedBasicData(fixed.map((r): SpendingSpec => (r[0] === PUBLIC ? [r[0], '19.75', '29', '30.00', r[4]] : r))),
        projects: projects(),
      }),
      findings: [{ severity: 'warning', values: [30, 32.73], messageIncludes: ['公用经费', '32.73', '已超过'] }],
    },
    {
      name: 'seed: 项目支出 and 公用经费 blank; fund rows swapped against the project tables',
      report: report({ basicData: seedBasicData(), projects: projects() }),
      findings: [
        { severity: 'warning', values: [12.52, 25, 359.74], messageIncludes: ['项目支出', '未填'], missing: ['2023年决算数'] },
        { severity: 'warning', values: [19.75, 29, 32.73], messageIncludes: ['公用经费', '未填'] },
        { severity: 'error', values: [20, 5], messageIncludes: ['招投标监督管理专项', '20', '5'] },
        { severity: 'warning', values: [5, 20], messageIncludes: ['质量安全监督管理专项', '相近名称'] },
      ],
    },
    {
      name: 'changed fund row: 工作经费 344.74 breaks 县级专项资金 359.74 and its project table',
      report: report({
        basicData: seedBasicData(fixed.map((r): SpendingSpec => (r[0] === '工作经费' ? [r[0], '', '', '344.74', r[4], r[5]] : r))),
        projects: projects(),
      }),
      findings: [
        { severity: 'error', values: [359.74, 369.74] },
        { severity: 'error', values: [344.74, 334.74], messageIncludes: ['工作经费', '344.74', '334.74'] },
      ],
    },
  ],
});
