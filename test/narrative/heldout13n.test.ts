import { describe, expect, it } from 'vitest';
import { reportTitle } from '../../src/narrative/report-title.js';
import { checkModel as check } from '../helpers/check.js';
import { docOf, find, seriousFindings as serious, statsOf } from './helpers.js';

/**
 * Held-out 13n (narrative-only reports nobody had read): the classes that failed at first look, each on
 * the published text of its page (bench/results/corpus-2026-12-06-heldout13n-*).
 */


/** 南县住房和城乡建设局 2018 整体支出绩效评价报告: the stored page stops inside the list of 编制. */
const NANXIAN_TITLE = '南县住房和城乡建设局2018年度整体支出绩效评价报告';
const NANXIAN_STAFF =
  '1、组织机构设置及人员情况:南县住房和城乡建设局正科级行政单位,内设办公室、人事股、财计股、法规股、联合工会、政务服务股、房改股、城建档案馆、城市建设股、村镇建设股、规划技术股、规划管理股、建筑管理股、公用事业股、建设工程管理站、燃气办、质安监站、建筑材料检测中心、城乡规划建设服务中心、规划勘测设计院、信息中心21个股室和直属单位,另按规定设立了机关党支部、纪检监察室。下辖自来水公司、环境卫生管理处、公用事业设施管理站、德昌公园管理处、路灯管理所、建筑勘察设计院、园林绿化管理处、建筑工程公司8个二级单位。全局现有在职人员246人,离退休人员85人。行政事业总编制为249个,其中行政编13个、全额事业编45个、差额';

describe('held-out 13n: a 其中 list naming one more part without its figure', () => {
  it('is not summed where the page stops at the unnumbered part (南县 2018)', () => {
    expect(serious([NANXIAN_TITLE, '一、部门概况', NANXIAN_STAFF], 'narrative-total-parts')).toEqual([]);
    expect(find(statsOf(NANXIAN_STAFF), '13个').partOf).toBeNull();
  });

  it('nor where the figureless part ends the sentence after 、', () => {
    const text = '行政事业总编制为249个,其中行政编13个、全额事业编45个、差额事业编。';
    expect(find(statsOf(text), '45个').partOf).toBeNull();
  });

  it('a list whose last part has its figure is still summed, and a shortfall still reported', () => {
    const text = NANXIAN_STAFF.replace(/差额$/, '差额事业编100个。');
    expect(find(statsOf(text), '100个').partOf).not.toBeNull();
    expect(serious([NANXIAN_TITLE, '一、部门概况', text], 'narrative-total-parts')).toHaveLength(1);
  });

  it('a clause after the last part is no unnamed part', () => {
    const text = '下达资金30万元,其中中央资金20万元,省级资金10万元,已全部到位。';
    expect(find(statsOf(text), '10万元').partOf).not.toBeNull();
  });
});

/** 重庆市大足区土门中心小学 2021: one paragraph per project, each amount named by the file chain's tail. */
const TUMEN = [
  '重庆市大足区土门中心小学2021项目资金 绩效自评报告',
  '一、基本情况',
  '(一)项目基本情况',
  '1.预算项目情况分析',
  '2021年年初预算项目5个,全年共计5个项目完成',
  '-渝财教[2019]251号,(大足教财[2021]4号)-提前下达2020年城乡义务教育经费保障机制中央和市级资金-校舍维修9.8万元;',
  '渝财教[2020]209号-(大足教财[2021]94号)(大足财预[2021]1号)从教委调剂至珠溪镇土门中心小学--厕所改造工程-关于提前下达2021年城乡义务教育经费保障机制中央和市级资金预算的通知(校舍维修)-中央3.07万元,渝财教[2021]29号,(大足教财[2021]96号)(大足财教[2021]15号)从教委调剂至珠溪镇土门中心小学--厕所改造工程-下达2021年城乡义务教保障机制中央和市级资金--中央资金--校舍维修3.23万元;',
  '渝财教[2020]209号-(大足教财[2021]94号)(大足财预[2021]1号)从教委调剂至珠溪镇土门中心小学--功能室改造工程-关于提前下达2021年城乡义务教育经费保障机制中央和市级资金预算的通知(校舍维修)-中央10万元;',
  '渝财教[2020]209号-(大足教财[2021]94号)(大足财预[2021]1号)从教委调剂至珠溪镇土门中心小学--教学楼外墙瓷砖脱落改造工程-关于提前下达2021年城乡义务教育经费保障机制中央和市级资金预算的通知(校舍维修)-中央10万元;',
  '渝财教[2020]209号-(大足教财[2021]94号)(大足财预[2021]1号)从教委调剂至珠溪镇土门中心小学--校门改造工程-关于提前下达2021年城乡义务教育经费保障机制中央和市级资金预算的通知(校舍维修)-中央10万元。',
];

describe('held-out 13n: one name, several projects (土门中心小学 2021)', () => {
  it('no error or warning on the list of projects', () => {
    expect(serious(TUMEN)).toEqual([]);
  });

  it('one project named twice with two amounts is still reported', () => {
    const lines = [
      ...TUMEN.slice(0, 4),
      '珠溪镇土门中心小学--功能室改造工程-关于提前下达2021年城乡义务教育经费保障机制中央和市级资金预算的通知(校舍维修)-中央10万元;',
      '二、绩效目标完成情况',
      '珠溪镇土门中心小学--功能室改造工程-关于提前下达2021年城乡义务教育经费保障机制中央和市级资金预算的通知(校舍维修)-中央12万元。',
    ];
    expect(serious(lines).filter((f) => f.values.includes(10) && f.values.includes(12))).toHaveLength(1);
  });
});

describe('held-out 13n: a self-evaluation titled without 报告 (彭水 2024)', () => {
  it('is a report title when a year names it near its head', () => {
    expect(reportTitle('彭水自治县2024年度中央对地方转移支付计划生育服务项目绩效自评')?.kind).toBe('project');
  });

  it('a numbered heading or a form caption is not', () => {
    expect(reportTitle('四、2024年度项目绩效自评')).toBeNull();
    expect(reportTitle('彭水自治县2024年度中央对地方转移支付计划生育服务项目绩效自评表')).toBeNull();
  });
});

/** 彭水 2024 计划生育服务 自评表 flattened into lines: amounts bare under a caption in (万元). */
const PENGSHUI = [
  '彭水自治县2024年度中央对地方转移支付计划生育服务项目绩效自评',
  '预算资金安排 2024年度计划生育转移支付资金预算安排情况。',
  '计划生育转移支付资金合计(万元) 年度预算资金总额): 1084.25',
  '其中:中央补助 668.00',
  '市级资金 343.00',
  '本级资金(包括结转结余) 73.25',
  '计划生育家庭特别扶助制度补助资金(万元)',
  '年度预算资金总额: 321.25',
  '其中:中央补助 166.00',
  '市级资金 136.00',
  '本级资金(包括结转结余) 20.25',
];

describe('held-out 13n: bare amounts under a caption in (万元) (彭水 2024)', () => {
  it('reads each line’s bare amount in the caption’s unit', () => {
    const stats = check(docOf(PENGSHUI)).report.statistics;
    expect(find(stats, '1084.25').normalizedUnit).toBe('万元');
    expect(find(stats, '668.00').label).toContain('中央补助');
    expect(find(stats, '321.25').dimension).toBe('money');
  });

  it('run together by a PDF, the 其中 parts are summed: 166.00 + 136.00 + 20.25 = 322.25 is not 321.25', () => {
    const joined = PENGSHUI.slice(6).join('');
    const total = find(statsOf('计划生育转移支付资金合计(万元) 年度预算资金总额): 1084.25其中:中央补助668.00市级资金343.00本级资金(包括结转结余) 73.25其中:'), '1084.25');
    expect(total.normalizedUnit).toBe('万元');
    const lines = [PENGSHUI[0], PENGSHUI[1], joined];
    const found = serious(lines, 'narrative-total-parts');
    expect(found).toHaveLength(1);
    expect(found[0].values).toEqual([321.25, 322.25]);
  });

  it('one line a cell, as Word keeps them, the same: one finding, the block that holds stays quiet', () => {
    const found = serious(PENGSHUI);
    expect(found.map((f) => f.rule)).toEqual(['narrative-total-parts']);
    expect(found[0].values).toEqual([321.25, 322.25]);
  });

  it('a sentence ends the caption’s reach, and whole numbers stay unread', () => {
    expect(statsOf('补助资金(万元)。年度预算资金总额: 763.00').map((s) => s.figure.text)).toEqual([]);
    expect(statsOf('补助资金(万元) 项目个数 12').map((s) => s.figure.text)).toEqual([]);
  });
});
