import { describe, expect, it } from 'vitest';
import { documentOf } from '../helpers/model.js';
import { checkModel as check } from '../helpers/check.js';
import { findingsOf, planted, show, source } from '../rules/planted-real-helpers.js';

/**
 * 海南省商务厅 服务贸易项目绩效自评表, 一、项目基本情况 as published: the budget is no grid but label/value
 * pairs (计划投资额 / 实际到位资金 / 实际使用情况), 其中 lines under the first two.
 */
function hainan(provincial = '570') {
  return documentOf([
    '服务贸易项目绩效自评表',
    '一、项目基本情况',
    [
      ['项目实施单位', '省商务厅服务贸易和商贸服务业处', '<', '主管部门', '省商务厅', '<'],
      ['地址', '海口市国兴大道省政府办公楼2楼', '<', '邮编', '570204', '<'],
      ['项目类型', '经常性项目(√)一次性项目()', '<', '<', '<', '<'],
      ['计划投资额\n(万元)', '570', '实际到位资金\n(万元)', '398.88', '实际使用情况(万元)', '395.86'],
      ['其中:', '中央财政', '0', '其中:', '中央财政', '0'],
      ['^', '省财政', provincial, '^', '省财政', '398.88'],
      ['^', '市县财政', '0', '^', '市县财政', '0'],
      ['^', '其他', '0', '^', '其他', '0'],
    ],
    '二、绩效评价指标评分',
    [
      ['一级指标', '分值', '二级指标', '分值', '三级指标', '分值', '得分'],
      ['项目管理', '25', '资金到位', '5', '到位率', '3', '3'],
      ['^', '^', '^', '^', '到位时效', '2', '2'],
    ],
  ]);
}

describe('budget given as label/value pairs (海南 项目绩效自评表 项目基本情况)', () => {
  it('计划投资额 / 实际到位资金 / 实际使用情况 are the 全年预算数 / 到位 / 执行 of the project, each 其中 line a funding source under its pair', () => {
    const { report, findings } = check(hainan());
    const budget = report.projects[0].budget;
    expect(budget?.unit).toBe('万元');
    const rows = budget!.rows.map((r) => [r.label, r.kind, r.fullYearBudget?.text ?? null, r.arrived?.text ?? null, r.executed?.text ?? null]);
    expect(rows).toEqual([
      ['计划投资额', 'total', '570', '398.88', '395.86'],
      ['中央财政', 'unknown', '0', '0', null],
      ['省财政', 'unknown', '570', '398.88', null],
      ['市县财政', 'unknown', '0', '0', null],
      ['其他', 'other', '0', '0', null],
    ]);
    // provenance: the figure's own cell
    expect(budget!.rows[0].arrived?.loc).toMatchObject({ row: 3, col: 3 });
    // the sources add up in both columns: nothing to say
    expect(findings.filter((f) => f.rule === 'funding-sources-sum')).toEqual([]);
  });

  it('the budget rules apply: 其中 lines that do not add up to the planned amount are a funding-sources-sum error', () => {
    const { findings } = check(hainan('560'));
    const sum = findings.filter((f) => f.rule === 'funding-sources-sum');
    expect(sum).toHaveLength(1);
    expect(sum[0].message).toContain('570');
    expect(sum[0].message).toContain('560');
  });
});

/**
 * Real documents (test/corpus/real) whose budget is label/value pairs, with a 实际使用情况 / 实际支出 written
 * with a letter for a look-alike digit (bench/planted-real.ts kind garbled): the pair is still read, its
 * amount kept as written with no figure, and split-numbers names it. Digits and commas shuffled
 * (岳阳县 "7,00.0,77", a must-not-flag of the corpus) stay unread.
 */
describe('label/value pairs in real documents: a look-alike letter in the amount', () => {
  const splitWarnings = (lines: string[]) => findingsOf(lines, (f) => f.rule === 'split-numbers' && f.severity !== 'info');

  it('hi-shangwu-fuwumaoyi: 实际使用情况 395.86 → 39S.86 is a split-numbers warning quoting 39S.86', async () => {
    const lines = source('hi-shangwu-fuwumaoyi');
    expect(await splitWarnings(lines)).toEqual([]);
    const fs = await splitWarnings(planted(lines, '实际使用情况', '| 395.86', '| 39S.86'));
    expect(fs.map((f) => [f.severity, f.observed]), show(fs)).toEqual([['warning', '39S.86']]);
    expect(fs[0].message).toContain('计划投资额');
  }, 60_000);

  it('hn-nanhu-youfu-2016: 实际支出 179.6 → l79.6 is a split-numbers warning quoting l79.6', async () => {
    const lines = source('hn-nanhu-youfu-2016');
    expect(await splitWarnings(lines)).toEqual([]);
    const fs = await splitWarnings(planted(lines, '实际支出', '| 179.6', '| l79.6'));
    expect(fs.map((f) => [f.severity, f.observed]), show(fs)).toEqual([['warning', 'l79.6']]);
  }, 60_000);

  it('hn-yueyangxian-gonglu-2020: 7,00.0,77 (digits shuffled, no look-alike letter) is not flagged', async () => {
    expect(await splitWarnings(source('hn-yueyangxian-gonglu-2020'))).toEqual([]);
  }, 60_000);
});
