import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportsOnPerformance } from '../../src/narrative/performance-prose.js';
import { reportTitle } from '../../src/narrative/report-title.js';
import { checkModel as check } from '../helpers/check.js';
import { docOf, find, statsOf } from './helpers.js';

/**
 * Held-out 17b (south and east pages nobody had read): the classes that were not recognized at first
 * look, each on the published text of its page (bench/results/corpus-2026-12-06-heldout17b-*).
 */

const lines = (id: string) =>
  readFileSync(new URL(`../corpus/real/${id}/source.txt`, import.meta.url), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('='));

describe('held-out 17b: a 转移支付 自评 run into one paragraph, without a title', () => {
  it('is a report: 转移支付基本情况 opens the template outline before 总体绩效目标完成情况 and 绩效自评结论 (桂林 就业补助资金 2023)', () => {
    expect(reportsOnPerformance(lines('gx-guilin-jiuye-2023'))).toBe(true);
  });

  it('two of those headings alone, without a third, are not enough', () => {
    const text = '二、总体绩效目标完成情况2023年度就业补助资金绩效目标完成情况如下:目标1:完成资金使用,城镇新增就业人数4.92万人,三、绩效自评结论综合评价结果为:优秀。';
    expect(reportsOnPerformance([text])).toBe(false);
  });
});

describe('held-out 17b: an evaluation summary that states its score and its grade', () => {
  it('is a report (渌口 残保金 2023: 综合评价得分80.10分,评价等次为“良”)', () => {
    expect(reportsOnPerformance(lines('hn-lukou-canbaojin-2023'))).toBe(true);
  });

  it('a rule that names a grade without a score is not', () => {
    const rule = '评价结果为优秀的项目,在下年度预算安排时优先保障;评价等次为“差”的,原则上压减预算,并对项目单位进行通报和绩效约谈。';
    expect(reportsOnPerformance([rule])).toBe(false);
  });
});

describe('held-out 17b: a 自评报告书 names a report', () => {
  it('广东省财政支出项目绩效评价自评报告书 is a title', () => {
    expect(reportTitle('广东省财政支出项目绩效评价自评报告书')?.title).toBe('广东省财政支出项目绩效评价自评报告书');
  });

  it('a reference to one inside a sentence is not', () => {
    expect(reportTitle('根据要求填写广东省财政支出项目绩效评价自评报告书。')).toBeNull();
  });
});

describe('held-out 17b: an area in 万亩 with a stray 元 (42.59万元亩)', () => {
  it('is an area, not an amount (永兴 农业保险 2020)', () => {
    const s = find(statsOf('计划和实际承保面积为42.59万元亩,承保率为74.02%,总保费1293.45万元。'), '42.59万元亩');
    expect([s.dimension, s.normalizedUnit, s.normalizedValue]).toEqual(['area', '亩', '425900']);
  });
});

describe('held-out 17b: a year\'s results published under …绩效评价结果公开', () => {
  it('is a title (江夏 2023年财政重点绩效评价结果公开)', () => {
    expect(reportTitle('2023年财政重点绩效评价结果公开')?.title).toBe('2023年财政重点绩效评价结果公开');
  });

  it('a numbered section heading of the same words is not', () => {
    expect(reportTitle('三、2023年绩效评价结果公开')).toBeNull();
  });
});

describe('held-out 17b: results published the year after the year they evaluate', () => {
  const body = [
    '2020年度,我镇对城镇建设管理项目开展了绩效自评,项目预算资金1450万元,全年执行1450万元,预算执行率100%,自评得分83分。',
    '2020年度项目绩效目标基本完成,2020年度长效管理指标均已落实,群众满意度达到90%。',
  ];
  const years = (title: string) => check(docOf([title, ...body])).findings.filter((f) => f.rule === 'year-consistency');

  it('a title of results published in 2021 over a 2020 report is no disagreement (九亭镇2021年预算绩效评价结果公开)', () => {
    expect(years('某镇2021年预算绩效评价结果公开')).toEqual([]);
  });

  it('two years after, it still is one', () => {
    expect(years('某镇2022年预算绩效评价结果公开').map((f) => f.values)).toEqual([[2022, 2020]]);
  });
});
