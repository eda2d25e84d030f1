import { describe, expect, it } from 'vitest';
import { findReports } from '../../src/narrative/reports.js';
import { reportTitle } from '../../src/narrative/report-title.js';
import { checkModel as check } from '../helpers/check.js';
import { docOf, find, statsOf } from './helpers.js';

/**
 * Held-out 7 (reports nobody had read): the narrative classes that failed at first look, each on
 * the published text of its page (bench/results/corpus-2026-12-06-heldout7-*).
 */

/** 重庆市水利局 2019: the results of a third-party evaluation of a fund across 26 区县, as published. */
const CHONGQING_RESULTS = [
  '重庆市2018年度水利发展资金绩效评价结果的说明',
  '为进一步加强水利发展资金使用管理,提高财政资金使用效益,依据《重庆市财政局重庆市水利局关于印发〈重庆市水利发展资金绩效管理实施细则〉的通知》(渝财农〔2017〕106号)要求,市财政局、市水利局委托第三方,对除国家级贫困县以外的26个区县(含万盛经开区、两江新区,以下简称各区县)2018年度水利发展资金使用效益进行了绩效评价,现就评价结果予以公开:',
  '一、资金使用总体情况',
  '2018年,市财政局共下达市级及以上水利发展资金289403万元,其中:中央财政资金202377万元,市级财政资金87026万元;本次纳入绩效评价范围的市级及以上资金151640万元。总体上看,各区县重视水利发展资金绩效管理工作,资金效益得到有效发挥。',
];

describe('held-out 7: a publication of evaluation results is a report on performance', () => {
  it('重庆市2018年度水利发展资金绩效评价结果的说明: a place before the year and 的说明 after 结果', () => {
    expect(reportTitle('重庆市2018年度水利发展资金绩效评价结果的说明')?.runIn).toBe(false);
    expect(reportTitle('2023年度新增地方政府专项债券项目绩效评价情况')).not.toBeNull();
    // a numbered section heading, a sentence, or a line without a year stays a heading
    expect(reportTitle('三、2018年度绩效评价结果')).toBeNull();
    expect(reportTitle('二、绩效评价结果')).toBeNull();
    expect(reportTitle('绩效评价结果的说明')).toBeNull();
    const reports = findReports(docOf(CHONGQING_RESULTS));
    expect(reports.map((r) => r.title)).toEqual(['重庆市2018年度水利发展资金绩效评价结果的说明']);
  });

  it('its figures hold: 289403 = 202377 + 87026 (the 151640 after the semicolon is the evaluated scope), and (含A、B) is not the list of the 26', () => {
    const { findings } = check(docOf(CHONGQING_RESULTS));
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    const stats = statsOf(CHONGQING_RESULTS[3]);
    expect(find(stats, '151640万元').partOf).toBeNull();
    expect(find(stats, '87026万元').partOf).toBe(find(stats, '289403万元').id);
    expect(find(statsOf(CHONGQING_RESULTS[1]), '26个').listLength).toBeNull();
  });

  it('a 其中 list still runs past a semicolon when the parts before it do not add up', () => {
    const { findings } = check(docOf(['2023年度项目支出绩效自评报告', '2023年共下达资金300万元,其中:中央资金120万元,省级资金100万元;市级资金50万元。']));
    const f = findings.filter((x) => x.rule === 'narrative-total-parts');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('合计270');
  });
});

/** 寻甸县林业和草原局 2025: a cover whose 项目名称 field is broken over two lines, the second reading as a title. */
const XUNDIAN_COVER = [
  '寻甸县林业和草原局2023年异地造林补助资金项目支出绩效自评报告',
  '(2024年度)',
  '部门名称(公章):寻甸回族彝族自治县林业和草原局',
  '主管部门: 寻甸回族彝族自治县林业和草原局',
  '项目名称: 2023年异地造林补助资金项目支出',
  '绩效自评报告',
  '绩效自评日期: 2025年5月',
  '一、 项目基本情况',
  '(一)项目立项背景',
  '根据《寻甸回族彝族自治县财政支出绩效评价管理办法》,我局对2023年异地造林补助资金开展绩效自评,项目资金全部到位并按计划使用。',
];

describe('held-out 7: a cover page names the report in full', () => {
  it('the title on the cover wins over a short field line that also reads as a title (绩效自评报告)', () => {
    const reports = findReports(docOf(XUNDIAN_COVER));
    expect(reports).toHaveLength(1);
    expect(reports[0].first).toBe(0);
    expect(reports[0].title).toContain('寻甸县林业和草原局2023年异地造林补助资金项目支出绩效自评报告');
  });
});
