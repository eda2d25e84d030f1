import { describe, expect, it } from 'vitest';
import { documentOf } from '../helpers/model.js';
import { checkModel as check } from '../helpers/check.js';

/**
 * 南县民政局 2022年项目支出绩效自评指标计分表 (held-out 6): the points in the labels (项目 决策 (20分)),
 * 自评分, 具体指标, 评价标准 — a project's scoring sheet, as published (cut inside 项目管理).
 */
const rows = [
  ['一级 指标', '二级 指标', '三级 指标', '自评分', '具体指标', '评价标准'],
  ['项目 决策 (20分)', '项目 目标 (4分)', '目标 内容 (4分)', '4', '设立了项目绩效目标;目标明确;目标细化;目标量化', '设有目标(1分) 目标明确(1分) 目标细化(1分) 目标量化(1分)'],
  ['^', '决策 过程 (8分)', '决策 依据 (4分)', '4', '有关法律法规的明确规定;某一经济社会发展规划;某部门年度工作计划;某一实际问题和需求', '符合法律法规(1分)符合经济社会发展规划(1分) 部门年度工作计划(1分) 针对某一实际问题和需求(1分)'],
  ['^', '^', '决策 程序 (4分)', '4', '项目符合申报条件;申报、批复程序符合相关管理办法;项目调整履行了相应手续', '符合申报条件(2分)项目申报、批复程序符合管理办法(1分) 项目调整履行了相应手续(1分)'],
  ['^', '资金 分配 (8分)', '分配 办法 (3分)', '3', '根据需要制定的相关资金管理办法;管理办法中有明确资金分配办法;资金分配因素全面、合理', '有相应的资金管理办法(1分) 办法健全、规范(1分) 因素全面合理(1分)'],
  ['^', '^', '分配 结果 (5分)', '5', '资金分配符合相关管理办法;分配结果公平合理', '符合分配办法(2分) 分配公平合理(3分)'],
];

describe('held-out 6: a scoring sheet titled …自评指标计分表 is the form of what it scores', () => {
  it('项目支出绩效自评指标计分表 → a project form (was the department’s: the 53号 markers decide only without a title)', () => {
    const { report, findings } = check(documentOf(['南县民政局2022年项目支出绩效自评指标计分表', '附件2', '2022年项目支出绩效自评指标计分表', rows]));
    expect(report.deptSelfEval).toBeNull();
    expect(report.projects).toHaveLength(1);
    expect(report.projects[0].indicators.map((i) => [i.level3, i.score.text])).toEqual([
      ['目标 内容 (4分)', '4'],
      ['决策 依据 (4分)', '4'],
      ['决策 程序 (4分)', '4'],
      ['分配 办法 (3分)', '3'],
      ['分配 结果 (5分)', '5'],
    ]);
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('部门整体支出绩效自评指标计分表 stays the department’s', () => {
    const { report } = check(documentOf(['2022年部门整体支出绩效自评指标计分表', rows]));
    expect(report.deptSelfEval).not.toBeNull();
    expect(report.projects).toEqual([]);
  });
});
