/**
 * Plants the real-corpus bench (bench/planted-real.ts, planted31) missed, on the corpus document where the bench planted
 * them: a count of what was evaluated against the counts per grade that follow it (评价等级分布: 优 6个 + 良 18个 = 24个项目),
 * and an amount restated with its change on last year and that change's rate (同比增加209.28万元，增加35.9%). The unchanged
 * document has no error or warning of the rule; the planted one has one, carrying the changed figure. Tallies that are only a
 * part (其中…) or left open (…等) are not read as every grade.
 */
import { describe, expect, it } from 'vitest';
import { findingsOf, planted, plantedIn, source } from './planted-real-helpers.js';

describe('planted31: grade tallies against the count evaluated', () => {
  // "24个项目支出绩效评价中,绩效评价等级为“优”的项目计6个,绩效评价等级为“良”的项目计18个。" (the count in the tallies' sentence)
  it('sx-yanggao-zhongdian-2024: 26个项目 evaluated, 优 6 + 良 18 = 24', async () => {
    const fs = await plantedIn('sx-yanggao-zhongdian-2024', 'grade-tally-sum', '的项目计6个', '24个项目支出绩效评价中', '26个项目支出绩效评价中');
    expect(fs).toEqual([['warning', [26, 24, 6, 18], expect.stringContaining('其后各评价等级个数（“优”6个、“良”18个）合计24个，与评价总数26个不符')]]);
  }, 60_000);

  // "…政策和项目,共计11个,涉及资金33258.4万元。评价结果显示,…“优”的项目有1项,…“良”的项目有6项,…“中”的项目有4项。"
  // (the count named before 共计, in the sentence before; 个 and 项 count the same items)
  it('cq-jiangbei-zhongdian-2021: 政策和项目共计12个, 优 1 + 良 6 + 中 4 = 11 项', async () => {
    const fs = await plantedIn('cq-jiangbei-zhongdian-2021', 'grade-tally-sum', '共计11个', '共计11个', '共计12个');
    expect(fs).toEqual([['warning', [12, 11, 1, 6, 4], expect.stringContaining('（“优”1项、“良”6项、“中”4项）合计11个，与评价总数12个不符')]]);
  }, 60_000);

  // "复核评价的50个项目,复核等次为“优秀”的5个,…“良好”的23个,…“中(一般)”的22个": a grade with its second name in brackets
  it('zj-wencheng-pingjia-2024: 优秀 5 + 良好 23 + 中(一般) 22 against 复核评价的55个项目', async () => {
    const fs = await plantedIn('zj-wencheng-pingjia-2024', 'grade-tally-sum', '复核评价的50个', '复核评价的50个', '复核评价的55个');
    expect(fs).toEqual([['warning', [55, 50, 5, 23, 22], expect.stringContaining('合计50个，与评价总数55个不符')]]);
  }, 60_000);

  // "选取7个项目开展重点评价…。经过第三方机构评审,等级为优良(80分以上)的项目有4个,占57%,等级为中(70-80分)的项目有3个": 为 + grade, a band after it
  it('gd-jianghai-shuoming-2018: 优良 4 + 中 3 against 选取8个项目', async () => {
    const fs = await plantedIn('gd-jianghai-shuoming-2018', 'grade-tally-sum', '选取7个项目', '选取7个项目', '选取8个项目');
    expect(fs).toEqual([['warning', [8, 7, 4, 3], expect.stringContaining('（“优良”4个、“中”3个）合计7个')]]);
  }, 60_000);

  // "2022年共对9个重点项目进行了评价,其中项目支出评价4个、政策评价3个、部门整体评价2个,…。…“良”的8个,“中”的1个":
  // a tally mistyped is this rule's; the count mistyped breaks its own 其中 parts too, and that is narrative-total-parts' one finding
  it('zj-quzhou-zhongdian-2022: 良 7 + 中 1 against 9个重点项目; 10个 with its 其中 parts 4+3+2 left to narrative-total-parts', async () => {
    const fs = await plantedIn('zj-quzhou-zhongdian-2022', 'grade-tally-sum', '“良”的8个', '“良”的8个', '“良”的7个');
    expect(fs).toEqual([['warning', [9, 8, 7, 1], expect.stringContaining('合计8个，与评价总数9个不符')]]);
    const total = await findingsOf(planted(source('zj-quzhou-zhongdian-2022'), '共对9个', '共对9个', '共对10个'), (f) => f.severity !== 'info' && /grade-tally-sum|narrative-total-parts/.test(f.rule));
    expect(total.map((f) => f.rule)).toEqual(['narrative-total-parts']);
  }, 60_000);

  // a part of the grades (其中…) or an open list (…等) does not tell every grade: not compared
  it('sx-yanggao-zhongdian-2024: tallies after 其中, or ending in 等, are not every grade', async () => {
    const keep = (f: { rule: string; severity: string }) => f.rule === 'grade-tally-sum' && f.severity !== 'info';
    const lines = planted(source('sx-yanggao-zhongdian-2024'), '的项目计6个', '24个项目支出绩效评价中', '26个项目支出绩效评价中');
    expect(await findingsOf(planted(lines, '的项目计6个', '绩效评价等级为“优”', '其中绩效评价等级为“优”'), keep)).toEqual([]);
    expect(await findingsOf(planted(lines, '的项目计6个', '的项目计18个', '的项目计18个等'), keep)).toEqual([]);
  }, 60_000);
});

describe('planted31: a change on last year and its rate', () => {
  // "1、收入:792.22万元。同比上年度增加189.25万元,增加31.39%。其中:财政拨款收入792.22万元,同比上年度增加209.28万元,增加35.9%。"
  it('hn-nanxian-zhengxie-2021: 财政拨款收入729.22万元 (two digits swapped), 同比增加209.28万元, 增加35.9%', async () => {
    const fs = await plantedIn('hn-nanxian-zhengxie-2021', 'narrative-change-rate', '其中:财政拨款收入', '财政拨款收入792.22', '财政拨款收入729.22');
    expect(fs).toEqual([['warning', [35.9, 40.25, 729.22, 209.28], expect.stringContaining('称财政拨款收入729.22万元，同比增加209.28万元、增加35.9%：上年应为519.94万元（729.22−209.28），增长率应为40.25%')]]);
  }, 60_000);

  // "…2437.54万元,比上年减少497.8万元,下降16.96%": a decrease is over this year plus the decrease; one digit of the rate changed
  it('bj-fengtai-shewu-juesuan-2022: 比上年减少497.8万元, 下降16.69% (digits swapped) against 2437.54万元', async () => {
    const fs = await plantedIn('bj-fengtai-shewu-juesuan-2022', 'narrative-change-rate', '下降16.96%', '下降16.96%', '下降16.69%');
    expect(fs).toEqual([['warning', [16.69, 16.96, 2437.54, 497.8], expect.stringContaining('上年应为2935.34万元（2437.54+497.8），下降率应为16.96%')]]);
  }, 60_000);
});
