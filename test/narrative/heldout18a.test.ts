import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { coverProject, titleProject } from '../../src/recognize/self-eval.js';
import { checkModel as check } from '../helpers/check.js';
import { docOf, find, statsOf } from './helpers.js';

/**
 * Held-out 18a (pages found by fund name: 危房改造, 森林抚育, 优抚 …): the classes that gave a finding or
 * a name wrongly at first look, each on the published text of its page
 * (bench/results/corpus-2026-12-06-heldout18a-*).
 */

describe('held-out 18a: an amount in 万元 with a stray 亩 (3万亩元)', () => {
  it('is money, not an area (西畴 森林抚育 2021: 间接费用3万亩元(每亩3元))', () => {
    const s = find(statsOf('拨付资金200万元,其中,直接补助费197万元(每亩197元),项目设计、监督、检查、验收等间接费用3万亩元(每亩3元)。'), '3万亩元');
    expect([s.dimension, s.normalizedUnit, s.normalizedValue]).toEqual(['money', '万元', '3']);
  });

  it('an area with a stray 元 stays an area (42.59万元亩): the unit\'s last character decides', () => {
    const s = find(statsOf('计划和实际承保面积为42.59万元亩,承保率为74.02%。'), '42.59万元亩');
    expect(s.dimension).toBe('area');
  });

  it('so 3万(亩)元 is no part bigger than the 1万亩 the sentence opens with', () => {
    const text = '2021年森林抚育1万亩,西畴县财政局于2021年9月2日以(西财整合〔2021〕19号)文件拨付资金200万元,其中,直接补助费197万元(每亩197元),项目设计、监督、检查、验收等间接费用3万亩元(每亩3元)。';
    const found = check(docOf(['西畴县2021年森林抚育项目支出绩效自评报告', '一、绩效目标完成情况分析', text])).findings.filter((f) => f.severity !== 'info');
    expect(found.map((f) => f.rule)).toEqual([]);
  });
});

describe('held-out 18a: a cover line whose label is set off by spaces', () => {
  it('names the project (南湖新区 优抚 2016: "项目名称        优 抚")', () => {
    expect(coverProject([{ text: '评价类型:项目实施过程评价□   项目完成结果评价■' }, { text: '项目名称        优 抚' }, { text: '项目单位     南湖新区民政局' }])).toBe('优抚');
  });

  it('also when a PDF runs it onto the cover line before it ("…项目完成结果评价■项目名称优抚")', () => {
    expect(coverProject([{ text: '岳阳市南湖新区财政支出项目绩效评价自评报告评价类型:项目实施过程评价□ 项目完成结果评价■项目名称优抚' }, { text: '项目单位南湖新区民政局主管部门' }])).toBe('优抚');
  });

  it('a label with nothing after it, or another label after it, names none', () => {
    expect(coverProject([{ text: '项目名称' }])).toBeNull();
    expect(coverProject([{ text: '项目名称   项目单位   主管部门' }])).toBeNull();
  });
});

describe('held-out 18a: a 完工率 above 100% that counts more things done than planned', () => {
  const rates = (lines: string[]) => check(docOf(lines)).findings.filter((f) => f.rule === 'rate-above-whole');
  const plan = '(二)资金安排、分解下达预算和绩效目标情况。完成农村低收入群体危房改造计划任务53户。';

  it('is a plan beaten, not a share over its whole (宣州 危房改造 2023: 129户 of 53, 完工率243%)', () => {
    expect(rates(['宣州区农村危房改造转移支付2023年度绩效自评报告', '一、绩效目标分解下达情况', plan, '截止2023年11月30日,全区共完成农村危房改造129户,完工率243%。'])).toEqual([]);
  });

  it('without the planned count that gives it, it is still said', () => {
    expect(rates(['宣州区农村危房改造转移支付2023年度绩效自评报告', '一、绩效目标分解下达情况', '截止2023年11月30日,全区共完成农村危房改造129户,完工率243%。']).map((f) => f.severity)).toEqual(['warning']);
  });

  it('a 合格率 above 100% is still impossible, whatever the counts', () => {
    expect(rates(['宣州区农村危房改造转移支付2023年度绩效自评报告', '一、绩效目标分解下达情况', plan, '全区共验收农村危房改造129户,验收合格率243%。']).map((f) => f.severity)).toEqual(['error']);
  });
});

/** The published lines of a document of the corpus (its title lines without the = mark). */
const lines = (id: string) =>
  readFileSync(new URL(`../corpus/real/${id}/source.txt`, import.meta.url), 'utf8').split('\n').filter((l) => l.trim()).map((l) => l.replace(/^= /, ''));

describe('held-out 18a: a 转移支付 grid with numbered rows and columns, one header cell a line (名山 林草 2024)', () => {
  const { report, findings } = check(docOf(lines('sc-mingshan-linye-2024')));
  const form = report.projects[0];

  it('is a fund\'s form, named by its title', () => {
    expect(report.projects).toHaveLength(1);
    expect(form.part).toBe('项目支出绩效自评表（林业草原改革发展资金）');
  });

  it('its figures fill the columns the header\'s formulas allow: the blank cell is 统筹整合资金数(B), as C = A − B and D/C = 100.00%', () => {
    const total = form.budget!.rows[0];
    expect([total.fullYearBudget?.text, total.netBudget?.text, total.arrived?.text, total.executed?.text, total.rate?.text]).toEqual(['52.800000', '52.800000', '52.800000', '30.800000', '58.33%']);
    expect(form.budget!.rows.map((r) => r.label)).toEqual(['年度资金总额(万元):', '其中:中央财政资金(万元)', '地方财政资金(万元)', '其他资金(万元,自有资金、社会资本、以前年度结转结余资金等)']);
  });

  it('nothing is said of the sums and rates that hold', () => {
    expect(findings.filter((f) => f.severity === 'error').map((f) => f.rule)).toEqual([]);
  });

  it('a row whose figures fit the columns two ways is left unread, and said so', () => {
    const grid = ['某区2024年度林业草原改革发展资金绩效评价表', '资金投入情况', '(万元)', '行次 全年预算数', '(A)', '全年到位资金', '(B)', '统筹整合资金数', '(C)', '全年执行资金', '(D)', '预算执行', '(D/A×100%)', '列次 0 1 2 3 4 5', '年度资金总额(万元): 1 50.00', '50.00 50.00 100.00%'];
    const { report: r } = check(docOf(grid));
    expect(r.projects[0].budget!.rows[0].executed?.text ?? '').toBe('');
    expect(r.coverage.notUnderstood.map((n) => n.where).join()).toContain('对应不唯一');
  });

  it('a fund\'s own form title names the fund; a form titled by its kind alone names none', () => {
    expect(titleProject('雅安市名山区林业局2024年度林业草原改革发展资金绩效评价表')).toBe('林业草原改革发展资金');
    expect(titleProject('2023年度项目支出绩效自评表')).toBeNull();
  });
});
