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

  it('the same bracket without its 其中 is a list of one part, and is summed', async () => {
    const model = await corpusEdited('yn-xundian-xianweiban-2023', ['(不含兼职,其中,分管日常工作', '(不含兼职,分管日常工作']);
    expect(totalParts(checkModel(model).findings, 4)).toHaveLength(1);
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
