import { describe, expect, it } from 'vitest';
import { splitGluedValues } from '../../src/recognize/flattened-split.js';
import { findReports } from '../../src/narrative/reports.js';
import { checkModel as check } from '../helpers/check.js';
import { documentOf } from '../helpers/model.js';
import { corpusLines, docOf, statsOf } from './helpers.js';

/**
 * Held-out 20b (south, east, centre, south-west): the classes the first look found blind, on the published text of
 * the pages (bench/results/corpus-2026-12-07-heldout20b-*).
 */

const linesOf = corpusLines;

describe('held-out 20b: a 转移支付 form printed a row a line, cells set apart by spaces (旺苍 基本药物制度)', () => {
  const { report, findings } = check(documentOf(linesOf('sc-wangcang-jiyao-2021')));
  const form = report.projects[0];

  it('names the form by its 转移(项目)名称 line, a blank 中央主管部门 line between', () => {
    expect(report.projects).toHaveLength(1);
    expect(form.name?.text).toBe('基本药物制度补助资金');
  });

  it('reads a target and an actual that are sentences as whole cells, the spaces being the cuts', () => {
    const row = form.indicators.find((i) => i.level3.includes('村卫生室实施国家基本药物制度'))!;
    expect(row.target.text).toBe('实施基本药物制度补助村卫生室352个。');
    expect(row.actual.text).toBe('本年度已完成352个村卫生室基药补助的实施。');
    const quality = form.indicators.find((i) => i.level2 === '质量指标')!;
    expect([quality.target.text, quality.actual.text]).toEqual(['37个基层医疗机构', '100%']);
  });

  it('reads the goals under their head line, and the 其中 nested in the 其中 list is summed under its own whole (471.23元 for 万元)', () => {
    expect(form.goals.achieved?.text).toContain('471.23元');
    const slip = findings.filter((f) => f.rule === 'narrative-total-parts');
    expect(slip).toHaveLength(1);
    expect(slip[0].severity).toBe('error');
    expect(slip[0].message).toContain('471.23元');
    expect(slip[0].observed).toBe('471.23万元');
  });
});

describe('held-out 20b: a nested 其中 divides the one part before it', () => {
  const stats = statsOf('年度完成补助2300.67万元,中央补助442.43万元,地方财政补助1858.24万元;其中完成村卫生室补助471.23万元,其中中央补助189.63万元,地方财政补助281.6万元。');
  const id = (text: string) => stats.find((s) => s.figure.text.startsWith(text))!;

  it('189.63 and 281.6 are parts of 471.23, not of 地方财政补助1858.24', () => {
    expect(id('189.63').partOf).toBe(id('471.23').id);
    expect(id('281.6').partOf).toBe(id('471.23').id);
  });

  it('a 其中 list of several parts before another 其中 keeps its reading', () => {
    const flat = statsOf('收入100万元,其中财政拨款80万元,其他收入20万元;支出90万元,其中基本支出60万元,项目支出30万元。');
    const of = (text: string) => flat.find((s) => s.figure.text.startsWith(text))!;
    expect(of('80').partOf).toBe(of('100').id);
    expect(of('60').partOf).toBe(of('90').id);
  });
});

describe('held-out 20b: a 部门整体支出绩效自评表 run into one paragraph by a document site (零陵 疾控)', () => {
  const { report, findings } = check(documentOf(linesOf('hn-lingling-jikong-2021')));
  const budget = report.deptSelfEval?.budget;

  it('cuts 2456.182456.182456.1810100%10 into its six columns', () => {
    const row = budget?.rows.find((r) => r.label.includes('年度资金总额'));
    expect([row?.initialBudget?.text, row?.fullYearBudget?.text, row?.executed?.text, row?.weight?.text, row?.rate?.text, row?.score?.text]).toEqual(['2456.18', '2456.18', '2456.18', '10', '100%', '10']);
  });

  it('reads the 按收入性质分 / 按支出性质分 items run together row by row', () => {
    expect(budget?.byIncome.map((i) => [i.label, i.amount.figure?.value ?? null])).toContainEqual(['一般公共预算', '2456.18']);
    expect(budget?.bySpending.map((i) => [i.label, i.amount.figure?.value])).toEqual([
      ['基本支出', '2299.98'],
      ['项目支出', '156.2'],
    ]);
  });

  it('the form run into a paragraph is no narrative report: the lone form asks for no other part', () => {
    expect(report.narratives).toHaveLength(0);
    expect(findings.filter((f) => f.rule === 'coverage' && f.severity !== 'info')).toHaveLength(0);
  });

  it('a split is pruned as it grows: a long run glued from many figures is not cut off before the fitting cuts', () => {
    const split = splitGluedValues('2456.182456.182456.1810100%10', { kinds: ['budget', 'budget', 'executed', 'points', 'rate', 'points'] });
    expect(split.kind).toBe('split');
    if (split.kind === 'split') expect(split.values.map((v) => v.text)).toEqual(['2456.18', '2456.18', '2456.18', '10', '100', '10']);
  });
});

describe('held-out 20b: a contents page run together with its cover (湖北 省级财政项目资金绩效评价报告)', () => {
  it('the report title between a page number and the cover fields starts the report', () => {
    const found = findReports(docOf(linesOf('hb-gaosu-lianwang-2025')));
    expect(found.map((r) => r.title)).toEqual(['湖北省省级财政项目资金绩效评价报告']);
  });

  it('a contents list naming no report title starts none', () => {
    expect(findReports(docOf(['目 录一、项目基本情况..........3二、绩效评价工作情况..........5三、评价结论..........7']))).toHaveLength(0);
  });
});

describe('held-out 20b: sites visited are counted in 点次 (全南 地质灾害群测群防)', () => {
  it('1256 点次 is a count of its own, beside 596 人次', () => {
    const stats = statsOf('组织人员 596 人次、1256 点次进行隐患点实地排查。');
    expect(stats.map((s) => `${s.figure.value}${s.figure.unit}`)).toEqual(['596人次', '1256点次']);
  });
});
