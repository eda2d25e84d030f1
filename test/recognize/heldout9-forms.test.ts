import { describe, expect, it } from 'vitest';
import { checkModel as check } from '../helpers/check.js';
import { documentOf } from '../helpers/model.js';

/**
 * Held-out 9 (bench/results/corpus-2026-12-06-heldout9-*): 成安县民政局's 2020 预算项目绩效自评表 — the Hebei
 * form whose indicator header spans two rows (预期指标值 over 符号 / value / 单位, 自评得分 over 单项指标得分 |
 * 权重占比(%) | 单项指标折算得分) — and 银川市第六中学's 2021 scoring sheet, whose 年度总体目标 label OCR garbled.
 */

const CHENGAN = [
  ['一级指标', '二级指标', '三级指标', '指标分值', '预期指标值', '<', '<', '单项指标实际完成值', '单项指标完成情况', '自评得分', '<', '<'],
  ['^', '^', '^', '^', '符号', '', '单位(文字描述)', '^', '^', '单项指标得分', '权重占比(%)', '单项指标折算得分'],
  ['产出指标', '质量指标', '符合条件申报对象覆盖率', '享受补贴政策人数占符合条件申报对象总数的比例', '>=', '98', '%(百分比)', '100%', '完成', '25.00', '25.00', '6.25'],
  ['^', '时效指标', '完成率', '按照要求每月及时完成符合条件对象审批的比例(百分比)', '>=', '99', '%(百分比)', '100%', '完成', '25.00', '25.00', '6.25'],
  ['效果指标', '社会效益指标', '补贴发放率', '高龄补贴发放完成率', '>=', '75', '%(百分比)', '100%', '完成', '30.00', '30.00', '9.00'],
  ['满意度指标', '服务对象满意度指标', '服务对象满意度', '享受高龄津贴的对象对老龄工作的满意程度', '>=', '95', '%(百分比)', '100%', '完成', '10.00', '10.00', '1.00'],
];

describe('held-out 9: the Hebei 预算项目绩效自评表 (单项指标得分 × 权重占比 = 单项指标折算得分)', () => {
  const { report, findings } = check(documentOf(['成安县民政局2020年度预算项目绩效自评表', '四、年度绩效指标完成情况', CHENGAN]));
  const inds = report.projects[0]?.indicators ?? [];

  it('reads the indicators under the two-row header: the weight is the 权重占比, the points the 折算得分', () => {
    expect(inds.map((i) => [i.level3, i.weight?.text, i.score?.text, i.actual.text])).toEqual([
      ['符合条件申报对象覆盖率', '25.00', '6.25', '100%'],
      ['完成率', '25.00', '6.25', '100%'],
      ['补贴发放率', '30.00', '9.00', '100%'],
      ['服务对象满意度', '10.00', '1.00', '100%'],
    ]);
    expect(inds[0].targetMeasure.figure).toMatchObject({ comparator: '>=', value: '98', unit: '%' });
  });

  it('met targets folded to a fraction of their weight are the met-below-weight finding, one per indicator', () => {
    const q = findings.filter((f) => f.rule === 'met-target-below-weight');
    expect(q.map((f) => f.message.match(/[\d.]+ of [\d.]+|[\d.]+分?（满分[\d.]+/)?.[0] ?? f.message)).toHaveLength(4);
    expect(findings.filter((f) => f.rule === 'quantitative-score' || f.rule === 'score-range')).toEqual([]);
  });
});
