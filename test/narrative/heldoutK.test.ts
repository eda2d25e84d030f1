import { describe, expect, it } from 'vitest';
import { checkModel } from '../helpers/check.js';
import { corpusEdited, corpusModel } from '../helpers/corpus.js';
import { statsOf } from './helpers.js';

/**
 * Held-out K (narrative-only reports of 党委/政协/统计/机关事务 units, a 岳阳 cover in traditional characters). The first
 * look showed a bracket that opens with a note and then says 其中 (副主任4名（不含兼职，其中，分管日常工作的副主任1名为正科级…）)
 * summed as a list of parts, and a 岳阳 自评报告 whose title the page lost (its cover 评价方式：部门(单位)绩效自评, then the
 * 基本概况 form with its story in the cells) read as a form alone in the .docx, the cell 年度部门(单位)总体运行情况及取得的成绩
 * never read as prose.
 */

const totalParts = (findings: Array<{ rule: string; values?: unknown[] }>, value: number) =>
  findings.filter((f) => f.rule === 'narrative-total-parts' && (f.values ?? []).includes(value));

describe('held-out K: a bracket that opens with a note, then 其中', () => {
  it('副主任4名（不含兼职，其中，…副主任1名为正科级…）: no total-parts finding (.docx and .pdf)', async () => {
    for (const ext of ['docx', 'pdf']) expect(totalParts(checkModel(await corpusModel('yn-xundian-xianweiban-2023', ext)).findings, 4), ext).toEqual([]);
  });

  it('the same bracket without its 其中 is no breakdown either: one figure of the list item’s own kind is a subset (heldoutJ)', async () => {
    // heldoutK alone summed it as a list of one part (1 ≠ 4); heldoutJ's reading of a list item's bracket that holds one figure
    // of the item's kind (承德's 差 item, "20个（其中16个…）") makes it a subset with or without the 其中.
    const model = await corpusEdited('yn-xundian-xianweiban-2023', ['(不含兼职,其中,分管日常工作', '(不含兼职,分管日常工作']);
    expect(totalParts(checkModel(model).findings, 4)).toEqual([]);
  });

  it('the figures after the note\'s 其中 are a subset of the figure before the bracket', () => {
    const stats = statsOf('单位共有职工50人（不含退休人员，其中党员12人、团员6人）。');
    const whole = stats.find((s) => s.figure.value === '50')!;
    for (const v of ['12', '6']) {
      const part = stats.find((s) => s.figure.value === v)!;
      expect(part.partOf, v).toBe(whole.id);
      expect(part.relation, v).toBe('subset');
    }
  });
});

describe('held-out K: a 岳阳 cover whose title the page lost', () => {
  const reportOf = async (ext: string) => checkModel(await corpusModel('hn-yueyangxian-zhengxie-2019', ext)).report;

  it('评价方式：部门(单位)绩效自评 opens a report over the form: a unit\'s, by its 部门(单位)名称 (.docx; the .pdf joins the cover lines into a title)', async () => {
    for (const ext of ['docx', 'pdf']) {
      const r = await reportOf(ext);
      expect(r.narratives, ext).toHaveLength(1);
      expect(r.basicData?.staffing?.authorized?.text, ext).toBe('27');
    }
    expect((await reportOf('docx')).narratives[0].reportKind).toBe('dept');
  });

  it('a project\'s cover (项目名称：…) over a form of figures alone opens no report of its own (岳阳县 农村公路养护 2020)', async () => {
    const r = checkModel(await corpusModel('hn-yueyangxian-gonglu-2020')).report;
    expect(r.narratives).toEqual([]);
    expect(r.projects).toHaveLength(1);
  });

  it('the cell 年度部門(單位)總體運行情況及取得的成績 is read as prose: its counts are statistics', async () => {
    for (const ext of ['docx', 'pdf']) {
      const counted = (await reportOf(ext)).statistics.map((s) => `${s.figure.value}${s.figure.unit}`);
      expect(counted, ext).toEqual(expect.arrayContaining(['2次', '9次', '7次', '5次']));
    }
  });

  it('without the method line the cover alone opens no report in the .docx', async () => {
    const model = await corpusEdited('hn-yueyangxian-zhengxie-2019', ['評價方式:部門(單位)績效自評', '']);
    expect(checkModel(model).report.narratives).toEqual([]);
  });
});

/**
 * Batch B, looked at after the fixes above: 桃源 人大办 2020 (a 其中 list of 基本支出 and 项目支出, then a second 其中 of economic
 * classes that make up 基本支出) and 新宁 马头桥镇 2020 (编制 split, then 年末实有在职人员113人 with its own 其中) — both summed every
 * figure up to the sentence's end as one list.
 */
describe('held-out K batch B: a later 其中 in the sentence', () => {
  const byValue = (stats: Array<{ id: string; figure: { value: string }; partOf?: string | null }>, v: string) => stats.find((s) => s.figure.value === v)!;

  it('其中：基本支出1006.67万元；项目支出379.53万元；其中工资福利…: the classes divide 基本支出, and 1386.33 is stated against 1386.2 (.docx and .pdf)', async () => {
    for (const ext of ['docx', 'pdf']) {
      const { report, findings } = checkModel(await corpusModel('hn-taoyuan-renda-2020', ext));
      expect(byValue(report.statistics, '729.14').partOf, ext).toBe(byValue(report.statistics, '1006.67').id);
      const totals = findings.filter((f) => f.rule === 'narrative-total-parts');
      expect(totals.map((f) => f.values), ext).toEqual([[1386.33, 1386.2]]);
    }
  });

  it('a later list that adds up to no figure before it divides the part right before it, as it reads (项目支出379.53)', async () => {
    const model = await corpusEdited('hn-taoyuan-renda-2020', ['商品和服务支出152.93万元', '商品和服务支出152.94万元']);
    const { report, findings } = checkModel(model);
    expect(byValue(report.statistics, '729.14').partOf).toBe(byValue(report.statistics, '379.53').id);
    expect(findings.filter((f) => f.rule === 'narrative-total-parts').map((f) => f.values)).toEqual([[1386.33, 1386.2], [379.53, 1006.68]]);
  });

  it('编制117 = 48 + 4 + 65; 年末实有在职人员113人，其中48 + 65: two wholes, no finding (.docx and .pdf)', async () => {
    for (const ext of ['docx', 'pdf']) {
      const { report, findings } = checkModel(await corpusModel('hn-xinning-matouqiao-2020', ext));
      expect(findings.filter((f) => f.rule === 'narrative-total-parts'), ext).toEqual([]);
      expect(byValue(report.statistics, '113').partOf ?? null, ext).toBeNull();
    }
  });

  it('the same parts one short of 117: the 编制 list is still summed and found', async () => {
    const model = await corpusEdited('hn-xinning-matouqiao-2020', ['工勤编制 4 人', '工勤编制 3 人']);
    const totals = checkModel(model).findings.filter((f) => f.rule === 'narrative-total-parts');
    expect(totals.map((f) => f.values?.[0])).toContain(117);
  });
});
