/**
 * Plants the real-corpus bench (bench/planted-real.ts, planted22) missed: one class each, on the corpus
 * document where the bench planted it. The unchanged document has no error or warning of the rule; the
 * planted one has one, carrying the changed figure.
 */
import { describe, expect, it } from 'vitest';
import { findingsOf, planted, show, source } from './planted-real-helpers.js';

const findings = (lines: string[], rule: string) => findingsOf(lines, (d) => d.rule === rule && d.severity !== 'info');

describe('planted22: classes the real reports hid', () => {
  it('xx-sixia-gaoqikeng-2019 (traditional script): 受益貧困人口滿意度≥96% → ≥106% is a share above 100% (an error)', async () => {
    const lines = source('xx-sixia-gaoqikeng-2019');
    expect(await findings(lines, 'rate-above-whole')).toEqual([]);
    const fs = await findings(planted(lines, '滿意度≥96%', '滿意度≥96%', '滿意度≥106%'), 'rate-above-whole');
    expect(fs.map((f) => [f.severity, f.values]), show(fs)).toEqual([['error', [106, 100]]]);
    expect(fs[0].message).toContain('满意度');
  }, 60_000);

  it('gx-guilin-haimian-2022 (a 转移支付 report): the fund named by its notice ("城市管网及污水处理补助资金预算(中央)3亿元") restates "中央财政下达…城市管网及污水处理补助资金共计3亿元"; 4亿元 is a warning', async () => {
    const lines = source('gx-guilin-haimian-2022');
    expect(await findings(lines, 'narrative-restated-differs')).toEqual([]);
    const fs = await findings(planted(lines, '资金预算(中央)3亿元', '资金预算(中央)3亿元', '资金预算(中央)4亿元'), 'narrative-restated-differs');
    // 3亿元 and 4亿元 are both ±0.5亿 as written: touching intervals are still two figures at one precision
    expect(fs.map((f) => [f.severity, f.values]), show(fs)).toEqual([['warning', [3, 4]]]);
  }, 60_000);

  it('ah-jinzhai-mabu-2023: "(二)…市级资金260.3万元" and "1.…市级资金286.3万元" are a section and an item of another level, not two items of one list', async () => {
    const lines = source('ah-jinzhai-mabu-2023');
    // as written: 省级资金转移支付 370.83 in (二), 124.23 in 1. (truth: relabelled, plausible); 中央级 124.23 of 755.19
    // against "下达中央级资金转移支付755.19万元" is the whole restated under its part's name, not a second finding
    const before = await findings(lines, 'narrative-restated-differs');
    expect(before.map((f) => f.values), show(before)).toEqual([[370.83, 124.23]]);
    const fs = await findings(planted(lines, '为奖励督查', '市级资金260.3万元', '市级资金286.3万元'), 'narrative-restated-differs');
    expect(fs.map((f) => [f.severity, f.values]), show(fs)).toEqual([['warning', [370.83, 124.23]], ['warning', [260.3, 286.3]]]);
  }, 60_000);

  it('yn-mile-kuangshan-2022: a web page\'s metadata lines (- 索引号, - 发布机构 …) above the title do not push it out of the head; its year 2022 → 2021 is an error', async () => {
    const lines = source('yn-mile-kuangshan-2022');
    expect(await findings(lines, 'year-consistency')).toEqual([]);
    const fs = await findings(planted(lines, '= 弥勒市', '2022年度', '2021年度'), 'year-consistency');
    expect(fs.map((f) => [f.severity, f.values]), show(fs)).toEqual([['error', [2021, 2022]]]);
  }, 60_000);

  it('hn-shaoyang-jikong-2021 (a document-sharing page, traditional script): its page captions "2021年項目績效自評報告表_第1頁" are title lines; one changed to 2020 is an error', async () => {
    const lines = source('hn-shaoyang-jikong-2021');
    expect(await findings(lines, 'year-consistency')).toEqual([]);
    const fs = await findings(planted(lines, '_第1頁', '2021年', '2020年'), 'year-consistency');
    expect(fs.map((f) => [f.severity, f.values]), show(fs)).toEqual([['error', [2020, 2021]]]);
  }, 60_000);
});
