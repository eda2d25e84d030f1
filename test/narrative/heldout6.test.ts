import { describe, expect, it } from 'vitest';
import { findReports } from '../../src/narrative/reports.js';
import { normalize, restatementAgrees } from '../../src/narrative/compare.js';
import { checkModel as check } from '../helpers/check.js';
import { documentOf } from '../helpers/model.js';
import { docOf, find, statsOf } from './helpers.js';

/**
 * Held-out 6 (reports nobody had read): the narrative classes that failed at first look, each on
 * the published text of its page (bench/results/corpus-2026-12-05-heldout6-*).
 */

/** 遵义市农业农村局 2020 项目支出绩效自评 as republished: traditional characters, ????? for lost characters, no title, cut before any figure. */
const ZUNYI = [
  '?????一、項目概況',
  '(一)項目單位基本情況。遵義市農業農村局是市人民政府工作部門,為正縣級單位。市委農村工作領導小組辦公室設在市農業農村局,接受市委農村工作領導小組的直接領導,承擔市委農業農村工作領導小組的具體工作。',
  '單位職能職責:貫徹執行黨和國家有關農業農村經濟工作的方針政策、法律法規,負責全市農業和農村工作的組織領導及綜合協調,擬訂全市農業產業和農村經濟發展中長期規劃并組織實施,承擔農村經濟綜合統計工作。',
  '(二)項目年度預算績效目標、績效指標設定情況。',
  '2020年我單位設定的績效目標主要包括:深入貫徹落實省委省政府《關于加快建設茶產業強省的意見》(黔黨發(2018)22號),繼續穩定全市200萬畝茶園生產和提升,通過舉辦貴州茶文化節暨茶產業博覽會不斷拓寬我市茶葉銷售。',
];

/** The contents of a 部门决算 (海原县 2022): numbered headings, one naming 项目绩效评价, but no report's outline. */
const FINAL_ACCOUNTS = [
  '第一部分 单位概况',
  '一、部门职责',
  '二、机构设置',
  '十三、项目绩效评价情况说明',
  '负责规范全县行政审批和政务服务行为,建立和完善相应的工作机制,推动标准化建设。负责对行政许可及相关服务事项的流程进行规范,优化审批流程。',
  '对全县行政审批服务工作人员进行教育培训、管理和绩效考核。指导乡(镇)、村便民服务工作。',
];

describe('held-out 6: a report recognized by its outline when its title and figures were lost', () => {
  it('项目概况 › 项目单位基本情况 › 项目年度预算绩效目标、绩效指标设定情况 with prose under them is a project report (贵州 遵义 2020, traditional characters)', () => {
    const reports = findReports(docOf(ZUNYI, 'pdf'));
    expect(reports).toHaveLength(1);
    expect(reports[0].kind).toBe('project');
    expect(reports[0].first).toBe(0);
    // a section heading in traditional characters is known as its simplified form is
    const more = findReports(docOf([...ZUNYI, '三、存在的問題及原因分析', '項目資金撥付進度偏慢,個別茶園基地建設滯後於計劃,需要進一步加強項目調度。'], 'pdf'));
    expect(more[0].sections.map((s) => s.key)).toContain('problems');
    // its figure is read (萬畝 normalized)
    const { report, findings } = check(docOf(ZUNYI));
    expect(report.narratives).toHaveLength(1);
    expect(report.statistics.map((s) => s.figure.text)).toContain('200萬畝');
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('the outline must be the report’s: a 决算 contents list, or the project headings without a heading about performance, is no report', () => {
    expect(findReports(docOf(FINAL_ACCOUNTS, 'pdf'))).toEqual([]);
    const withoutPerformance = ZUNYI.filter((l) => !l.includes('績效'));
    expect(findReports(docOf(withoutPerformance, 'pdf'))).toEqual([]);
  });
});

describe('held-out 6: four digits before a unit are a quantity, not a year', () => {
  it('儿童窝沟封闭颗数2000颗,实际完成2021颗 (四川 梓潼 2024): 2021颗 is read; 2024年, 2022版 and 2021米易县 stay dates', () => {
    const stats = statsOf('2024年上级下达儿童窝沟封闭颗数2000颗,实际完成2021颗,局部用氟500人,实际完成509人;补植2020株,（2022版）2023岳阳市,2021米易县。');
    expect(find(stats, '2021颗')).toMatchObject({ normalizedValue: '2021', normalizedUnit: '颗', dimension: 'count' });
    expect(find(stats, '2020株').normalizedValue).toBe('2020');
    // a span or a length after four digits is a year before a place name (米易县), not 2021米
    expect(stats.map((s) => s.figure.text)).toEqual(['2000颗', '2021颗', '500人', '509人', '2020株']);
  });
});

describe('held-out 6: a total written in 亿元 keeps its own precision against parts in 万元', () => {
  const line = (total: string) =>
    `(1)资金筹集:2024年,我区通过政府一般债券方式安排自治区财政补助资金${total}支持住房保障,其中:安排5440万元支持配售型保障性住房项目;安排252万元支持新筹集公租房;安排27285.3万元支持筹集保障性租赁住房。`;
  const report = (total: string) => documentOf([
    '2024年度中央财政城镇保障性安居工程补助资金绩效自评报告',
    '一、住房保障绩效自评',
    '1. 中央下达住房保障资金预算和区域绩效目标情况:2024年,财政部下达广西城镇保障性安居工程住房保障财政补助资金40957万元,发放租赁补贴22492户。',
    line(total),
  ]);

  it('3.30亿元 = 33000 ± 50 万元 holds 5440 + 252 + 27285.3 = 32977.3 (广西 住建厅 2024)', () => {
    const { findings } = check(report('3.30亿元'));
    expect(findings.filter((f) => f.rule === 'narrative-total-parts')).toEqual([]);
  });

  it('a restatement in 万元 of a figure in 亿元 agrees within the 亿元 figure’s own precision', () => {
    const stats = statsOf('安排自治区财政补助资金3.30亿元,另安排3.40亿元,实际安排32977.3万元,正式下达资金2.33亿元。');
    const [a, b, c] = ['3.30亿元', '3.40亿元', '32977.3万元'].map((t) => normalize(find(stats, t).figure));
    expect(a.coarse?.lo.toString(8)).toBe('32950');
    expect(restatementAgrees(a, c)).toBe(true);
    expect(restatementAgrees(b, c)).toBe(false);
  });

  it('the same parts under 3.40亿元 (34000 ± 50) or under 33000万元 written exactly are still told apart', () => {
    for (const total of ['3.40亿元', '33000万元']) {
      const found = check(report(total)).findings.filter((f) => f.rule === 'narrative-total-parts');
      expect(found).toHaveLength(1);
      expect(found[0].message).toContain('32977.3');
    }
  });
});
