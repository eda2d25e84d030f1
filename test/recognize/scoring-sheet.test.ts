import { describe, expect, it } from 'vitest';
import { recognizeReport } from '../../src/recognize/index.js';
import { analyzeNarrative } from '../../src/narrative/index.js';
import { runRules } from '../../src/rules/index.js';
import type { Report } from '../../schemas/report.js';
import { documentOf } from '../helpers/model.js';

/**
 * A scoring sheet of the 53号 framework for one project (安徽 农村公益事业财政奖补 style): two header
 * rows (指标/分值, 县级/评分, 市级/评分), a 三级指标 split into two scored criteria, a standard that
 * grants extra points. Rebuilt from the layout of published sheets, figures changed.
 */
const SHEET = documentOf([
  '2022年度村级公益事业财政奖补项目绩效评价自评表',
  [
    ['序号', '一级指标', '二级指标', '三级指标', '指标说明', '指标', '县级', '市级'],
    ['^', '^', '^', '^', '^', '分值', '评分', '评分'],
    ['1', '决策(10)', '项目立项', '民主议事', '民主议事记录完整,得2分', '2', '2', ''],
    ['2', '^', '^', '申报审批', '审批文件齐全,得2分', '2', '1', ''],
    ['3', '^', '资金投入', '预算安排', '按人均不低于5元安排奖补资金,得6分', '6', '6', ''],
    ['4', '过程(30)', '资金管理', '账务管理', '奖补资金纳入乡镇账户管理,得2分', '2', '2', ''],
    ['^', '^', '^', '^', '实行专账核算,得1分', '1', '1', ''],
    ['5', '^', '组织实施', '工作安排', '纳入重点工作部署,得1分;领导有正面批示的,一个加1分,最多加2分', '1', '2', ''],
    ['6', '^', '^', '项目库建设', '建立项目库的,得3分', '3', '3', ''],
  ],
]);

function read(): { report: Report; findings: ReturnType<typeof runRules> } {
  const recognized = recognizeReport(SHEET);
  const narrative = analyzeNarrative(SHEET, recognized);
  const report: Report = { ...recognized, ...narrative, coverage: { ...recognized.coverage, narrativeStatistics: narrative.statistics.length } };
  return { report, findings: runRules(report, { document: SHEET, lang: 'zh' }) };
}

describe('a 53号 scoring sheet for one project', () => {
  it('is the project form its title names, not the department framework', () => {
    const { report } = read();
    expect(report.deptSelfEval).toBeNull();
    expect(report.projects).toHaveLength(1);
  });

  it('reads the first 评分 column as the score and both criteria of a split 三级指标', () => {
    const rows = read().report.projects[0].indicators.map((i) => [i.level3, i.weight.text, i.score.text]);
    expect(rows).toEqual([
      ['民主议事', '2', '2'],
      ['申报审批', '2', '1'],
      ['预算安排', '6', '6'],
      ['账务管理', '2', '2'],
      ['账务管理', '1', '1'],
      ['工作安排', '1', '2'],
      ['项目库建设', '3', '3'],
    ]);
  });

  it('a score above its weight that the standard grants as extra points is a note, not an error', () => {
    const over = read().findings.filter((f) => f.rule === 'score-range');
    expect(over.map((f) => [f.severity, f.values])).toEqual([['info', [2, 1]]]);
    expect(over[0].message).toContain('加1分');
  });
});
