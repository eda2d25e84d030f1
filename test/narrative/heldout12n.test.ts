import { describe, expect, it } from 'vitest';
import { findReports } from '../../src/narrative/reports.js';
import { docOf, find, seriousFindings as serious, statsOf } from './helpers.js';

/**
 * Held-out 12n (narrative-only reports nobody had read): the classes that failed at first look, each on
 * the published text of its page (bench/results/corpus-2026-12-06-heldout12n-*).
 */


/** 青岛 职业技能提升行动 (a journal's case study, traditional characters): thousands grouped by a space. */
const QINGDAO =
  '資金總體安排規模64 000萬元,該項目尚在執行期間,本次績效評價期間2019年11月至2021年5月,評價期間內預算下撥金額共計54 440.73萬元(其中:截止2021年5月末實際執行金額46 766.90萬元),截止2021年5月末財政專賬資金結余金額11 073.80萬元(其中:包含專賬資金產生的利息收益1 514.53萬元)。';

describe('held-out 12n: thousands grouped by a space before an amount unit', () => {
  it('reads 64 000萬元, 54 440.73萬元 and 1 514.53萬元 as whole numbers (青岛)', () => {
    const stats = statsOf(QINGDAO);
    expect(find(stats, '64 000萬元').normalizedValue).toBe('64000');
    expect(find(stats, '54 440.73萬元').normalizedValue).toBe('54440.73');
    expect(find(stats, '1 514.53萬元').normalizedValue).toBe('1514.53');
  });

  it('so a 其中 part below its whole is not said to exceed it', () => {
    const lines = ['青島市職業技能提升行動項目支出財政績效評價報告', '一、項目基本情況', QINGDAO, '二、評價實施情況', '對青島市職業技能提升專賬資金對應的各項政策的落實情況、資金發放情況、資金支出效益等方面進行績效評價。'];
    expect(serious(lines, 'narrative-subset-exceeds')).toEqual([]);
  });

  it('a space between a number and a rate or count stays two figures', () => {
    expect(statsOf('表1 100%的项目已完成,指标2 300个已下达。').map((s) => s.figure.text)).toEqual(['100%', '300个']);
  });
});

/** 虎林市林业和草原局 2021 (a bid site hid most amounts): a batch's list holds reductions and hidden parts. */
const HULIN = [
  '虎林市林业和草原局2021年度中央对地方转移支付预算执行情况绩效自评报告',
  '一、绩效目标分解下达情况',
  '中央下达补助资金 点击查看>> 万元。',
  '二、绩效目标完成情况分析',
  '(一)资金投入情况分析',
  '根据黑财指农(资环)【2021】 (略) 文件,下达给我单位资金 点击查看>> 万元,其中:国家级森林生态效益补偿资金到位 点击查看>> 万元,天然商品林停伐管护补助 点击查看>> 万元,集体和个人商品林管护补助7.36万元,造林补助2.35万元,中幼林育补助 点击查看>> 万元,有害生物防治费9.03万元。',
  '根据黑财指农(资环)【2021】 (略) 文件,下达给我单位资金1.53万元,其中:退耕还林抚育 点击查看>> 万元,国家级森林生态效益补偿资金调减2.66万元,森林抚育补助调减 点击查看>> 万元,造林补助2.42万元,上一轮集体和个人国家级公益林2.88万元,上一轮退耕还林生态林补助1.12万元。',
  '(二)年度总体绩效目标完成情况:',
  '虎林市从2002年实施森林生态效益补助(补偿)制度开始,保证了生态补偿工作的顺利实施。中央财政补助资金全年共 点击查看>> 万元,拨付使用了 点击查看>> 万元,预算执行率100%。',
  '天然商品林停伐管护补助资金全年共 点击查看>> 万元,当年未使用,预算执行率0%。',
];

describe('held-out 12n: hidden amounts, reductions and two batches (虎林 2021)', () => {
  it('no error or warning at all on the page', () => {
    expect(serious(HULIN)).toEqual([]);
  });

  it('调减2.66万元 is a change of the batch, not one of its parts', () => {
    const s = find(statsOf(HULIN[6]), '2.66万元');
    expect(s.partOf).toBeNull();
  });

  it('a complete list with a reduction among its parts is still summed without it', () => {
    const lines = HULIN.slice(0, 5).concat('下达给我单位资金1.53万元,其中:国家级森林生态效益补偿资金调减2.66万元,造林补助2.42万元,上一轮退耕还林生态林补助1.12万元。');
    expect(serious(lines, 'narrative-total-parts')).toHaveLength(1);
  });

  it('one fund’s rate stated twice with two values is still a restatement', () => {
    const lines = HULIN.slice(0, 8).concat(
      '中央财政补助资金全年共1.53万元,拨付使用了1.53万元,预算执行率100%。',
      '三、偏离绩效目标的原因和下一步改进措施',
      '中央财政补助资金全年共1.53万元,预算执行率90%。',
    );
    expect(serious(lines).filter((f) => f.values.includes(100) && f.values.includes(90))).toHaveLength(1);
  });
});

/** 公共就业服务能力提升示范项目 2024 (湖南, names masked): budget, arrived and spent, each with its sources. */
const JIUYE = [
  '公共就业服务能力提升示范项目绩效自评报告',
  '一、项目资金使用及管理情况',
  '(一)项目资**排结构、总投入等情况',
  '示范项目总预算36,620万元,经调整后资金的来源为:中央财政补助10,000万元,省级财政补助5,000万元,地市财政补助15920万元,其他资金渠道5700万元。',
  '截至2024年末,示范项目资金已到位36,982.43万元,其中:中央财政补助资金10,000万元,地方财政配套补助资金21,106.24万元,其他资金渠道5,876.19万元。',
  '(二)项目资金实际使用情况',
  '截至2024年末,示范项目资金已使用36,948.11万元,其中:中央财政补助资金9,965.68万元(含零障碍信息化建设项目待支付合同进度款1436.8万元),地方财政配套补助资金21,106.24万元,其他资金渠道5,876.19万元。示范项目资金主要用于就业创业服务相关活动支出、就业创业服务信息平台建设和对各类建设项目的奖补。',
];

describe('held-out 12n: a source of money under budget, arrived and spent is three measures', () => {
  it('no mismatch between 中央 10,000 (arrived) and 9,965.68 (spent), nor 5700 (budget) and 5,876.19 (arrived)', () => {
    expect(serious(JIUYE)).toEqual([]);
  });

  it('资金的来源为 announces the budget’s parts: a wrong source is summed', () => {
    const lines = JIUYE.slice(0, 3).concat('示范项目总预算36,620万元,经调整后资金的来源为:中央财政补助10,000万元,省级财政补助5,000万元,地市财政补助15920万元,其他资金渠道5600万元。');
    expect(serious(lines, 'narrative-total-parts')).toHaveLength(1);
  });
});

describe('held-out 12n: reports named by their outline or their results', () => {
  it('瓯海 排水管网 2022 without a title: 一、基本情况 (一)项目概况 (二)项目绩效目标', () => {
    const lines = [
      '一、基本情况',
      '(一)项目概况',
      '瓯海区排水管网工程(二期)是为进一步提高污水收集率,加快实施雨污分流,改善城区水体的水质。项目总投资约22.66亿元,对纳入整治的村镇集聚区等现状雨污水管网进行深度排查,其中22个项目已完工,剩余项目均在顺利推进中。',
      '该项目申请专项债券资金11亿元,2022年已拨付资金6亿元,已全部投入使用。',
      '(二)项目绩效目标',
      '1.总体目标:',
      '通过项目建设,深入开展“污水零直排区”建设工作,全面深化治污水工作,加快补齐生态环境短板。',
    ];
    expect(findReports(docOf(lines))).toHaveLength(1);
  });

  it('a 决算 page listing 基本情况 and 项目概况 without 绩效目标 is not a report', () => {
    const lines = ['一、基本情况', '(一)项目概况', '本单位2022年度收入支出决算总计1523.26万元,其中基本支出1200万元,项目支出323.26万元。', '(二)机构设置', '本单位内设办公室、财务室等科室。'];
    expect(findReports(docOf(lines))).toHaveLength(0);
  });

  it('湖北科技学院 “2021年度本专科生奖助学金项目自评结果” is the report’s title', () => {
    const lines = [
      '2021年度本专科生奖助学金项目自评结果',
      '一、自评结论',
      '(一)评价得分情况。',
      '对照2021度本专科生奖助学金项目年初绩效目标及项目实际完成情况,自评小组经过自评,综合评价得分为 99.8分。',
      '2021年本专科生奖助学金项目实际下达预算2596万元,全年度实际总支出2595.6208 万元,项目预算执行率99%。',
    ];
    const reports = findReports(docOf(lines));
    expect(reports).toHaveLength(1);
    expect(reports[0].title).toBe('2021年度本专科生奖助学金项目自评结果');
  });
});
