import { describe, expect, it } from 'vitest';
import { clusterPositions } from '../../parsers/pdf/cluster.js';
import { compare } from './corpus-prints.js';
import { paragraphs, tables } from './helpers.js';

/**
 * Column borders of real prints of corpus reports (issue 13) that land a point or two apart: they are one
 * border, not a column no text fits, and no cell is lost to a cell beside it.
 */
describe('column borders a point or two apart are one border (parsers/pdf/cluster.ts)', () => {
  it('98.72 101.11 | 101.28 ×5 (the 项目资金 cell\'s right border, two stacked tables of a web page) is one boundary, not two 1.4 pt apart', () => {
    expect(clusterPositions([69.2, 98.72, 101.11, 101.28, 101.28, 101.28, 101.28, 101.28, 124.97], 2.5).map((x) => x.toFixed(1))).toEqual(['69.2', '100.9', '125.0']);
    // borders farther apart than the snap stay two
    expect(clusterPositions([98, 98.5, 101.5, 102], 2.5)).toHaveLength(2);
  });
});

describe('Chromium, tables ruled: the budget form and the indicator form set one under the other, their left column borders 2.6 pt apart', () => {
  it('the budget rows keep their labels (年度资金总额…其他资金) and the 预算执行 得分 9 counts: no false total-score error (94 against 84)', async () => {
    const { reference, run, missed, extra } = await compare('sx-jishan-jiandang-2020', 'chromium-ruled');
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
    const labels = (r: typeof run) => r.report.projects.flatMap((p) => p.budget?.rows ?? []).map((b) => b.label.replace(/\s+/gu, ''));
    expect(labels(reference)).toContain('年度资金总额');
    expect(labels(run)).toEqual(labels(reference));
    expect(run.findings.filter((f) => f.rule === 'total-score').map((f) => f.values)).toEqual(reference.findings.filter((f) => f.rule === 'total-score').map((f) => f.values));
    // the 预期目标 text beside 年度总体目标 is read too (it was lost with the labels)
    expect(JSON.stringify(run.document?.blocks)).toContain('推进因病致贫问题的根本性解决');
  }, 240_000);
});

describe('Chromium: two tables of the web page set touching at the top of a page (one ruled grid, column borders shared)', () => {
  it.each(['chromium-ruled', 'chromium-truetype'] as const)('%s: the indicator rows cut by the break join the form of page 1; the 序号 | 学校性质 … list under them is a table of its own', async (producer) => {
    const { reference, run, missed, extra } = await compare('sx-lvliang-hugong-2021', producer);
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
    const names = (r: typeof run) => [r.report.deptSelfEval, ...r.report.projects].flatMap((f) => f?.indicators ?? []).map((i) => i.level3.replace(/\s+/gu, ''));
    expect(names(reference)).toContain('考核任务完成及时');
    expect(names(run)).toEqual(names(reference));
    const list = tables(run.document).find((t) => t.cells.some((c) => c.text === '学校性质'))!;
    expect(list.cells.some((c) => c.text.includes('满意度'))).toBe(false);
  }, 240_000);
});

describe('two pages on one sheet (two-up), the right half holding the report\'s last line only', () => {
  it('the sheet is read as two pages: the title "…绩效自评报告" is whole, not joined to the right half\'s line "依据省级开展…"; the 绩效自评报告 part named by it as in the .docx', async () => {
    const { reference, run, missed, extra } = await compare('ah-jingde-yinshui-2021', 'two-up');
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
    const texts = paragraphs(run.document).map((t) => t.replace(/\s+/gu, ''));
    expect(texts[0]).toBe('旌德县2021年农村饮水工程维修养护工程水利发展资金绩效自评报告');
    expect(texts.some((t) => t.includes('自评报依据'))).toBe(false);
    // the report's 绩效自评报告 part, named by its title as in the .docx
    const titles = (r: typeof run) => r.report.narratives.map((n) => n.title);
    expect(titles(reference).join()).toContain('绩效自评报告');
    expect(titles(run)).toEqual(titles(reference));
  }, 240_000);
});
