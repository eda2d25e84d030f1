/**
 * A report title's year changed in a real narrative (bench/planted-real.ts, kind year-changed): the
 * body names the year evaluated ("2024年度绩效情况", "2024年度财政拨款收入"), so the title's new year
 * is an error; a body that outvotes the title by one mention only gives a warning; a real report
 * on a 2021 fund evaluated in 2022 (its body cites 2022 as often as 2021) keeps its title unflagged.
 * The document's own title lines at its head are titles too (a line no part takes as its title), and a
 * body naming the title's words with another year ("现将我局2023年度部门整体支出绩效自评报告如下") is
 * found even when the votes tie.
 */
import { describe, expect, it } from 'vitest';
import { findingsOf, planted, show, source } from './planted-real-helpers.js';

const yearFindings = (lines: string[]) => findingsOf(lines, (d) => d.rule === 'year-consistency');

describe('a report title year changed in a real narrative', () => {
  it('gd-xuwen-xiaqiao-2024: 下桥镇人民政府2024年度绩效自评报告 → 2023年度 is an error against the body’s 2024年度', async () => {
    const lines = source('gd-xuwen-xiaqiao-2024');
    expect(await yearFindings(lines)).toEqual([]);
    const fs = await yearFindings(planted(lines, '下桥镇人民政府2024年度', '2024年度', '2023年度'));
    expect(fs.map((f) => [f.severity, f.values]), show(fs)).toEqual([['error', [2023, 2024]]]);
    expect(fs[0].message).toContain('下桥镇人民政府2023年度绩效自评报告');
  }, 60_000);

  it('yn-honghe-daqi-2021: the 2021 fund’s report written in 2022 is not flagged; its title changed to 2020 is a warning', async () => {
    const lines = source('yn-honghe-daqi-2021');
    expect(await yearFindings(lines)).toEqual([]);
    const fs = await yearFindings(planted(lines, '= 红河州生态环境局2021年', '2021年', '2020年'));
    // the body then leans to 2022 (评价 in 2022) over the title's 2020 by one mention: a warning naming the body
    expect(fs.map((f) => [f.severity, f.values]), show(fs)).toEqual([['warning', [2020, 2022]]]);
    expect(fs[0].message).toContain('正文');
  }, 60_000);

  /** A title year changed in a corpus document: unchanged, no finding; changed, one finding of this severity and values, saying `says`. */
  const cases: Array<{ name: string; id: string; where: string; from: string; to: string; severity: 'error' | 'warning'; values: number[]; says: string }> = [
    {
      name: 'yn-anning-scjgj-2023: a title changed to 2022 while the body names “2023年度部门整体支出绩效自评报告” is a warning naming both',
      id: 'yn-anning-scjgj-2023', where: '= 安宁市市场监督管理局2023年度', from: '2023年度', to: '2022年度', severity: 'warning', values: [2022, 2023], says: '现将我局2023年度部门整体支出绩效自评报告如下',
    },
    {
      name: 'yn-xundian-tongzhan-2024: the document’s first line (not the narrative’s title) changed to 2023 is an error against the body',
      id: 'yn-xundian-tongzhan-2024', where: '= 中共寻甸县委统战部2024年', from: '2024年', to: '2023年', severity: 'error', values: [2023, 2024], says: '中共寻甸县委统战部2023年部门整体支出绩效自评报告',
    },
    {
      name: 'hb-ezhou-czj-2019: a plain first line “市财政局2019年度项目支出绩效自评表” changed to 2018 is an error against the form titles',
      id: 'hb-ezhou-czj-2019', where: '市财政局2019年度', from: '2019年度', to: '2018年度', severity: 'error', values: [2018, 2019], says: '报告标题',
    },
    {
      name: 'gz-taijiang-yiwu-2023: a title changed to 2022 ties the body by its own mention only; the body names 2023 twice more: a warning',
      id: 'gz-taijiang-yiwu-2023', where: '城乡义务教育补助经费转移支付2023年度', from: '2023年度', to: '2022年度', severity: 'warning', values: [2022, 2023], says: '正文多处所述为2023年',
    },
    {
      name: 'hb-hbust-jiangzhu-2021: a title changed to 2020 while the body names its subject “2021年本专科生奖助学金项目” only with 2021: a warning',
      id: 'hb-hbust-jiangzhu-2021', where: '= 2021年度本专科生奖助学金', from: '2021年度', to: '2020年度', severity: 'warning', values: [2020, 2021], says: '2021年本专科生奖助学金项目',
    },
    {
      name: 'yn-linxiang-shourongsuo-2023: a title changed to 2022 while its form names the project “2023年马鹿坑国有林场…建设项目”: a warning quoting the cell',
      id: 'yn-linxiang-shourongsuo-2023', where: '= 2023年马鹿坑国有林场', from: '2023年', to: '2022年', severity: 'warning', values: [2022, 2023], says: '表中“2023年马鹿坑国有林场新建野生动物收容所建设项目”',
    },
    {
      name: 'jx-xunyang-fgw-2024: the first line “…发改委部门整体支出报告” (no 绩效 in it) is a title: changed to 2023 it is an error against the body',
      id: 'jx-xunyang-fgw-2024', where: '= 2024年九江市浔阳区', from: '2024年', to: '2023年', severity: 'error', values: [2023, 2024], says: '2023年九江市浔阳区发改委部门整体支出报告',
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const lines = source(c.id);
      expect(await yearFindings(lines)).toEqual([]);
      const fs = await yearFindings(planted(lines, c.where, c.from, c.to));
      expect(fs.map((f) => [f.severity, f.values]), show(fs)).toEqual([[c.severity, c.values]]);
      expect(fs[0].message).toContain(c.says);
      // the changed title is the first evidence
      expect(fs[0].evidence[0].text).toContain(c.to);
    }, 60_000);
  }
});
