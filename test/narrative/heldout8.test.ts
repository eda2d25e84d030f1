import { describe, expect, it } from 'vitest';
import { findReports } from '../../src/narrative/reports.js';
import { checkModel as check } from '../helpers/check.js';
import { docOf, find, statsOf } from './helpers.js';

/**
 * Held-out 8 (reports nobody had read): the narrative classes that failed at first look, each on the
 * published text of its page (bench/results/corpus-2026-12-06-heldout8-*).
 */

/** An aggregator's digest of a 湖南 专项资金 自评报告 (2022): the whole report run into one paragraph. */
const RUN_ON =
  '一、绩效目标分解下达情况湖南省文化旅游厅、湖南省财政厅(湘财文指〔2022〕30号)下达2022年湖南省文化和旅游专项资金20万元,二、绩效目标完成情况分析(一)资金投入情况分析1.项目资金到位情况,其中专项资金20万元于202年1月11日全部到位,2.项目资金执行情况分析,专项资金20万元,3.项目资金管理分析,(二)总体绩效目标完成情况分析该项目专项资金根据全年总体绩效目标正在进行中(该项目的实施期限为2022年6月--2023年6月),(三)绩效指标完成情况分析,剧本创作费5万元,音乐创作费2万元,2.效益指标完成情况分析(1)经济效益,该项目以全免费送戏下乡及周末剧场惠民演出,3.满意度指标完成情况分析,该项目实施过程中,四、绩效自评结果拟应用和公开情况本次绩效自评结果根据财政支出管理、资金使用绩效管理水平、提高资金使用效益为宗旨。';

describe('held-out 8: a report run into one paragraph is a report', () => {
  it('the template headings inside the paragraph (一、绩效目标分解下达情况… 二、… 四、绩效自评结果…) and its figures make it one', () => {
    const reports = findReports(docOf([RUN_ON]));
    expect(reports).toHaveLength(1);
    const { report, findings } = check(docOf([RUN_ON]));
    expect(report.narratives).toHaveLength(1);
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    const stats = statsOf(RUN_ON);
    expect(find(stats, '5万元').figure.value).toBe('5');
    expect(find(stats, '2万元').figure.value).toBe('2');
  });

  it('a notice listing the sections a report must hold, without amounts, is not a report', () => {
    const notice = '报告内容包括:一、绩效目标分解下达情况,二、绩效目标完成情况分析(一)资金投入情况分析,(二)总体绩效目标完成情况分析,三、偏离绩效目标的原因和下一步改进措施,四、绩效自评结果拟应用和公开情况。';
    expect(findReports(docOf([notice]))).toEqual([]);
  });
});

/** 埇桥区 2022: the page's title, 附件2, then the attachment's shorter title. */
const YONGQIAO = [
  '埇桥区2021年省级旅游发展资金绩效自评报告',
  '附件2',
  '埇桥区2021年度绩效自评报告',
  '一、 绩效目标情况',
  '根据《安徽省财政厅关于提前下达2021省级文化文物及旅游发展补助资金预算的通知》(皖财教〔20201535号)文件精神,下达我区87万元2021年省级旅游发展资金。',
  '绩效目标完成情况分析',
  '一)资金投入情况分析。',
  '1项目资金到位情况分析。',
  '接到资金下达文化后,及时申请资金拨付,项目资金到位率100%。',
];

describe('held-out 8: the page title that names the fund wins over the attachment title', () => {
  it('埇桥区2021年省级旅游发展资金绩效自评报告 over 埇桥区2021年度绩效自评报告', () => {
    const reports = findReports(docOf(YONGQIAO));
    expect(reports).toHaveLength(1);
    expect(reports[0].title).toBe('埇桥区2021年省级旅游发展资金绩效自评报告');
  });

  it('a page title over two reports (…支出及项目支出…) does not replace the report title under it', () => {
    const reports = findReports(docOf(['部门整体支出及项目支出绩效评价报告', '【字体: 】 【发布时间:2022-04-15 14:54】 【作者:县政协办】【阅读:', '部门整体支出绩效评价报告', '一、基本情况', '2021年部门决算收入792.22万元,支出799.12万元,其中人员经费支出434.89万元。']));
    expect(reports.at(-1)!.title).toBe('部门整体支出绩效评价报告');
  });
});

describe('held-out 8 batch B: 其中 lists of money', () => {
  it('another year’s 结余 after a part that already equals the total is beside it, not in it (第十四师 2019)', () => {
    const text = '第十四師2019年度農機購置補貼資金預算數60萬元,其中包括兵團補貼農機購置補貼資金60萬, 2018年度農機購置補貼結余資金12.664萬元。2019年度的農機購置補貼資金指標在2019年9月25日已全部到位。';
    const { findings } = check(docOf(['農機購置補貼支出績效自評報告', '1.項目資金到位情況分析。', text]));
    expect(findings.filter((f) => f.rule === 'narrative-total-parts' || f.rule === 'narrative-subset-exceeds')).toEqual([]);
    // the same 其中 with a third part of this year is still summed and found wrong
    const wrong = '2019年度農機購置補貼資金預算數60萬元,其中包括兵團補貼資金50萬元,師市補貼資金12萬元。';
    const f = check(docOf(['農機購置補貼支出績效自評報告', '1.項目資金到位情況分析。', wrong])).findings.filter((x) => x.rule === 'narrative-total-parts');
    expect(f).toHaveLength(1);
  });

  it('a total written in 元 over parts in 万元 is one finding (the sum), not one more per part', () => {
    const text = '1.項目資金到位情況分析。2024年農機購置補貼項目資金全年預算數2089元:其中中央轉移支付財政資金預算資金合計1777萬元,占比85.06 %;省級配套農機購置補貼資金312萬元,占比14.94%。';
    const { findings } = check(docOf(['2024年農機購置補貼項目績效自評報告', '二、績效目標完成情況分析', text]));
    const serious = findings.filter((f) => f.severity !== 'info');
    expect(serious.map((f) => f.rule)).toEqual(['narrative-total-parts']);
    expect(serious[0].message).toContain('2089元');
  });
});
