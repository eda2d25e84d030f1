import { describe, expect, it } from 'vitest';
import { reportTitle } from '../../src/narrative/report-title.js';
import { find, seriousFindings as serious, statsOf } from './helpers.js';

/**
 * Held-out 17a (north: 河北, 天津, 宁夏 pages nobody had read): the classes that failed at first look, each on
 * the published text of its page (bench/results/corpus-2026-12-06-heldout17a-*).
 */


/** 天津市蓟州区 雪亮工程 2020: equipment counted in 套(台、块、项), one part in 台(套). */
const XUELIANG_TITLE = '天津市雪亮工程转移支付2020年度绩效自评报告';
const XUELIANG =
  '2020年中央下达我市用于疫情防控的天津市蓟州区公共全视频监控建设联网应用项目(雪亮工程)建设(简称:雪亮工程)转移支付预算2842.5157万元,要建设公共视频联网共享总平台,综合分平台和公安分平台,第一包围圈、第二包围圈、区块前端布控点位完善,手机移动终端管控系统及人脸识别系统,两处精品智慧社区、光纤租用和机房托管。共建设和安装软硬件设备共16954套(台、块、项),其中:总平台安装软硬件设备558套(台、块、项);综治分平台安装软硬件设备1488套(台、块、项),公安分平台安装软硬件设备34套(台、块、项);前端视频监控补点建设安装设备14666台(套);综治精品社区软硬件设备242套(台、块、项)。年内完成项目总体30%投入。';

describe('held-out 17a: count units offered as alternatives in brackets (蓟州 雪亮工程 2020)', () => {
  it('a bracket of units after a count is no list of items', () => {
    expect(find(statsOf(XUELIANG), '16954套').listLength).toBeNull();
    expect(find(statsOf(XUELIANG), '558套').listLength).toBeNull();
    expect(serious([XUELIANG_TITLE, '一、绩效目标分解下达情况', XUELIANG], 'narrative-list-count')).toEqual([]);
  });

  it('a part in 台(套) belongs to a total in 套(台、块、项): one finding, the parts exceeding the whole', () => {
    const stats = statsOf(XUELIANG);
    expect(find(stats, '14666台').partOf).toBe(find(stats, '16954套').id);
    const findings = serious([XUELIANG_TITLE, '一、绩效目标分解下达情况', XUELIANG]);
    expect(findings.map((f) => f.rule)).toEqual(['narrative-total-parts']);
    expect(findings[0].severity).toBe('error');
    expect(findings[0].values).toEqual([16954, 16988]);
  });

  it('parts that add up in alternative units are left alone', () => {
    const holding = XUELIANG.replace('16954套', '16988套');
    expect(serious([XUELIANG_TITLE, '一、绩效目标分解下达情况', holding])).toEqual([]);
  });

  it('a bracket naming things, not units, is still a list', () => {
    expect(find(statsOf('共检查3项(消防、用电、用气)。'), '3项').listLength).toBe(3);
  });
});

describe('held-out 17a: a title that states the result of an evaluation (宁夏 葡萄酒产业园区 2021)', () => {
  it('is a report title', () => {
    expect(reportTitle('2021年葡萄酒产业发展项目支出绩效评价评定等次为优')?.runIn).toBe(false);
    expect(reportTitle('2022年度农村公路养护资金绩效评价结果为“良”')).not.toBeNull();
  });

  it('a numbered heading or a sentence stating a grade is none', () => {
    expect(reportTitle('三、绩效评价评定等次为优')).toBeNull();
    expect(reportTitle('经评价，2021年葡萄酒产业发展项目支出绩效评价评定等次为优。')).toBeNull();
  });
});
