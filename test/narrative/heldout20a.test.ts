import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportsOnPerformance } from '../../src/narrative/performance-prose.js';
import { sentencePeriod } from '../../src/rules/lib/restated-label.js';
import { find, statsOf } from './helpers.js';

/**
 * Held-out 20a (north): the classes its first look missed, on the published text of its pages
 * (bench/results/corpus-2026-12-07-heldout20a-*).
 */

const paragraphsOf = (id: string) =>
  readFileSync(new URL(`../corpus/real/${id}/source.txt`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('=') && !l.startsWith('[') && !l.includes(' | '));
const paragraphWith = (id: string, needle: string) => paragraphsOf(id).find((p) => p.includes(needle))!;

describe('held-out 20a: a decimal wrapped after its point before an area unit (清水 果品产业)', () => {
  const stats = statsOf(paragraphWith('gs-qingshui-guopin-2020', '21. 73万亩'));

  it('21. 73万亩 is 21.73万亩, the total of the five areas in its bracket', () => {
    const base = find(stats, '21. 73万亩');
    expect(base.figure.value).toBe('21.73');
    expect(find(stats, '10.02万亩').partOf).toBe(base.id);
    expect(find(stats, '0.52万亩').partOf).toBe(base.id);
  });

  it('a list item number before a year stays a list mark ("1. 2016年…")', () => {
    expect(statsOf('1. 2016年精准扶贫富民产业项目，新建核桃4.2406万亩。').map((s) => s.figure.value)).not.toContain('1.2016');
  });

  it('sentences opening with two periods (2016-2020年 / 2017年) state two measures', () => {
    const span = find(stats, '21. 73万亩');
    const year = find(statsOf(paragraphWith('gs-qingshui-guopin-2020', '10.78万亩')), '10.78万亩');
    expect(sentencePeriod(span)).toBe('2016-2020年');
    expect(sentencePeriod(year)).toBe('2017年');
    // a date opening the sentence is when something was done, not the period of its figures
    expect(sentencePeriod(find(statsOf('2018年12月,财政厅下达我市2019年旅游发展基金资金50万元。'), '50万元'))).toBeNull();
    // a heading the PDF runs into the sentence is read past
    expect(sentencePeriod(find(statsOf('(二)2017年财政专项扶贫资金项目情况2017年果品产业发展项目建设干鲜果基地10.78万亩。'), '10.78万亩'))).toBe('2017年');
  });
});

describe('held-out 20a: a 其中 that divides the one part a 其中 names (黑龙江 林业补助资金)', () => {
  const stats = statsOf(paragraphWith('hl-linyeting-2016', '333,001万元'));

  it('the 林业厅 118,156万元 is one part of 333,001万元, and the thirteen amounts are its parts', () => {
    const whole = find(stats, '333,001万元');
    const forestry = find(stats, '118,156万元');
    expect(forestry.partOf).toBe(whole.id);
    for (const amount of ['40,671万元', '16,800万元', '996万元', '27,652万元']) expect(find(stats, amount).partOf).toBe(forestry.id);
  });

  it('a second 其中 after two parts divides the whole again (not nested)', () => {
    const again = statsOf('下达资金100万元，其中中央60万元、省级40万元，其中用于设备70万元、培训30万元。');
    const total = find(again, '100万元');
    expect(find(again, '40万元').partOf).toBe(total.id);
    expect(find(again, '70万元').partOf).not.toBe(find(again, '40万元').id);
  });
});

describe('held-out 20a: a 部门整体 evaluation opening at 一、部门基本情况 (山东省红十字会)', () => {
  const lines = paragraphsOf('sd-hongshihui-2021');

  it('the outline 部门概况 › 部门预决算情况 › 部门整体绩效目标 makes the page a report', () => {
    expect(reportsOnPerformance(lines)).toBe(true);
  });

  it('a net value with its 原值 and 累计折旧 in brackets is a difference, not parts', () => {
    const stats = statsOf(paragraphWith('sd-hongshihui-2021', '资产总额'));
    const assets = find(stats, '6590.02万元');
    expect(find(stats, '373.64万元').partOf).toBe(assets.id);
    expect(find(stats, '6216.38万元').partOf).toBe(assets.id);
    expect(find(stats, '6606.25万元').partOf).toBeNull();
    expect(find(stats, '389.87万元').partOf).toBeNull();
  });
});

describe('held-out 20a batch B: a 其中 after the year-end balance (山东省残联 2023)', () => {
  const stats = statsOf(paragraphWith('sd-canlian-2023', '年末结转结余'));

  it('基本支出 / 项目支出 / 经营支出 divide 本年支出合计, not the 结转结余 said between', () => {
    const spent = find(stats, '61658.08万元');
    for (const part of ['13645.88万元', '47881.27万元', '130.93万元']) expect(find(stats, part).partOf).toBe(spent.id);
    expect(stats.filter((s) => s.partOf === find(stats, '1843.7万元').id)).toEqual([]);
  });

  it('a 其中 of kinds of balance after a balance still divides it', () => {
    const own = statsOf('本年支出合计500万元。年末结转结余100万元。其中，基本支出结余40万元，项目支出结余60万元。');
    expect(find(own, '40万元').partOf).toBe(find(own, '100万元').id);
  });
});
