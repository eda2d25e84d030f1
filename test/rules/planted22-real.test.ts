/**
 * Plants the real-corpus bench (bench/planted-real.ts, planted22) missed: one class each, on the corpus
 * document where the bench planted it. The unchanged document has no error or warning of the rule
 * (or only those listed); the planted one has one more, carrying the changed figure.
 */
import { describe, expect, it } from 'vitest';
import { findingsOf, planted, show, source } from './planted-real-helpers.js';

const findings = (lines: string[], rule: string) => findingsOf(lines, (d) => d.rule === rule && d.severity !== 'info');

/** The rule's [severity, values] on the document as written (`before`) and with `from` → `to` on the line holding `where`. */
async function plantedIn(id: string, rule: string, where: string, from: string, to: string, before: unknown[] = []): Promise<unknown[]> {
  const lines = source(id);
  const asIs = await findings(lines, rule);
  expect(asIs.map((f) => f.values), show(asIs)).toEqual(before);
  const fs = await findings(planted(lines, where, from, to), rule);
  return fs.map((f) => [f.severity, f.values, f.message]);
}

describe('planted22: classes the real reports hid', () => {
  it('xx-sixia-gaoqikeng-2019 (traditional script): 受益貧困人口滿意度≥96% → ≥106% is a share above 100% (an error)', async () => {
    const fs = await plantedIn('xx-sixia-gaoqikeng-2019', 'rate-above-whole', '滿意度≥96%', '滿意度≥96%', '滿意度≥106%');
    expect(fs).toEqual([['error', [106, 100], expect.stringContaining('满意度')]]);
  }, 60_000);

  it('gx-guilin-haimian-2022 (a 转移支付 report): the fund named by its notice ("城市管网及污水处理补助资金预算(中央)3亿元") restates "中央财政下达…城市管网及污水处理补助资金共计3亿元"; 4亿元 is a warning', async () => {
    const fs = await plantedIn('gx-guilin-haimian-2022', 'narrative-restated-differs', '资金预算(中央)3亿元', '资金预算(中央)3亿元', '资金预算(中央)4亿元');
    // 3亿元 and 4亿元 are both ±0.5亿 as written: touching intervals are still two figures at one precision
    expect(fs).toEqual([['warning', [3, 4], expect.stringContaining('城市管网及污水处理补助资金')]]);
  }, 60_000);

  it('ah-jinzhai-mabu-2023: "(二)…市级资金260.3万元" and "1.…市级资金286.3万元" are a section and an item of another level, not two items of one list', async () => {
    // as written: 省级资金转移支付 370.83 in (二), 124.23 in 1. (truth: relabelled, plausible); 中央级 124.23 of 755.19
    // against "下达中央级资金转移支付755.19万元" is the whole restated under its part's name, not a second finding
    const relabelled = [370.83, 124.23];
    const fs = await plantedIn('ah-jinzhai-mabu-2023', 'narrative-restated-differs', '为奖励督查', '市级资金260.3万元', '市级资金286.3万元', [relabelled]);
    expect(fs).toEqual([['warning', relabelled, expect.any(String)], ['warning', [260.3, 286.3], expect.stringContaining('市级资金')]]);
  }, 60_000);

  it("yn-mile-kuangshan-2022: a web page's metadata lines (- 索引号, - 发布机构 …) above the title do not push it out of the head; its year 2022 → 2021 is an error", async () => {
    const fs = await plantedIn('yn-mile-kuangshan-2022', 'year-consistency', '= 弥勒市', '2022年度', '2021年度');
    expect(fs).toEqual([['error', [2021, 2022], expect.stringContaining('弥勒市自然资源局2021年度')]]);
  }, 60_000);

  it('hn-shaoyang-jikong-2021 (a document-sharing page, traditional script): its page captions "2021年項目績效自評報告表_第1頁" are title lines; one changed to 2020 is an error', async () => {
    const fs = await plantedIn('hn-shaoyang-jikong-2021', 'year-consistency', '_第1頁', '2021年', '2020年');
    expect(fs).toEqual([['error', [2020, 2021], expect.stringContaining('_第1頁')]]);
  }, 60_000);

  it('js-haimian-zhuanyi-2021 (traditional script, glossed): a news lead naming the report by its whole title is that report — its 3.6億元 → 4.0億元 against the report\'s 共计3.6億元 is a warning', async () => {
    const fs = await plantedIn('js-haimian-zhuanyi-2021', 'narrative-restated-differs', '4月1日', '3.6億元', '4.0億元');
    expect(fs).toEqual([['warning', [4, 3.6], expect.stringContaining('管网及污水处理补助资金')]]);
  }, 60_000);
});
