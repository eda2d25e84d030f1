/**
 * Planted restatements in real layouts (bench/planted-real.ts, one plant each): corpus documents
 * (test/corpus/real/<id>/source.txt) with one figure of their prose changed, rebuilt as .docx by the
 * corpus writer and read by the pipeline. Each plant is caught by its rule with the planted figure;
 * the unchanged document has no finding of these rules.
 */
import { describe, expect, it } from 'vitest';
import { findingsOf, planted, show, source } from './planted-real-helpers.js';
import { NOT_A_LEVEL } from '../../src/rules/lib/restated-label.js';

const RULES = new Set(['narrative-restated-differs', 'numbered-breakdown', 'rate-above-whole']);

const findings = (lines: string[]) => findingsOf(lines, (d) => RULES.has(d.rule));

describe('restatements planted in real reports', () => {
  it("gx-wenlv-feiyi-2021: a form's cells run together in the prose (年度资金总额:21182118100%) are no rate above 100%", async () => {
    expect(await findings(source('gx-wenlv-feiyi-2021'))).toEqual([]);
  }, 60_000);

  it('gx-wenlv-feiyi-2021: 1.年度重点项目补助资金874万元 said again inside its item with a longer name (…代表性项目保护补助资金874万元) is a part like the item, not the form’s 2118 whole', async () => {
    const mismatch = (lines: string[]) => findingsOf(lines, (d) => d.rule === 'figure-mismatch');
    expect(await mismatch(source('gx-wenlv-feiyi-2021'))).toEqual([]);
  }, 60_000);

  it('hn-hengshan-guantang-2023: 项目支出 1025.20 in the 基础数据表 and in the form’s 按支出性质分 — changed in either, one warning naming both cells', async () => {
    const lines = source('hn-hengshan-guantang-2023');
    const restated = (ls: string[]) => findingsOf(ls, (d) => d.rule === 'same-measure-differs');
    expect(await restated(lines)).toEqual([]);
    for (const where of ['项目支出:1025.20', '项目支出: | 874.20']) {
      const fs = await restated(planted(lines, where, '1025.20', '1127.72'));
      expect(fs.map((f) => [f.severity, [...f.values].sort((x, y) => x - y)]), show(fs)).toEqual([['warning', [1025.2, 1127.72]]]);
      expect(fs[0].evidence.map((e) => e.location.part)).toEqual(['部门整体支出绩效评价基础数据表', '部门整体支出绩效自评表']);
    }
  }, 60_000);

  it('hn-nanxian-jiuye-2023: item 4 of the list after 具体如下 changed — the items no longer add up to 609.74万元', async () => {
    const lines = source('hn-nanxian-jiuye-2023');
    expect(await findings(lines)).toEqual([]);
    const fs = await findings(planted(lines, '4、就业专项资金', '594.74万元', '654.21万元'));
    expect(fs.map((f) => f.rule), show(fs)).toEqual(['numbered-breakdown']);
    const [f] = fs;
    expect(f.severity).toBe('warning');
    // 609.74 / 15 / 594.74 announced, 5 + 5 + 5 + 654.21 = 669.21 listed
    expect(f.values).toEqual([609.74, 15, 594.74, 669.21, 5, 5, 5, 654.21]);
    expect(f.message).toContain('配对依据');
    expect(f.message).toContain('参与绩效评价的项目4个”与项数相符');
  }, 60_000);

  it('hn-nanxian-jiuye-2023: a fifth item added — four announced, five listed', async () => {
    const lines = source('hn-nanxian-jiuye-2023');
    const i = lines.findIndex((l) => l.startsWith('4、就业专项资金'));
    const more = [...lines.slice(0, i + 1), '5、其他经费0万元,用于零星支出。', ...lines.slice(i + 1)];
    const fs = await findings(more);
    const count = fs.find((f) => f.values.length === 2);
    expect(count?.values, show(fs)).toEqual([4, 5]);
  }, 60_000);

  it('hb-longganhu-nongji-2023: one sentence written twice, its 共计84.47万元 changed in the second — the figure has no name, the sentence is one', async () => {
    const lines = source('hb-longganhu-nongji-2023');
    expect(await findings(lines)).toEqual([]);
    const i = lines.findIndex((l, k) => k > lines.findIndex((m) => m.includes('共计84.47万元')) && l.includes('共计84.47万元'));
    const changed = [...lines];
    changed[i] = changed[i].replace('共计84.47万元', '共计92.92万元');
    const fs = await findings(changed);
    expect(fs.map((f) => [f.rule, f.severity, f.values]), show(fs)).toEqual([['narrative-restated-differs', 'warning', [84.47, 92.92]]]);
    expect(fs[0].message).toContain('两处句子除此数字外逐字相同');
  }, 60_000);

  it('js-yangzhou-fgw-2019: 市财政投入2000万元 restated as 市级财政投入金额 with another value — one level’s finance with or without 级', async () => {
    const lines = source('js-yangzhou-fgw-2019');
    expect(await findings(lines)).toEqual([]);
    const fs = await findings(planted(lines, '市级财政投入金额', '2000万元', '2200万元'));
    expect(fs.map((f) => [f.rule, f.severity, f.values]), show(fs)).toEqual([['narrative-restated-differs', 'warning', [2000, 2200]]]);
  }, 60_000);

  it('sc-mianyang-kejiju-2021: 部门预算项目支出 restated in 资金安排情况 with another value', async () => {
    const lines = source('sc-mianyang-kejiju-2021');
    expect(await findings(lines)).toEqual([]);
    const fs = await findings(planted(lines, '2021年部门预算项目支出', '87.5万元', '96.3万元'));
    expect(fs.map((f) => f.rule), show(fs)).toEqual(['narrative-restated-differs']);
    expect(fs[0].values).toEqual([87.5, 96.3]);
    expect(fs[0].severity).toBe('warning');
    expect(fs[0].message).toMatch(/配对依据：.*名称相同（“部门预算项目支出”）/);
  }, 60_000);

  it('ha-xiping-nongchanpin-2023: 项目资金 restated as 8811万元 in the next paragraph', async () => {
    const lines = source('ha-xiping-nongchanpin-2023');
    expect(await findings(lines)).toEqual([]);
    const fs = await findings(planted(lines, '均已到位', '8010万元', '8811万元'));
    expect(fs.map((f) => f.rule), show(fs)).toEqual(['narrative-restated-differs']);
    expect(fs[0].values).toEqual([8811, 8010]);
  }, 60_000);

  it('yn-honghe-eryuan-2023: the owner named in one statement only (…第二人民医院国家基本公共卫生服务项目州级补助资金)', async () => {
    const lines = source('yn-honghe-eryuan-2023');
    expect(await findings(lines)).toEqual([]);
    const fs = await findings(planted(lines, '国家基本公共卫生服务项目州级补助资金2.00万元,截至', '2.00万元', '2.20万元'));
    expect(fs.map((f) => f.rule), show(fs)).toEqual(['narrative-restated-differs']);
    expect(fs[0].values).toEqual([2, 2.2]);
    expect(fs[0].message).toContain('一处另写明主体');
  }, 60_000);

  it('nx-xingqing-zhuanyunzhan-2022: 资金到位率 written 110% is a warning; 验收合格率 110% an error', async () => {
    const lines = source('nx-xingqing-zhuanyunzhan-2022');
    expect(await findings(lines)).toEqual([]);
    const arrival = await findings(planted(lines, '资金到位率', '到位率100%', '到位率110%'));
    expect(arrival.map((f) => [f.rule, f.severity, f.values]), show(arrival)).toEqual([['rate-above-whole', 'warning', [110, 100]]]);
    const passed = await findings(planted(lines, '验收合格率', '合格率100%', '合格率110%'));
    expect(passed.map((f) => [f.rule, f.severity, f.values]), show(passed)).toEqual([['rate-above-whole', 'error', [110, 100]]]);
  }, 60_000);

  it('xj-yumin-zhongdian-2021: one name for each numbered project (下达财政专项扶贫资金197万元 / 108万元) is no restatement', async () => {
    expect(await findings(source('xj-yumin-zhongdian-2021'))).toEqual([]);
  }, 60_000);
  it('sc-panzhihua-cesuo-2019: 旅游发展基金资金55万元 (其中:东区50万元) against 旅游发展基金50万元 — one head noun said twice', async () => {
    const lines = source('sc-panzhihua-cesuo-2019');
    expect(await findings(lines)).toEqual([]);
    const fs = await findings(planted(lines, '旅游发展基金资金', '基金资金50万元', '基金资金55万元'));
    expect(fs.map((f) => [f.rule, f.values]), show(fs)).toEqual([['narrative-restated-differs', [55, 50]]]);
  }, 60_000);

  it('sc-wenchuan-food-2021: sections run into one paragraph — 上年结转结余资金 under 一、 and again under 二、…情况分析', async () => {
    const lines = source('sc-wenchuan-food-2021');
    expect(await findings(lines)).toEqual([]);
    const i = lines.findIndex((l) => l.split('结转结余资金2万元').length === 3);
    const at = lines[i].lastIndexOf('结转结余资金2万元') + '结转结余资金'.length;
    const changed = [...lines];
    changed[i] = `${lines[i].slice(0, at)}3${lines[i].slice(at + 1)}`;
    const fs = await findings(changed);
    expect(fs.map((f) => [f.rule, f.values]), show(fs)).toEqual([['narrative-restated-differs', [2, 3]]]);
  }, 60_000);

  it('hn-wenlv-xiju-2022: 其中专项资金 under 1.项目资金到位情况 and 专项资金 under 2.项目资金执行情况分析 of one run-on paragraph', async () => {
    const lines = source('hn-wenlv-xiju-2022');
    expect(await findings(lines)).toEqual([]);
    const fs = await findings(planted(lines, '其中专项资金20万元', '其中专项资金20万元', '其中专项资金22万元'));
    expect(fs.map((f) => [f.rule, f.values]), show(fs)).toEqual([['narrative-restated-differs', [22, 20]]]);
  }, 60_000);
  it('gx-luocheng-zhenan: labels cut at their start (安村获得… / 我乡镇安村…) share the long tail 中央专项扶持壮大村集体经济资金; another village is another amount', async () => {
    const lines = source('gx-luocheng-zhenan');
    expect(await findings(lines)).toEqual([]);
    const fs = await findings(planted(lines, '拨付我乡镇安村', '村集体经济资金50万元', '村集体经济资金55万元'));
    expect(fs.map((f) => [f.rule, f.values]), show(fs)).toEqual([['narrative-restated-differs', [50, 55]]]);
    // the same words for 泗潘村: the heads name two villages, no pairing
    const other = planted(lines, '拨付我乡镇安村', '我乡镇安村20xx年中央专项扶持壮大村集体经济资金50万元', '我乡泗潘村20xx年中央专项扶持壮大村集体经济资金55万元');
    expect(await findings(other)).toEqual([]);
  }, 60_000);

  it('ha-gushi-zushimiao-2024: the project’s money named two ways (安排项目资金 / 下达建设资金) is one fund; gd-yiyuan-guanli-2019’s 一是… task is not its project’s fund', async () => {
    const lines = source('ha-gushi-zushimiao-2024');
    expect(await findings(lines)).toEqual([]);
    const fs = await findings(planted(lines, '下达建设资金', '下达建设资金56万元', '下达建设资金62万元'));
    expect(fs.map((f) => [f.rule, f.severity, f.values]), show(fs)).toEqual([['narrative-restated-differs', 'warning', [56, 62]]]);
    expect(fs[0].message).toContain('两处均为本项目资金总额');
    // "安排…项目预算资金509774.50万元" and "一是高水平医院建设项目,安排项目预算资金420000.00万元": a task of the whole
    expect(await findings(source('gd-yiyuan-guanli-2019'))).toEqual([]);
  }, 60_000);
});

describe('NOT_A_LEVEL on real labels', () => {
  it('sc-panzhihua-cesuo-2019: "三级及以上博物馆厕所改建" names a class of museums, not a bound; "95%以上" stays a bound', () => {
    const text = source('sc-panzhihua-cesuo-2019').join('\n');
    const label = /生态环保示范旅游厕所建设和三级及以上博物馆厕所改建/.exec(text)?.[0];
    expect(label).toBeTruthy();
    expect(NOT_A_LEVEL.test(label!)).toBe(false);
    expect(NOT_A_LEVEL.test('使牧民满意度达到95%以上')).toBe(true);
  });
});
